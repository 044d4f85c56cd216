"""Plain immutable domain records: the loaded scales and a scenario (the breakdown is in chefloen.breakdown).

The records rule: records on the path of a quote (here, breakdown, rules, calc, indexing, batch_rows) are NamedTuples,
because importing dataclasses (with inspect) costs a third of a start and a batch creates them for every
row, about four times cheaper than frozen dataclasses; every other record is a
``@dataclass(frozen=True, slots=True, kw_only=True)``. Closed choices are Literals.

Glossary (code name = Danish term): step = løntrin; base_amount = grundbeløb at the 31.3.2018
level; index factor = reguleringsfaktor; supplement = tillæg; posting = stillingsopslag;
level = opslagsniveau; afkoeb = afkøb af merarbejde; one_off = engangsvederlag;
part time = deltid; pension group = pensionsgruppe.
"""

# No `from __future__ import annotations`: NamedTuple would turn every field's annotation string
# into a ForwardRef and compile it at import.
import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, Generic, Literal, NamedTuple, Protocol, TypeVar

from chefloen.errors import NotCoveredError, UnknownKeyError, bounded
from chefloen.plain import CsvTable, Data, amount, records_table, source_columns

if TYPE_CHECKING:
    import pandas

# sourced, inferred, expected: shipped data (see data/scales); user: the user's own table entries;
# assumed: an --assume on the command line.
Status = Literal["sourced", "inferred", "expected", "user", "assumed"]


class Source(NamedTuple):
    """Where a figure comes from."""

    id: str
    title: str
    url: str


class Dated(Protocol):
    @property
    def effective(self) -> dt.date: ...


D = TypeVar("D", bound=Dated)
E = TypeVar("E")


class InForce(NamedTuple, Generic[E]):
    """The entry of a dated series in force on a date; ``after_last`` when the date is past its last entry."""

    entry: E
    after_last: bool


_EFFECTIVE = attrgetter("effective")


def in_force(entries: Sequence[D], on: dt.date, what: str) -> InForce[D]:
    """The entry with the latest effective date on or before ``on``."""
    position = bisect_right(entries, on, key=_EFFECTIVE)
    if position == 0:
        raise NotCoveredError(on, entries[0].effective, what)
    return InForce(entries[position - 1], after_last=position == len(entries) and on > entries[-1].effective)


class Factor(NamedTuple):
    """A regulation factor and the date it takes effect."""

    effective: dt.date
    value: Decimal
    status: Status
    source: Source
    basis: str = ""


def source_data(source: Source | None) -> Data | None:
    """A source as its JSON contract has it."""
    return None if source is None else {"id": source.id, "title": source.title, "url": source.url}


def factor_data(lookup: InForce[Factor]) -> Data:
    """The factor a result rests on, and whether its date lies past the last regulation."""
    factor = lookup.entry
    return {
        "effective": factor.effective.isoformat(),
        "factor": str(factor.value),
        "status": factor.status,
        "basis": factor.basis,
        "source": source_data(factor.source),
        "after_last_regulation": lookup.after_last,
    }


class Period(NamedTuple):
    """An agreement period (OK18, OK21, …) from its first regulation to its last day (None: open)."""

    name: str
    first_regulation: dt.date
    start_level: Decimal
    last_day: dt.date | None = None

    def holds(self, on: dt.date) -> bool:
        return self.first_regulation <= on and (self.last_day is None or on <= self.last_day)


class Upcoming(NamedTuple):
    """A regulation that may have come after the last known factor without being in the data."""

    date: dt.date
    source: Source
    basis: str = ""


class Regular(NamedTuple):
    """The days of the year on which regulations normally fall (1 April and 1 October)."""

    months: tuple[int, ...]
    day: int
    status: Status
    source: Source
    basis: str = ""

    def between(self, after: dt.date, until: dt.date) -> int:
        """How many regular regulation days lie after ``after`` and on or before ``until``.

        >>> Regular((4, 10), 1, "inferred", Source("", "", "")).between(dt.date(2026, 4, 1), dt.date(2027, 10, 1))
        3
        """
        return sum(
            after < dt.date(year, month, self.day) <= until
            for year in range(after.year, until.year + 1)
            for month in self.months
        )


