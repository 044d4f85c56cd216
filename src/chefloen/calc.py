"""The pay engine, and its rules in one place: which lines a scenario has, what is regulated and at what share
of full time, what is pensionable, and where each amount is rounded. Exact integer arithmetic throughout.

A scenario's trin or posting, date and share of full time compile into a :class:`Shape`: the coefficient
every grundbeløb is multiplied by (regulation factor × share, as an exact ratio) and the subject's own lines,
already computed. A quote compiles its one shape; a batch (:class:`Engine`) keeps the shapes it has compiled,
so rows that share a trin, a date and a share compile once. Both run the same :func:`figures`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from decimal import Decimal
from itertools import islice
from typing import NamedTuple, TypeVar

from chefloen import labels
from chefloen.breakdown import Breakdown, How, Line, LineKey, Subject, Taken
from chefloen.errors import InputError
from chefloen.model import (
    Afkoeb,
    Factor,
    Fritvalg,
    HolidayRate,
    IndexSeries,
    InForce,
    PartTime,
    PensionFloor,
    PensionRate,
    Scales,
    Scenario,
    Supplement,
    WorkTime,
)
from chefloen.money import HUNDRED, half_up
from chefloen.plain import Notice

ONE = Decimal(1)
# An exact ratio of integers, numerator over denominator (> 0).
Ratio = tuple[int, int]
# A regulated line before it is computed: its key, the detail in its label, its grundbeløb, whether pensionable.
Regulated = tuple[LineKey, str, Decimal, bool]
K = TypeVar("K")
V = TypeVar("V")


class Share(NamedTuple):
    """Share of full time as a ratio: a fraction over 1, or weekly hours over the full-time week.

    Hours over 37 have no exact decimal (30/37 = 0,810810…), so the share stays a ratio and amounts are
    rounded once, at the end: a true half krone stays exact.
    """

    numerator: Decimal
    denominator: Decimal

    @property
    def fraction(self) -> Decimal:
        return self.numerator / self.denominator


FULL_TIME = Share(ONE, ONE)


def employment_share(part_time: PartTime | None, scales: Scales) -> Share:
    """Share of full time: a fraction as given, or weekly hours over the full-time week."""
    if part_time is None:
        return FULL_TIME
    share = Share(part_time.value, scales.worktime.weekly_hours if part_time.kind == "hours" else ONE)
    if not 0 < share.numerator <= share.denominator:
        raise InputError("deltid must be more than 0 and at most full time (1 or 37t)")
    return share


def factor_notices(lookup: InForce[Factor], index: IndexSeries, on: dt.date) -> list[Notice]:
    """Warnings owed when a figure rests on a factor that is not sourced, or on a date (``on``) past the last
    regulation: how far past, and past a year how many regular regulation days lie between.

    The status warning does not name the date asked for, so results over many dates say it once."""
    factor = lookup.entry
    notices = []
    if factor.status != "sourced":
        notices.append(
            Notice(f"{factor.status}_factor", labels.warn_factor_status(factor.status, factor.value, factor.effective))
        )
    if lookup.after_last:
        upcoming, regular = index.upcoming, index.regular
        hint = upcoming.basis if upcoming is not None and upcoming.date > factor.effective else ""
        months = (
            (on.year - factor.effective.year) * 12 + on.month - factor.effective.month - (on.day < factor.effective.day)
        )
        missed = 0 if regular is None else regular.between(factor.effective, on)
        days = "" if regular is None else labels.regular_days(regular.months, regular.day)
        notices.append(Notice("after_last_regulation", labels.warn_after_last(factor, months, missed, days, hint)))
    return notices


def holiday_notices(rate: HolidayRate) -> tuple[Notice, ...]:
    """The warning owed when the særlig feriegodtgørelse of a date is not a sourced rate."""
    if rate.status == "sourced":
        return ()
    return (Notice(f"{rate.status}_holiday_rate", labels.warn_holiday_status(rate.status, rate.percent)),)


def subject_of(scenario: Scenario, scales: Scales) -> Subject:
    if (scenario.step is None) == (scenario.posting is None):
        raise InputError("give either a trin or a posting")
    if scenario.posting is not None:
        posting = scales.posting(scenario.posting)
        return Subject("posting", scales.step(posting.step), posting, scenario.label)
    assert scenario.step is not None
    return Subject("trin", scales.step(scenario.step), None, scenario.label)


def pension_rate(scenario: Scenario, subject: Subject, scales: Scales) -> tuple[PensionRate, bool]:
    """The rate in force for the scenario's group, or the user's override (marked as such)."""
    if scenario.pension_percent is not None:
        if not 0 <= scenario.pension_percent < HUNDRED:
            raise InputError("pension must be at least 0 % and below 100 %")
        return PensionRate(scenario.on, scenario.pension_percent, "sourced", None, "angivet af brugeren"), True
    group_id = scenario.pension_group or (
        subject.posting.pension_group if subject.posting else scales.default_pension_group
    )
    return scales.pension_group(group_id).at(scenario.on), False


# --- the rules ----------------------------------------------------------------------------------------


def regulated_amount(base_amount: Decimal, coefficient: Ratio) -> int:
    """A grundbeløb at the coefficient (factor × share), rounded once to whole kroner."""
    numerator, denominator = base_amount.as_integer_ratio()
    return half_up(numerator * coefficient[0], denominator * coefficient[1])


def percent_of(amount: int, percent: Decimal) -> int:
    """``percent`` % of whole kroner, rounded to whole kroner."""
    numerator, denominator = percent.as_integer_ratio()
    return half_up(amount * numerator, denominator * 100)


def kept(lines: list[Regulated]) -> list[Regulated]:
    """The regulated lines a breakdown shows: a grundbeløb of 0 adds no line, a negative one is refused."""
    for key, detail, base_amount, _ in lines:
        if base_amount < 0:
            raise InputError(f"{labels.line_label(key, detail)}: amount must not be negative")
    return [line for line in lines if line[2]]


class Shape(NamedTuple):
    """A scenario's subject at its date and share of full time, compiled: everything its rows have in common."""

    subject: Subject
    lookup: InForce[Factor]
    share: Share
    factor: Ratio
    coefficient: Ratio  # factor × share of full time
    lines: tuple[Regulated, ...]  # the subject's own: basisløn, and a posting's opslagstillæg
    annuals: tuple[int, ...]  # their amounts at the coefficient
    total: int  # their amounts added up
    pensionable: int  # the pensionable part of that
    full_time: int  # their amounts at full time, for afkøb in hours
    # When a posting's level may include afkøb, its pension is a range whose low end leaves out the
    # opslagstillæg's amount (0 when the level is the trin's basisløn); None: no range.
    range_leaves_out: int | None
    notices: tuple[Notice, ...]  # the factor's warnings
    holiday: HolidayRate  # the særlig feriegodtgørelse on pay earned at the date


