"""The on-disk schema of data/tax/<year>.toml and of the user's own tax-<year>.toml, validated strictly with Pydantic.

A user's tax year (``chefloen tax add``) has the shipped files' schema, with status ``user`` on every rule and a
source that need not be a web page. Any rule may say ``copied_from = <year>``: its figures were copied from that
year's rules and are to be checked. A kroner amount that personskattelovens § 20 regulates may be written as its
2010 grundbeløb, ``{ base_2010 = 39350 }``, with the year's ``reguleringstal`` at the top of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Annotated, ClassVar, Self

from pydantic import Field, PlainValidator, StringConstraints, model_validator

from chefloen.loading.schema import (
    SHIPPED,
    USER,
    Number,
    Percent,
    Sourced,
    SourceEntry,
    Strict,
    Text,
    UserSourceEntry,
    check_status,
)
from chefloen.model import Status
from chefloen.money import MAX_AMOUNT, given_decimals

# Income years a tax file may be for (and be copied from): a guard against typos such as 20277.
FIRST_YEAR, LAST_YEAR = 2000, 2100
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
# The reguleringstal of 2010 is 100; Skatteministeriet publishes each year's with one decimal (2026: 137,3).
Reguleringstal = Annotated[Number, Field(gt=0, lt=1000, allow_inf_nan=False)]
BASE_KEY = "base_2010"


@dataclass(frozen=True, slots=True)
class Base2010:
    """A § 20 amount written as its 2010 grundbeløb; the year's amount is :func:`regulated` from it."""

    base_2010: int


def regulated(base_2010: int, reguleringstal: Decimal) -> int:
    """A 2010 grundbeløb regulated by a year's reguleringstal: personskattelovens § 20, stk. 2, rounds the result
    up to a whole multiple of 100 kr. Exact.

    >>> regulated(1_888_300, Decimal("137.3")), regulated(39_350, Decimal("137.3")), regulated(100, Decimal(100))
    (2592700, 54100, 100)
    """
    exact = Decimal(base_2010) * reguleringstal / 10_000  # kroner in hundreds; exact, a few digits of 28
    return int(exact.to_integral_value(rounding=ROUND_CEILING)) * 100


def _kroner_or_base(value: object) -> int | Base2010:
    # One readable problem for either form, where a union would report a failed attempt at each.
    if isinstance(value, dict):
        if set(value) != {BASE_KEY}:
            raise ValueError(
                f"an inline table here holds only {BASE_KEY}, the 2010 grundbeløb: {{ {BASE_KEY} = 39350 }}"
            )
        return Base2010(_whole_kroner(value[BASE_KEY], BASE_KEY + ": "))
    return _whole_kroner(value, "")


def _whole_kroner(value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{where}must be a whole number of kroner, or {{ {BASE_KEY} = … }} (its 2010 grundbeløb)")
    if not 0 < value <= MAX_AMOUNT:
        raise ValueError(f"{where}must be above 0 and at most {int(MAX_AMOUNT)} kr.")
    return value


# A kroner amount that § 20 regulates: whole kroner as printed, or its 2010 grundbeløb.
Amount = Annotated[int | Base2010, PlainValidator(_kroner_or_base)]


class Rule(Sourced):
    """A rule of a tax year; ``copied_from``: its figures are copied from that year and not yet checked."""

    copied_from: Year | None = None


class Rate(Rule):
    percent: Percent


class Atp(Rule):
    annual_employee_share: Annotated[int, Field(ge=0, le=MAX_AMOUNT)]


class Personfradrag(Rule):
    amount: Amount


class Beskaeftigelsesfradrag(Rate):
    maximum: Amount


class Jobfradrag(Rate):
    threshold: Amount
    maximum: Amount


class Bracket(Rate):
    name: Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]
    threshold: Amount
    ceiling: Percent  # the skatteloft, a percentage of the bracket's base


class Kommune(Strict):
    name: Text
    kommuneskat: Percent
    kirkeskat: Percent