class Level(NamedTuple):
    """The factor that turns a grundbeløb at an older level (31.3.2000) into one at the 31.3.2018 level."""

    value: Decimal
    status: Status
    source: Source
    basis: str = ""


INDEX_COLUMNS = [
    *("kind", "effective", "factor", "status", "basis", "source_id", "source_title", "source_url"),
    *("name", "first_regulation", "last_day", "start_level"),
]


class IndexSeries(NamedTuple):
    """The regulation factors in date order, the agreement periods they fall in, and what may come next."""

    factors: tuple[Factor, ...]
    periods: tuple[Period, ...]
    upcoming: Upcoming | None = None
    regular: Regular | None = None
    level_2000: Level | None = None

    def at(self, on: dt.date) -> InForce[Factor]:
        """The factor in force on ``on``."""
        return in_force(self.factors, on, "the regulation factor")

    @property
    def last(self) -> Factor:
        return self.factors[-1]

    @property
    def last_known(self) -> Factor:
        """The last factor that is not an assumption (--assume) of the user's."""
        return next(factor for factor in reversed(self.factors) if factor.status != "assumed")

    def period_of(self, on: dt.date) -> Period | None:
        """The agreement period that holds ``on``, if one is known."""
        return next((period for period in reversed(self.periods) if period.holds(on)), None)

    @property
    def notices(self) -> tuple[()]:
        """A listing of the data has nothing to warn about."""
        return ()

    def to_data(self) -> Data:
        """The JSON contract of ``chefloen index``."""
        upcoming = self.upcoming
        return {
            "factors": [
                {
                    "effective": factor.effective.isoformat(),
                    "factor": str(factor.value),
                    "status": factor.status,
                    "basis": factor.basis,
                    "source": source_data(factor.source),
                }
                for factor in self.factors
            ],
            "periods": [
                {
                    "name": p.name,
                    "first_regulation": p.first_regulation.isoformat(),
                    "last_day": p.last_day.isoformat() if p.last_day else None,
                    "start_level": str(p.start_level),
                }
                for p in self.periods
            ],
            "last_regulation": self.last_known.effective.isoformat(),
            "last_assumed": None if self.last.status != "assumed" else self.last.effective.isoformat(),
            "upcoming": None
            if upcoming is None
            else {"date": upcoming.date.isoformat(), "basis": upcoming.basis, "source": source_data(upcoming.source)},
        }

    def csv_table(self) -> CsvTable:
        """The factors with their sources, the agreement periods, then the regulation that may be missing: rows
        told apart by ``kind``, each value as JSON has it, and each column empty on the rows it does not fit."""
        data = self.to_data()
        records = [{"kind": "factor", **factor, **source_columns(factor["source"])} for factor in data["factors"]]
        records += [{"kind": "period", **period} for period in data["periods"]]
        if (upcoming := data["upcoming"]) is not None:
            records.append({"kind": "upcoming", "effective": upcoming["date"], "basis": upcoming["basis"]})
            records[-1].update(source_columns(upcoming["source"]))
        return INDEX_COLUMNS, [[record.get(column) for column in INDEX_COLUMNS] for record in records]

    def to_frame(self) -> "pandas.DataFrame":
        """The CSV table's rows (factors, periods, the regulation that may be missing) as a DataFrame."""
        from chefloen.frames import table_frame

        return table_frame(self.csv_table())


class Step(NamedTuple):
    """A chef trin with its annual grundbeløb."""

    step: str
    loenramme: int
    base_amount: Decimal
    status: Status
    source: Source


class PensionRate(NamedTuple):
    """A pension percentage in force from a date."""

    effective: dt.date
    percent: Decimal
    status: Status
    source: Source | None
    basis: str = ""


class PensionGroup(NamedTuple):
    """A group of employees sharing a pension rate series (chefer, regionsdirektører)."""

    id: str
    label: str
    rates: tuple[PensionRate, ...]

    def at(self, on: dt.date) -> PensionRate:
        return in_force(self.rates, on, f"the pension rate for {self.id}").entry