def compile_shape(scenario: Scenario, scales: Scales) -> Shape:
    subject = subject_of(scenario, scales)
    lookup = scales.regulation.at(scenario.on)
    share = employment_share(scenario.part_time, scales)
    factor = lookup.entry.value.as_integer_ratio()
    share_n, share_d = share.numerator.as_integer_ratio()
    week_n, week_d = share.denominator.as_integer_ratio()
    coefficient = (factor[0] * share_n * week_d, factor[1] * share_d * week_n)
    own: list[Regulated] = [("basisloen", subject.step.step, subject.step.base_amount, True)]
    if subject.posting is not None:
        own.append(("opslagstillaeg", "", subject.posting.supplement_base_amount, True))
    lines = tuple(kept(own))
    annuals = tuple(regulated_amount(line[2], coefficient) for line in lines)
    holiday = scales.holiday.at(scenario.on)
    return Shape(
        subject=subject,
        lookup=lookup,
        share=share,
        factor=factor,
        coefficient=coefficient,
        lines=lines,
        annuals=annuals,
        total=sum(annuals),
        pensionable=sum(annual for line, annual in zip(lines, annuals, strict=True) if line[3]),
        full_time=sum(regulated_amount(line[2], factor) for line in lines),
        range_leaves_out=(
            next((a for line, a in zip(lines, annuals, strict=True) if line[0] == "opslagstillaeg"), 0)
            if subject.posting is not None and subject.posting.level_includes_afkoeb
            else None
        ),
        notices=tuple(factor_notices(lookup, scales.regulation, scenario.on)) + holiday_notices(holiday),
        holiday=holiday,
    )


