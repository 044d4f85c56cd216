"""Plain, frozen domain objects: the loaded scales, a scenario, and the breakdown computed from it.

Glossary (code name = Danish term): step = løntrin; base_amount = grundbeløb at the 31.3.2018
level; index factor = reguleringsfaktor; supplement = tillæg; posting = stillingsopslag;
level = opslagsniveau; afkoeb = afkøb af merarbejde; one_off = engangsvederlag;
part time = deltid; pension group = pensionsgruppe.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Generic, Literal, Protocol, TypeVar

from chefloen.errors import NotCoveredError, UnknownKeyError
from chefloen.money import monthly

Status = Literal["sourced", "inferred", "expected", "assumed"]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a figure comes from."""

    id: str
    title: str
    url: str


class Dated(Protocol):
    @property
    def effective(self) -> dt.date: ...


D = TypeVar("D", bound=Dated)
E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class InForce(Generic[E]):
    """The entry of a dated series in force on a date; ``after_last`` when the date is past its last entry."""

    entry: E
    after_last: bool


def in_force(entries: Sequence[D], on: dt.date, what: str) -> InForce[D]:
    """The entry with the latest effective date on or before ``on``."""
    position = bisect_right(entries, on, key=lambda entry: entry.effective)
    if position == 0:
        raise NotCoveredError(on, entries[0].effective, what)
    return InForce(entries[position - 1], after_last=position == len(entries) and on > entries[-1].effective)


@dataclass(frozen=True, slots=True)
class Factor:
    """A regulation factor and the date it takes effect."""

    effective: dt.date
    value: Decimal
    status: Status
    source: Source
    basis: str = ""


@dataclass(frozen=True, slots=True)
class Period:
    """An agreement period (OK18, OK21, …), named by its first regulation."""

    name: str
    first_regulation: dt.date
    start_level: Decimal


@dataclass(frozen=True, slots=True)
class IndexSeries:
    """The regulation factors in date order and the agreement periods they fall in."""

    factors: tuple[Factor, ...]
    periods: tuple[Period, ...]

    def at(self, on: dt.date) -> InForce[Factor]:
        """The factor in force on ``on``."""
        return in_force(self.factors, on, "the regulation factor")

    @property
    def last(self) -> Factor:
        return self.factors[-1]


@dataclass(frozen=True, slots=True)
class Step:
    """A chef trin with its annual grundbeløb."""

    step: str
    loenramme: int
    base_amount: Decimal
    status: Status
    source: Source


@dataclass(frozen=True, slots=True)
class PensionRate:
    """A pension percentage in force from a date."""

    effective: dt.date
    percent: Decimal
    status: Status
    source: Source | None
    basis: str = ""


@dataclass(frozen=True, slots=True)
class PensionGroup:
    """A group of employees sharing a pension rate series (chefer, regionsdirektører)."""

    id: str
    label: str
    rates: tuple[PensionRate, ...]

    def at(self, on: dt.date) -> PensionRate:
        return in_force(self.rates, on, f"the pension rate for {self.id}").entry


@dataclass(frozen=True, slots=True)
class WorkTime:
    """Full-time weekly hours, weeks a year and the annual hour norm used for hourly rates."""

    weekly_hours: Decimal
    weeks_per_year: Decimal
    annual_hours: Decimal
    source: Source


@dataclass(frozen=True, slots=True)
class Posting:
    """A published posting: trin plus an opslagsniveau at an index date."""

    id: str
    title: str
    employer: str
    location: str
    step: str
    level: Decimal
    level_date: dt.date
    pension_group: str
    level_includes_afkoeb: bool
    wording: str
    status: Status
    source: Source
    supplement_base_amount: Decimal
    note: str = ""


@dataclass(frozen=True, slots=True)
class PostingList:
    """The postings a scales directory holds, in file order."""

    postings: tuple[Posting, ...]


@dataclass(frozen=True)
class Scales:
    """Everything loaded from data/scales, with lookups that raise clear errors."""

    index: IndexSeries
    steps: dict[str, Step]
    pension_groups: dict[str, PensionGroup]
    postings: dict[str, Posting]
    worktime: WorkTime
    default_pension_group: str = "chef"

    def step(self, step: str) -> Step:
        try:
            return self.steps[step]
        except KeyError:
            raise UnknownKeyError("trin", step, list(self.steps)) from None

    def posting(self, posting_id: str) -> Posting:
        try:
            return self.postings[posting_id]
        except KeyError:
            raise UnknownKeyError("posting", posting_id, list(self.postings)) from None

    def pension_group(self, group_id: str) -> PensionGroup:
        try:
            return self.pension_groups[group_id]
        except KeyError:
            raise UnknownKeyError("pension group", group_id, list(self.pension_groups)) from None


# --- input -------------------------------------------------------------------------------------

AfkoebKind = Literal["percent", "amount", "hours"]


@dataclass(frozen=True, slots=True)
class Afkoeb:
    """Afkøb af merarbejde: a percent of pay, a grundbeløb, or hours a week."""

    kind: AfkoebKind
    value: Decimal
    pensionable: bool = False


@dataclass(frozen=True, slots=True)
class Supplement:
    """A named tillæg given as an annual grundbeløb."""

    name: str
    base_amount: Decimal
    pensionable: bool = True


@dataclass(frozen=True, slots=True)
class PartTime:
    """Part time as a fraction of full time or as weekly hours."""

    kind: Literal["fraction", "hours"]
    value: Decimal


@dataclass(frozen=True, slots=True)
class Scenario:
    """One pay question: a trin or a posting at a date, with optional components."""

    on: dt.date
    step: str | None = None
    posting: str | None = None
    kvalifikationsloen: Decimal = Decimal(0)
    funktionsloen: Decimal = Decimal(0)
    supplements: tuple[Supplement, ...] = ()
    afkoeb: Afkoeb | None = None
    one_off: Decimal = Decimal(0)
    one_off_pensionable: bool = False
    pension_percent: Decimal | None = None
    pension_group: str | None = None
    part_time: PartTime | None = None
    label: str = ""


# --- output ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """One pay component: its grundbeløb (if regulated), annual amount and whether it is pensionable."""

    key: str
    label: str
    base_amount: Decimal | None
    annual: Decimal
    pensionable: bool
    rule: str

    @property
    def monthly(self) -> Decimal:
        return monthly(self.annual)


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning attached to a result: a stable code for scripts and a Danish message for people."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Subject:
    """What a breakdown is about: a trin or a posting."""

    kind: Literal["trin", "posting"]
    step: Step
    posting: Posting | None = None
    label: str = ""


@dataclass(frozen=True)
class Breakdown:
    """A computed pay breakdown at one date; totals are sums of rounded lines."""

    on: dt.date
    subject: Subject
    factor: InForce[Factor]
    fraction: Decimal
    lines: tuple[Line, ...]
    pension_rate: PensionRate
    pension_overridden: bool
    pension: Decimal
    notices: tuple[Notice, ...] = ()
    pension_low: Decimal | None = None

    @cached_property
    def annual_pay(self) -> Decimal:
        return sum((line.annual for line in self.lines), Decimal(0))

    @cached_property
    def pensionable_pay(self) -> Decimal:
        return sum((line.annual for line in self.lines if line.pensionable), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.annual_pay + self.pension