class PensionFloor(NamedTuple):
    """The part of a pension rate that stays pension: the rest may be taken as pay (fritvalg)."""

    percent: Decimal
    status: Status
    source: Source
    basis: str = ""


class HolidayRate(NamedTuple):
    """The særlig feriegodtgørelse in percent of the pay earned from a date."""

    effective: dt.date
    percent: Decimal
    status: Status
    source: Source
    basis: str = ""


class HolidayPayout(NamedTuple):
    """When særlig feriegodtgørelse is paid: the ferielov's part (earned 1.9–31.5 and 1.6–31.8) in its two
    months, the rest in ``rest_month`` of the calendar year after it was earned."""

    law_percent: Decimal
    law_months: tuple[int, int]
    rest_month: int
    status: Status
    source: Source
    basis: str = ""


class Holiday(NamedTuple):
    """Særlig feriegodtgørelse: its rates by the date pay is earned, when it is paid, and the assumption that
    chefs receive it."""

    rates: tuple[HolidayRate, ...]
    payout: HolidayPayout
    assumption: str

    def at(self, on: dt.date) -> HolidayRate:
        return in_force(self.rates, on, "the særlig feriegodtgørelse").entry


class WorkTime(NamedTuple):
    """Full-time weekly hours, weeks a year and the annual hour norm used for hourly rates."""

    weekly_hours: Decimal
    weeks_per_year: Decimal
    annual_hours: Decimal
    source: Source


class Posting(NamedTuple):
    """A published posting: trin plus an opslagsniveau at an index date.

    ``trin_as_posted`` is the trin as the posting wrote it ("52+1"); ``step`` is the trin it is
    modelled on. ``supplement_base_amount`` is the difference between the level and that trin's
    basisløn at ``level_date``, as a grundbeløb: chefloen's derivation, not an agreed tillæg.
    """

    id: str
    title: str
    employer: str
    location: str
    trin_as_posted: str
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


class PostingList(NamedTuple):
    """The postings a scales directory holds, in file order."""

    postings: tuple[Posting, ...]

    @property
    def notices(self) -> tuple[()]:
        """A listing of the data has nothing to warn about."""
        return ()

    def to_data(self) -> Data:
        """The JSON contract of ``chefloen postings``."""
        return {
            "postings": [
                {
                    "id": p.id,
                    "title": p.title,
                    "employer": p.employer,
                    "location": p.location,
                    "trin_as_posted": p.trin_as_posted,
                    "trin": p.step,
                    "level": amount(p.level),
                    "level_date": p.level_date.isoformat(),
                    "supplement_base_amount": amount(p.supplement_base_amount),
                    "pension_group": p.pension_group,
                    "level_includes_afkoeb": p.level_includes_afkoeb,
                    "wording": p.wording,
                    "note": p.note,
                    "status": p.status,
                    "source": source_data(p.source),
                }
                for p in self.postings
            ]
        }

    def csv_table(self) -> CsvTable:
        return records_table(self.to_data()["postings"])

    def to_frame(self) -> "pandas.DataFrame":
        """One row a posting: id, title, trin, level in kroner a year and its date, … (see chefloen.frames)."""
        from chefloen.frames import table_frame

        return table_frame(self.csv_table())


V = TypeVar("V")
# How a lønramme may be written where a trin is wanted: LR37, lr 37, lønramme 37, loenramme 37.
_LOENRAMME = ("lønramme", "loenramme", "lr.", "lr")
# No trin, posting id or pension group is near this long; a longer name is refused before it is looked up.
LONGEST_NAME = 100


def loenramme_number(text: str) -> int | None:
    """The lønramme a trin field names, if it names one.

    >>> loenramme_number("LR37"), loenramme_number("lønramme 37"), loenramme_number("51")
    (37, 37, None)
    """
    lowered = text.strip().casefold()
    prefix = next((prefix for prefix in _LOENRAMME if lowered.startswith(prefix)), None)
    if prefix is None:
        return None
    rest = lowered[len(prefix) :].strip()
    return int(rest) if rest.isascii() and rest.isdigit() and len(rest) <= 3 else None