class Figures(NamedTuple):
    """A scenario's amounts in whole kroner: its own regulated lines and theirs, afkøb and engangsvederlag."""

    lines: list[Regulated]  # the scenario's own regulated lines, after the shape's
    annuals: list[int]  # their amounts
    afkoeb: int  # afkøb as a percent or in hours (0: none); afkøb as a grundbeløb is one of the lines
    afkoeb_basis: int  # the pay the percent is of, or the full-time pay the hours are paid at
    one_off: int
    total: int
    pensionable: int


def figures(
    shape: Shape,
    kvalifikationsloen: Decimal,
    funktionsloen: Decimal,
    supplements: tuple[Supplement, ...],
    afkoeb: Afkoeb | None,
    one_off: Decimal,
    one_off_pensionable: bool,
    worktime: WorkTime,
) -> Figures:
    """The pay rules: what a scenario adds to its shape, each line regulated and rounded, in breakdown order.

    A batch runs this for every row, so it is written for speed: the lines are tuples, the amounts integers."""
    own: list[Regulated] = []
    if kvalifikationsloen:  # zero adds no line; a negative amount is refused in kept()
        own.append(("kvalifikationsloen", "", kvalifikationsloen, True))
    if funktionsloen:
        own.append(("funktionsloen", "", funktionsloen, True))
    for supplement in supplements:
        own.append(("tillaeg", supplement.name, supplement.base_amount, supplement.pensionable))
    if afkoeb is not None and afkoeb.value < 0:
        kept(own)  # a negative line above is refused first, as it comes first
        raise InputError("afkøb must not be negative")
    if afkoeb is not None and afkoeb.kind == "amount":
        own.append(("afkoeb", "", afkoeb.value, afkoeb.pensionable))
    total, pensionable = shape.total, shape.pensionable
    own_annuals = []
    if own:
        own = kept(own)
        coefficient = shape.coefficient
        for line in own:
            annual = regulated_amount(line[2], coefficient)
            own_annuals.append(annual)
            total += annual
            if line[3]:
                pensionable += annual
    extra = basis = 0
    if afkoeb is not None and afkoeb.kind == "percent":
        basis = total
        extra = percent_of(basis, afkoeb.value)
    elif afkoeb is not None and afkoeb.kind == "hours":
        if afkoeb.value >= worktime.weekly_hours:  # as a percent must be below 100: afkøb is less than a full job
            raise InputError(
                f"afkøb of {labels.hours(afkoeb.value)} hours a week must be below "
                f"the full-time week of {labels.number(worktime.weekly_hours, 0)} hours, as a percent must be below 100"
            )
        # The hourly rate is full-time pay / annual hours, so part-timers are not paid less per hour. That is
        # the full-time pay as paid, line by line, not the part-time pay scaled back up (which is rounded).
        basis = shape.full_time + sum(regulated_amount(line[2], shape.factor) for line in own)
        hours_n, hours_d = afkoeb.value.as_integer_ratio()
        weeks_n, weeks_d = worktime.weeks_per_year.as_integer_ratio()
        year_n, year_d = worktime.annual_hours.as_integer_ratio()
        extra = half_up(basis * hours_n * weeks_n * year_d, hours_d * weeks_d * year_n)
    if extra and afkoeb is not None and afkoeb.pensionable:
        pensionable += extra
    if one_off < 0:
        raise InputError("engangsvederlag must not be negative")
    one_off_amount = half_up(*one_off.as_integer_ratio()) if one_off else 0
    if one_off_amount and one_off_pensionable:
        pensionable += one_off_amount
    return Figures(own, own_annuals, extra, basis, one_off_amount, total + extra + one_off_amount, pensionable)


def pension_of(pensionable: int, shape: Shape, percent: Decimal) -> tuple[int, int | None]:
    """The pension on the pensionable pay, and its low end when a posting's level may include afkøb."""
    pension = percent_of(pensionable, percent)
    if shape.range_leaves_out is None:
        return pension, None
    return pension, percent_of(pensionable - shape.range_leaves_out, percent)