class TaxFile(Strict):
    kind: str = Field(pattern="^tax$")
    year: Year
    reguleringstal: Reguleringstal | None = None
    sources: dict[str, SourceEntry] = Field(min_length=1)
    am_bidrag: Rate
    atp: Atp
    personfradrag: Personfradrag
    beskaeftigelsesfradrag: Beskaeftigelsesfradrag
    jobfradrag: Jobfradrag
    bundskat: Rate
    bracket: list[Bracket] = Field(min_length=1)
    kommuner: Rule
    kommune: list[Kommune] = Field(min_length=1)
    statuses: ClassVar[tuple[Status, ...]] = SHIPPED

    def rules(self) -> dict[str, Rule]:
        """Every rule by where it is in the file."""
        rules: dict[str, Rule] = {
            "am_bidrag": self.am_bidrag,
            "atp": self.atp,
            "personfradrag": self.personfradrag,
            "beskaeftigelsesfradrag": self.beskaeftigelsesfradrag,
            "jobfradrag": self.jobfradrag,
            "bundskat": self.bundskat,
            "kommuner": self.kommuner,
        }
        return rules | {f"bracket.{position}": bracket for position, bracket in enumerate(self.bracket)}

    def amounts(self) -> dict[str, int | Base2010]:
        """Every kroner amount that may be written as a 2010 grundbeløb, by where it is in the file."""
        amounts = {
            "personfradrag.amount": self.personfradrag.amount,
            "beskaeftigelsesfradrag.maximum": self.beskaeftigelsesfradrag.maximum,
            "jobfradrag.threshold": self.jobfradrag.threshold,
            "jobfradrag.maximum": self.jobfradrag.maximum,
        }
        return amounts | {f"bracket.{position}.threshold": b.threshold for position, b in enumerate(self.bracket)}

    def kroner(self, value: int | Base2010) -> int:
        """An amount of the file in kroner: as written, or regulated from its 2010 grundbeløb (checked on load)."""
        if isinstance(value, int):
            return value
        assert self.reguleringstal is not None  # _consistent refuses a grundbeløb without it
        return regulated(value.base_2010, self.reguleringstal)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.reguleringstal is not None and given_decimals(self.reguleringstal) > 1:
            raise ValueError(
                f"reguleringstal: {self.reguleringstal} has more than one decimal; it is published with one (137.3)"
            )
        rules = self.rules()
        for where, rule in rules.items():
            if rule.source not in self.sources:
                raise ValueError(f"{where}.source: unknown source {rule.source!r} (known: {', '.join(self.sources)})")
            check_status(rule.status, self.statuses, where)
            if rule.copied_from == self.year:
                raise ValueError(f"{where}.copied_from: {self.year} is this file's own year")
        for where, value in self.amounts().items():
            if isinstance(value, Base2010) and self.reguleringstal is None:
                raise ValueError(
                    f"{where}: {{ {BASE_KEY} = {value.base_2010} }} needs the year's reguleringstal at the top of the "
                    "file, e.g. reguleringstal = 137.3 (2026)"
                )
            if self.kroner(value) > MAX_AMOUNT:
                raise ValueError(f"{where}: {self.kroner(value)} kr. is above {int(MAX_AMOUNT)} kr.")
        for position in range(1, len(self.bracket)):
            if self.kroner(self.bracket[position].threshold) <= self.kroner(self.bracket[position - 1].threshold):
                raise ValueError(f"bracket.{position}.threshold: must be above the bracket before it")
        taken = set(rules) | {"kommuneskat", "kirkeskat"}
        for position, bracket in enumerate(self.bracket):
            if bracket.name in taken:
                raise ValueError(f"bracket.{position}.name: {bracket.name!r} is already the name of another tax line")
            taken.add(bracket.name)
        from chefloen.tax import place_key

        # Names are looked up as people write them (place_key), so two that read alike there are one name.
        names = [place_key(kommune.name) for kommune in self.kommune]
        for position, name in enumerate(names):
            if not name or name in names[:position]:
                raise ValueError(f"kommune.{position}.name: duplicate kommune {self.kommune[position].name!r}")
        return self


class UserTaxFile(TaxFile):
    """The user's own tax year (``chefloen tax add``): every rule with status ``user``."""

    sources: dict[str, UserSourceEntry] = Field(min_length=1)  # type: ignore[assignment]
    statuses: ClassVar[tuple[Status, ...]] = USER
