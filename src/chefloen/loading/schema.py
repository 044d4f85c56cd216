"""The on-disk schema of data/scales/*.toml and of the user's own tables, validated strictly with Pydantic.

The user's files (``chefloen index add``, ``chefloen postings add``) use the same rows as the shipped
ones, with status ``user`` and a source that need not be a web page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Annotated, ClassVar, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

from chefloen.model import Status
from chefloen.money import MAX_AMOUNT

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
# KRL publishes the reguleringsprocent to four decimals, so a factor has six.
FACTOR_PLACES = 6


def _int_as_decimal(value: object) -> object:
    # TOML writes whole numbers as integers; strict mode would refuse them as Decimals.
    return Decimal(value) if isinstance(value, int) and not isinstance(value, bool) else value


Number = Annotated[Decimal, BeforeValidator(_int_as_decimal)]
Kroner = Annotated[int, Field(gt=0, le=MAX_AMOUNT)]
Percent = Annotated[Number, Field(ge=0, lt=100, allow_inf_nan=False)]
# Guards against typos (and against amounts beyond Decimal's precision): regulation moves the factor
# by a few percent a year, and a week has 168 hours, a year 53 weeks and 8784 hours.
FactorValue = Annotated[Number, Field(gt=0, lt=100, allow_inf_nan=False)]
WeeklyHours = Annotated[Number, Field(gt=0, le=168, allow_inf_nan=False)]
WeeksPerYear = Annotated[Number, Field(gt=0, le=53, allow_inf_nan=False)]
AnnualHours = Annotated[Number, Field(gt=0, le=8784, allow_inf_nan=False)]
# The one Status (chefloen.model); shipped rows may use these, the user's own rows only "user".
SHIPPED: tuple[Status, ...] = ("sourced", "inferred", "expected")
USER: tuple[Status, ...] = ("user",)
# A guard against typos such as 2205-10-01: no regulation is dated this far out.
LATEST_DATE = dt.date(2100, 1, 1)
Date = Annotated[dt.date, Field(ge=dt.date(1990, 1, 1), lt=LATEST_DATE)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class SourceEntry(Strict):
    title: Text
    url: Url


class UserSourceEntry(Strict):
    """A user's source: any text, with a web address when the user gave one."""

    title: Text
    url: Url | Literal[""] = ""


class Sourced(Strict):
    status: Status
    source: Text
    basis: str = ""


def check_status(status: Status, allowed: Sequence[Status], where: str) -> None:
    if status not in allowed:
        raise ValueError(f"{where}.status: {status!r} is not allowed here; use {' or '.join(allowed)}")


class DataFile(Strict):
    area: Literal["region"]
    sources: dict[str, SourceEntry] = Field(min_length=1)
    statuses: ClassVar[tuple[Status, ...]] = SHIPPED

    def check_sources(self, rows: Sequence[Sourced], field: str) -> None:
        """Every row cites a source of the file and has a status this kind of file may use."""
        for position, row in enumerate(rows):
            if row.source not in self.sources:
                known = ", ".join(self.sources)
                raise ValueError(f"{field}.{position}.source: unknown source {row.source!r} (known: {known})")
            check_status(row.status, self.statuses, f"{field}.{position}")


def check_rising_dates(dates: Sequence[dt.date], field: str) -> None:
    for position in range(1, len(dates)):
        if dates[position] <= dates[position - 1]:
            raise ValueError(
                f"{field}.{position}: {dates[position]} must come after {dates[position - 1]} "
                "(dates strictly increasing, no duplicates)"
            )


class FactorRow(Sourced):
    effective: Date
    value: FactorValue

    @field_validator("value")
    @classmethod
    def _six_places(cls, value: Decimal) -> Decimal:
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > FACTOR_PLACES:
            raise ValueError(f"{value} has more than {FACTOR_PLACES} decimals (KRL publishes six)")
        return value


class PeriodRow(Strict):
    name: Text
    first_regulation: Date
    last_day: Date
    source: Text