def fritvalg_points(fritvalg: Fritvalg, rate: Decimal, floor: PensionFloor) -> tuple[Decimal, Decimal]:
    """The points of the pension rate taken as pay, and the floor they lie above: at most the rate above it."""
    above = floor.percent if fritvalg.floor is None else fritvalg.floor
    if not 0 <= above < HUNDRED:
        raise InputError("the fritvalg floor must be at least 0 % and below 100 %")
    room = max(rate - above, Decimal(0))
    points = room if fritvalg.points is None else fritvalg.points
    if points < 0:
        raise InputError("fritvalg must not be negative")
    if points > room:
        raise InputError(
            f"fritvalg of {labels.exact(points, 0)} points is more than the {labels.exact(room, 0)} points the "
            f"pension rate of {labels.percent(rate)} has above the floor of {labels.percent(above)}; "
            "--fritvalg max takes them all"
        )
    return points, above


class Rated(NamedTuple):
    """The pension rate a scenario's group has (or the user's own), and what its breakdown must warn of."""

    rate: PensionRate
    overridden: bool
    notices: tuple[Notice, ...]
    codes: str  # the warnings' codes, as a batch row shows them


class Priced(NamedTuple):
    """A scenario computed: its shape, figures, pension rate and warnings, and its pension (and low end)."""

    shape: Shape
    figures: Figures
    rated: Rated
    pension: int  # what goes to pension, after any fritvalg
    pension_low: int | None
    fritvalg: Taken | None  # pension taken as pay
    holiday: int  # the særlig feriegodtgørelse a year of this pay earns
    holiday_low: int | None  # and at the low end of a pension range, when fritvalg makes it differ


# How many shapes, rates or field readings a batch keeps of each kind: enough for any grid of scenarios,
# few enough that memory stays flat however many distinct rows a file has.
KEEP = 4096