_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def fold(name: str) -> str:
    """A name as it is matched: in any case, and with æ, ø, å as ae, oe, aa (ids are written without them).

    >>> fold("Regionsdirektør")
    'regionsdirektoer'
    """
    return name.casefold().translate(_DANISH)


def lookup(table: dict[str, V], key: str, what: str) -> V:
    """``table[key]``, also in another case; an unknown key is refused with the closest keys, else all of them."""
    found = table.get(key)
    if found is not None:
        return found
    folded = fold(key)
    for name, value in table.items():
        if fold(name) == folded:
            return value
    import difflib  # only for the error

    folded_names = {fold(name): name for name in table}
    started = [name for name in folded_names if name.startswith(folded)] if folded else []
    closest = started[:3] or difflib.get_close_matches(folded, list(folded_names), n=3, cutoff=0.6)
    if closest:
        raise UnknownKeyError(what, key, [folded_names[name] for name in closest], lead="did you mean")
    raise UnknownKeyError(what, key, list(table))


class Scales(NamedTuple):
    """Everything loaded from data/scales, with lookups that raise clear errors."""

    regulation: IndexSeries
    steps: dict[str, Step]
    pension_groups: dict[str, PensionGroup]
    postings: dict[str, Posting]
    worktime: WorkTime
    fritvalg_floor: PensionFloor
    holiday: Holiday
    default_pension_group: str = "chef"

    def step(self, step: str) -> Step:
        """A trin (51, 55+), or the trin of a lønramme (LR37, lønramme 37)."""
        found = self.steps.get(step)
        if found is not None:
            return found
        bounded(step, "trin", LONGEST_NAME)
        loenramme = loenramme_number(step)
        if loenramme is not None:
            for found in self.steps.values():
                if found.loenramme == loenramme:
                    return found
            raise UnknownKeyError("lønramme", step, [str(found.loenramme) for found in self.steps.values()])
        posted = [posting.id for posting in self.postings.values() if posting.trin_as_posted == step.strip()]
        if posted:
            modelled = self.postings[posted[0]].step
            lead = (
                f"that is how a posting writes trin {modelled} plus its difference to the posted level; "
                f"use trin {modelled}, or the posting"
            )
            raise UnknownKeyError("trin", step, posted, lead=lead)
        return lookup(self.steps, step.strip(), "trin")

    def posting(self, posting_id: str) -> Posting:
        return lookup(self.postings, bounded(posting_id, "posting", LONGEST_NAME), "posting")

    def pension_group(self, group_id: str) -> PensionGroup:
        return lookup(self.pension_groups, bounded(group_id, "pension group", LONGEST_NAME), "pension group")


# --- input -------------------------------------------------------------------------------------

AfkoebKind = Literal["percent", "amount", "hours"]


class Afkoeb(NamedTuple):
    """Afkøb af merarbejde: a percent of pay, a grundbeløb, or hours a week."""

    kind: AfkoebKind
    value: Decimal
    pensionable: bool = False


class Supplement(NamedTuple):
    """A named tillæg given as an annual grundbeløb."""

    name: str
    base_amount: Decimal
    pensionable: bool = True


class Fritvalg(NamedTuple):
    """Pension taken as pay: ``points`` of the pension rate (None: all of it above the floor), above ``floor``
    (None: the floor of data/scales)."""

    points: Decimal | None = None
    floor: Decimal | None = None


class PartTime(NamedTuple):
    """Part time as a fraction of full time or as weekly hours."""

    kind: Literal["fraction", "hours"]
    value: Decimal


BaseUnit = Literal["grundbeloeb", "kroner", "level_2000"]


class Converted(NamedTuple):
    """An amount given in kroner at a date, or as a grundbeløb at the 31.3.2000 level, and the 31.3.2018
    grundbeløb it became (``factor``: the regulation factor, or the 2000-to-2018 factor)."""

    what: str
    unit: BaseUnit
    given: Decimal
    base_amount: Decimal
    on: dt.date
    factor: Decimal


class Scenario(NamedTuple):
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
    converted: tuple[Converted, ...] = ()
    fritvalg: Fritvalg | None = None