class NextRow(Strict):
    """A regulation that may exist after the last factor without being in the file."""

    date: Date
    source: Text
    basis: str = ""


class RegularRow(Sourced):
    """The days of the year on which regulations normally fall."""

    months: list[Annotated[int, Field(ge=1, le=12)]] = Field(min_length=1, max_length=12)
    day: Annotated[int, Field(ge=1, le=28)]

    @field_validator("months")
    @classmethod
    def _rising(cls, months: list[int]) -> list[int]:
        if months != sorted(set(months)):
            raise ValueError("months must be rising, each once")
        return months


class LevelRow(Sourced):
    """The factor from an older grundbeløb level to the file's base level."""

    value: FactorValue


class IndexFile(DataFile):
    kind: Literal["index"]
    base_level: Date
    factor: list[FactorRow] = Field(min_length=1)
    period: list[PeriodRow] = Field(default_factory=list)
    level_2000: LevelRow | None = None
    regular: RegularRow | None = None
    next: NextRow | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        check_rising_dates([row.effective for row in self.factor], "factor")
        check_rising_dates([row.first_regulation for row in self.period], "period")
        self.check_sources(self.factor, "factor")
        if self.regular is not None:
            self.check_sources([self.regular], "regular")
        if self.level_2000 is not None:
            self.check_sources([self.level_2000], "level_2000")
        for position, period in enumerate(self.period):
            if period.last_day < period.first_regulation:
                raise ValueError(f"period.{position}.last_day: {period.last_day} comes before its first regulation")
            if position and period.first_regulation <= self.period[position - 1].last_day:
                raise ValueError(f"period.{position}.first_regulation: overlaps the period before it")
        if self.next is not None:
            if self.next.date <= self.factor[-1].effective:
                raise ValueError(f"next.date: {self.next.date} must come after the last factor")
            if self.next.source not in self.sources:
                raise ValueError(f"next.source: unknown source {self.next.source!r}")
        first = self.factor[0]
        if first.effective != self.base_level or first.value != 1:
            raise ValueError(f"factor.0: the first factor must be 1 on base_level {self.base_level}")
        effective_dates = {row.effective for row in self.factor}
        for position, period in enumerate(self.period):
            if period.first_regulation not in effective_dates:
                raise ValueError(
                    f"period.{position}.first_regulation: no factor takes effect on {period.first_regulation}"
                )
            if period.source not in self.sources:
                raise ValueError(f"period.{position}.source: unknown source {period.source!r}")
        return self


class StepRow(Sourced):
    step: Annotated[str, StringConstraints(pattern=r"^\d+\+?$")]
    loenramme: Annotated[int, Field(gt=0)]
    base_amount: Kroner


class StepFile(DataFile):
    kind: Literal["steps"]
    base_level: Date
    step: list[StepRow] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        seen: set[str] = set()
        for position, row in enumerate(self.step):
            if row.step in seen:
                raise ValueError(f"step.{position}.step: duplicate trin {row.step!r}")
            seen.add(row.step)
            if position and row.base_amount <= self.step[position - 1].base_amount:
                raise ValueError(f"step.{position}.base_amount: must be higher than the trin before it")
            if position and row.loenramme <= self.step[position - 1].loenramme:
                raise ValueError(f"step.{position}.loenramme: must be higher than the trin before it")
        self.check_sources(self.step, "step")
        return self


class RateRow(Sourced):
    effective: Date
    percent: Percent


class GroupRow(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]
    label: Text
    rate: list[RateRow] = Field(min_length=1)


class FritvalgRow(Sourced):
    floor: Percent


class PensionFile(DataFile):
    kind: Literal["pension"]
    fritvalg: FritvalgRow
    group: list[GroupRow] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        ids = [group.id for group in self.group]
        for position, group in enumerate(self.group):
            if group.id in ids[:position]:
                raise ValueError(f"group.{position}.id: duplicate pension group {group.id!r}")
            check_rising_dates([rate.effective for rate in group.rate], f"group.{position}.rate")
            self.check_sources(group.rate, f"group.{position}.rate")
        self.check_sources([self.fritvalg], "fritvalg")
        return self