def remember(known: dict[K, V], key: K, value: V) -> V:
    """Keep ``value`` under ``key`` in ``known``, which holds at most KEEP: when it is full, the older half goes
    (a dict keeps the order keys came in), so what many rows share stays while a run of distinct rows passes.

    >>> known = {number: number for number in range(KEEP)}
    >>> remember(known, "new", 1), len(known), min(key for key in known if key != "new")
    (1, 2049, 2048)
    """
    if len(known) >= KEEP:
        for old in list(islice(known, KEEP // 2)):
            del known[old]
    known[key] = value
    return value


class Engine:
    """The pay rules over one set of scales. Keeps the shapes, rates and warnings it has worked out (see
    KEEP), so a batch works each out once however many rows share it."""

    def __init__(self, scales: Scales) -> None:
        self.scales = scales
        self.shapes: dict[Hashable, Shape] = {}
        self.rates: dict[Hashable, Rated] = {}

    def shape(self, scenario: Scenario) -> Shape:
        """The shape of ``scenario`` (its trin or posting, date and deltid), compiled once."""
        key = (scenario.step, scenario.posting, scenario.on, scenario.part_time)
        shape = self.shapes.get(key)
        if shape is None:
            shape = compile_shape(scenario._replace(label=""), self.scales)
            remember(self.shapes, key, shape)
        return shape

    def rate(self, scenario: Scenario, shape: Shape) -> Rated:
        """The pension rate for ``scenario`` in its shape, and the shape's warnings with the rate's."""
        afkoeb = scenario.afkoeb is not None and scenario.afkoeb.value != 0
        key = (scenario.step, scenario.posting, scenario.on, scenario.pension_percent, scenario.pension_group, afkoeb)
        rated = self.rates.get(key)
        if rated is None:
            rate, overridden = pension_rate(scenario, shape.subject, self.scales)
            notices = list(shape.notices)
            if not overridden and rate.status != "sourced":
                notices.append(
                    Notice(f"{rate.status}_pension_rate", labels.warn_pension_status(rate.status, rate.percent))
                )
            if shape.range_leaves_out is not None:
                notices.append(Notice("level_includes_afkoeb", labels.warn_level_includes_afkoeb()))
                if afkoeb:
                    notices.append(Notice("afkoeb_counted_twice", labels.warn_afkoeb_counted_twice()))
            rated = Rated(rate, overridden, tuple(notices), " ".join(notice.code for notice in notices))
            remember(self.rates, key, rated)
        return rated

    def price(self, scenario: Scenario) -> Priced:
        """Compute ``scenario``; errors come in the order its parts are read: subject, date, deltid, lines,
        afkøb, engangsvederlag, pension."""
        shape = self.shape(scenario)
        amounts = figures(
            shape,
            scenario.kvalifikationsloen,
            scenario.funktionsloen,
            scenario.supplements,
            scenario.afkoeb,
            scenario.one_off,
            scenario.one_off_pensionable,
            self.scales.worktime,
        )
        return self.priced(scenario, shape, amounts)

    def priced(self, scenario: Scenario, shape: Shape, amounts: Figures) -> Priced:
        """``amounts`` with the pension, at the rate ``scenario`` (its pension and group) has in ``shape``."""
        rated = self.rate(scenario, shape)
        rate = rated.rate.percent
        pension, low = pension_of(amounts.pensionable, shape, rate)
        taken = None
        if scenario.fritvalg is not None:
            # The fritvalgstillæg is the pension given up, so pay and pension together stay what they were.
            points, floor = fritvalg_points(scenario.fritvalg, rate, self.scales.fritvalg_floor)
            kept, kept_low = pension_of(amounts.pensionable, shape, rate - points)
            given_up_low = None if low is None or kept_low is None else low - kept_low
            taken = Taken(points, floor, scenario.fritvalg.floor is not None, pension - kept, given_up_low)
            pension, low = kept, kept_low
        pay = amounts.total + (taken.annual if taken else 0)
        holiday = percent_of(pay, shape.holiday.percent)
        holiday_low = None
        if taken is not None and taken.annual_low is not None and taken.annual_low != taken.annual:
            holiday_low = percent_of(amounts.total + taken.annual_low, shape.holiday.percent)
        return Priced(shape, amounts, rated, pension, low, taken, holiday, holiday_low)

    def breakdown(self, scenario: Scenario) -> Breakdown:
        """The breakdown of ``scenario`` at its date, line by line."""
        priced = self.price(scenario)
        shape, amounts = priced.shape, priced.figures
        fraction = shape.share.fraction
        factor = shape.lookup.entry.value
        regulated = zip((*shape.lines, *amounts.lines), (*shape.annuals, *amounts.annuals), strict=True)
        lines = [
            Line(key, labels.line_label(key, detail), base, Decimal(annual), pensionable,
                 ("regulated", (base, factor, fraction)))
            for (key, detail, base, pensionable), annual in regulated
        ]  # fmt: skip
        afkoeb = scenario.afkoeb
        if amounts.afkoeb and afkoeb is not None:
            basis = Decimal(amounts.afkoeb_basis)
            how: How = (
                ("afkoeb_percent", (afkoeb.value, basis))
                if afkoeb.kind == "percent"
                else ("afkoeb_hours", (afkoeb.value, basis, self.scales.worktime.weeks_per_year,
                                       self.scales.worktime.annual_hours))
            )  # fmt: skip
            label = labels.line_label("afkoeb", labels.afkoeb_detail(afkoeb.kind, afkoeb.value))
            lines.append(Line("afkoeb", label, None, Decimal(amounts.afkoeb), afkoeb.pensionable, how))
        if amounts.one_off:
            label = labels.line_label("engangsvederlag")
            one_off = Decimal(amounts.one_off)
            lines.append(Line("engangsvederlag", label, None, one_off, scenario.one_off_pensionable, ("one_off", ())))
        subject = shape.subject._replace(label=scenario.label) if scenario.label else shape.subject
        return Breakdown(
            on=scenario.on,
            subject=subject,
            factor=shape.lookup,
            fraction=fraction,
            lines=tuple(lines),
            annual_pay=Decimal(amounts.total),
            pensionable_pay=Decimal(amounts.pensionable),
            pension_rate=priced.rated.rate,
            pension_overridden=priced.rated.overridden,
            pension=Decimal(priced.pension),
            notices=priced.rated.notices,
            pension_low=None if priced.pension_low is None else Decimal(priced.pension_low),
            fritvalg=priced.fritvalg,
            holiday_rate=shape.holiday,
            holiday=Decimal(priced.holiday),
            holiday_low=None if priced.holiday_low is None else Decimal(priced.holiday_low),
            holiday_assumption=self.scales.holiday.assumption,
            floor_source=self.scales.fritvalg_floor.source.title,
            posting_level=None if subject.posting is None else Decimal(shape.full_time),
            conversions=tuple(
                Notice("converted_amount", labels.note_converted(c, part_time=fraction != 1))
                for c in scenario.converted
            ),
        )


def compute(scenario: Scenario, scales: Scales) -> Breakdown:
    """Compute the pay breakdown of ``scenario`` at its date."""
    return Engine(scales).breakdown(scenario)