PostingId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]


class PostingRow(Sourced):
    id: PostingId
    title: Text
    employer: Text
    location: Text
    # The trin as the posting wrote it ("52+1"); `step` is the trin it is modelled on.
    trin_as_posted: Annotated[str, StringConstraints(pattern=r"^\d+\+?(\+\d+)?$")] = ""
    step: Text
    level: Kroner
    level_date: Date
    pension_group: Text
    level_includes_afkoeb: bool
    wording: Text
    note: str = ""


class PostingFile(DataFile):
    kind: Literal["postings"]
    posting: list[PostingRow] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        ids = [posting.id for posting in self.posting]
        for position, posting in enumerate(self.posting):
            if posting.id in ids[:position]:
                raise ValueError(f"posting.{position}.id: duplicate posting id {posting.id!r}")
            posted = posting.trin_as_posted
            if posted and posted != posting.step and not posted.startswith(posting.step + "+"):
                raise ValueError(f"posting.{position}.trin_as_posted: {posted!r} is not trin {posting.step} plus more")
        self.check_sources(self.posting, "posting")
        return self


# --- the user's own tables ---------------------------------------------------------------------


class UserFactorRow(FactorRow):
    """A user's regulation; one added by ``--percent`` keeps it, so that its value can be derived again when an
    earlier regulation of the user's comes or goes."""

    percent: Annotated[Number, Field(gt=-100, lt=100, allow_inf_nan=False)] | None = None


class UserIndexFile(DataFile):
    """The user's own regulations: confirmed factors after the shipped ones (`chefloen index add`)."""

    kind: Literal["index"]
    sources: dict[str, UserSourceEntry] = Field(default_factory=dict)  # type: ignore[assignment]
    factor: list[UserFactorRow] = Field(default_factory=list)
    statuses: ClassVar[tuple[Status, ...]] = USER

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        check_rising_dates([row.effective for row in self.factor], "factor")
        self.check_sources(self.factor, "factor")
        return self


class UserPostingRow(PostingRow):
    """A user's posting may leave out the employer and the location."""

    employer: str = ""
    location: str = ""


class UserPostingFile(PostingFile):
    """The user's own postings (`chefloen postings add`)."""

    sources: dict[str, UserSourceEntry] = Field(default_factory=dict)  # type: ignore[assignment]
    posting: list[UserPostingRow] = Field(default_factory=list)  # type: ignore[assignment]
    statuses: ClassVar[tuple[Status, ...]] = USER


class WorkTimeFile(DataFile, Sourced):
    kind: Literal["worktime"]
    weekly_hours: WeeklyHours
    weeks_per_year: WeeksPerYear
    annual_hours: AnnualHours

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.source not in self.sources:
            raise ValueError(f"source: unknown source {self.source!r} (known: {', '.join(self.sources)})")
        check_status(self.status, SHIPPED, "worktime")
        return self


Month = Annotated[int, Field(ge=1, le=12)]


class PayoutRow(Sourced):
    law_percent: Percent
    law_months: Annotated[list[Month], Field(min_length=2, max_length=2)]
    rest_month: Month

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.law_months[0] >= self.law_months[1]:
            raise ValueError("law_months: the two months in calendar order (May, then August: [5, 8])")
        return self


class HolidayFile(DataFile):
    kind: Literal["holiday"]
    assumption: Text
    rate: list[RateRow] = Field(min_length=1)
    payout: PayoutRow

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        check_rising_dates([rate.effective for rate in self.rate], "rate")
        self.check_sources(self.rate, "rate")
        self.check_sources([self.payout], "payout")
        for position, rate in enumerate(self.rate):
            if rate.percent < self.payout.law_percent:
                raise ValueError(f"rate.{position}.percent: below the ferielov's part, payout.law_percent")
        return self
