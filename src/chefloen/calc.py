"""The pay engine, and its rules in one place: which lines a scenario has, what is regulated and at what share
of full time, what is pensionable, and where each amount is rounded. Exact integer arithmetic throughout.

A scenario's trin or posting, the factor in force at its date and its share of full time compile into a
:class:`Form`: the coefficient every grundbeløb is multiplied by (factor × share, as an exact ratio) and the
subject's own lines, already computed. What the date itself adds (whether it lies past the last regulation,
the warnings that owes, the særlig feriegodtgørelse) is its :class:`Day`; a :class:`Shape` is the two. An
:class:`Engine` keeps the forms and days it has made, so rows at many dates under one factor share one form.
A quote and a batch row run the same :func:`figures`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from decimal import Decimal
from itertools import count, islice
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


def percent_ratio(percent: Decimal) -> Ratio:
    """``percent`` % as an exact ratio of integers.

    >>> percent_ratio(Decimal("21.59"))
    (2159, 10000)
    """
    numerator, denominator = percent.as_integer_ratio()
    return numerator, denominator * 100


def regulated_amount(base_amount: Decimal, coefficient: Ratio) -> int:
    """A grundbeløb at the coefficient (factor × share), rounded once to whole kroner."""
    numerator, denominator = base_amount.as_integer_ratio()
    return half_up(numerator * coefficient[0], denominator * coefficient[1])


def kept(lines: list[Regulated]) -> list[Regulated]:
    """The regulated lines a breakdown shows: a grundbeløb of 0 adds no line, a negative one is refused."""
    for key, detail, base_amount, _ in lines:
        if base_amount < 0:
            raise InputError(f"{labels.line_label(key, detail)}: amount must not be negative")
    return [line for line in lines if line[2]]


class Form(NamedTuple):
    """A subject under a regulation factor, compiled: what its rows have in common on every date that factor
    is in force, at any share of full time."""

    subject: Subject
    factor: Ratio
    lines: tuple[Regulated, ...]  # the subject's own: basisløn, and a posting's opslagstillæg
    bases: tuple[Ratio, ...]  # their grundbeløb as exact ratios
    full_time: int  # their amounts at full time, for afkøb in hours and a posting's level
    # When a posting's level may include afkøb, its pension is a range whose low end leaves out the
    # opslagstillæg (a grundbeløb of 0 when the level is the trin's basisløn); None: no range.
    range_leaves_out: Ratio | None


def compile_form(subject: Subject, factor: Factor) -> Form:
    """The form of ``subject`` under ``factor``."""
    factor_ratio = factor.value.as_integer_ratio()
    own: list[Regulated] = [("basisloen", subject.step.step, subject.step.base_amount, True)]
    if subject.posting is not None:
        own.append(("opslagstillaeg", "", subject.posting.supplement_base_amount, True))
    lines = tuple(kept(own))
    posting = subject.posting
    return Form(
        subject=subject,
        factor=factor_ratio,
        lines=lines,
        bases=tuple(line[2].as_integer_ratio() for line in lines),
        full_time=sum(regulated_amount(line[2], factor_ratio) for line in lines),
        range_leaves_out=(
            posting.supplement_base_amount.as_integer_ratio()
            if posting is not None and posting.level_includes_afkoeb
            else None
        ),
    )


class Day(NamedTuple):
    """What a date adds to a form: the factor in force (and whether the date lies past the last regulation),
    the warnings owed, and the særlig feriegodtgørelse on pay earned at the date."""

    lookup: InForce[Factor]
    notices: tuple[Notice, ...]  # the factor's warnings and the holiday rate's
    holiday: HolidayRate
    holiday_ratio: Ratio  # the holiday rate as an exact ratio
    # The same for every date on which all of the above and each pension group's rate are the same, so
    # what rests on them alone is worked out once for all those dates.
    kind: int


class Shape(NamedTuple):
    """A scenario's subject at its date and share of full time: everything its rows have in common."""

    form: Form
    day: Day
    share: Share
    coefficient: Ratio  # factor × share of full time, what every grundbeløb is multiplied by
    annuals: tuple[int, ...]  # the form's lines at the coefficient
    total: int  # those added up
    pensionable: int  # the pensionable part of that
    range_leaves_out: int | None  # the amount the low end of a pension range leaves out; None: no range

    @property
    def subject(self) -> Subject:
        return self.form.subject

    @property
    def lookup(self) -> InForce[Factor]:
        return self.day.lookup


def shape_of(form: Form, day: Day, share: Share, share_ratio: Ratio) -> Shape:
    """``form`` on ``day`` at ``share`` of full time (``share_ratio``, the share as an exact ratio)."""
    c_n, c_d = form.factor[0] * share_ratio[0], form.factor[1] * share_ratio[1]
    annuals = []
    total = pensionable = 0
    for (n, d), line in zip(form.bases, form.lines, strict=True):
        annual = half_up(n * c_n, d * c_d)
        annuals.append(annual)
        total += annual
        if line[3]:
            pensionable += annual
    leaves_out = form.range_leaves_out
    low = None if leaves_out is None else half_up(leaves_out[0] * c_n, leaves_out[1] * c_d)
    return Shape(form, day, share, (c_n, c_d), tuple(annuals), total, pensionable, low)


NO_AFKOEB = Afkoeb("amount", Decimal(0))


# What a scenario gives figures, as grundbeløb: its kvalifikationsløn, funktionsløn, tillæg and afkøb.
Given = tuple[Decimal, Decimal, tuple[Supplement, ...], Afkoeb]


class Figures(NamedTuple):
    """A scenario's amounts in whole kroner, besides its shape's: each line of its own, afkøb, engangsvederlag,
    and the totals with the shape's lines."""

    kvalifikationsloen: int
    funktionsloen: int
    supplements: tuple[int, ...]  # each tillæg's, in order
    afkoeb_line: int  # afkøb given as a grundbeløb, which is regulated as a line (0 otherwise)
    afkoeb: int  # afkøb as a percent or in hours (0: none)
    afkoeb_basis: int  # the pay the percent is of, or the full-time pay the hours are paid at
    one_off: int
    total: int
    pensionable: int
    given: Given

    def lines(self) -> list[tuple[Regulated, int]]:
        """The scenario's own regulated lines and their amounts, in breakdown order: kvalifikationsløn,
        funktionsløn, each tillæg, afkøb given as a grundbeløb; a grundbeløb of 0 shows no line."""
        kvalifikationsloen, funktionsloen, supplements, afkoeb = self.given
        own: list[tuple[Regulated, int]] = [
            (("kvalifikationsloen", "", kvalifikationsloen, True), self.kvalifikationsloen),
            (("funktionsloen", "", funktionsloen, True), self.funktionsloen),
        ]
        own += [
            (("tillaeg", supplement.name, supplement.base_amount, supplement.pensionable), annual)
            for supplement, annual in zip(supplements, self.supplements, strict=True)
        ]
        if afkoeb.kind == "amount":
            own.append((("afkoeb", "", afkoeb.value, afkoeb.pensionable), self.afkoeb_line))
        return [line for line in own if line[0][2]]


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
    """The pay rules: what a scenario adds to its shape, each line regulated and rounded once.

    Integer arithmetic over exact ratios, branching only on what kind of afkøb there is and what is
    pensionable, never on an amount: a line not given is a grundbeløb of 0, which adds 0, and no afkøb is
    afkøb of a grundbeløb of 0."""
    if afkoeb is None:
        afkoeb = NO_AFKOEB
    c_n, c_d = shape.coefficient
    k_n, k_d = kvalifikationsloen.as_integer_ratio()
    f_n, f_d = funktionsloen.as_integer_ratio()
    a_n, a_d = afkoeb.value.as_integer_ratio()
    o_n, o_d = one_off.as_integer_ratio()
    if k_n < 0 or f_n < 0 or a_n < 0 or o_n < 0:
        raise refusal(kvalifikationsloen, funktionsloen, supplements, afkoeb, one_off, worktime)
    kval = half_up(k_n * c_n, k_d * c_d)
    funk = half_up(f_n * c_n, f_d * c_d)
    total = shape.total + kval + funk
    pensionable = shape.pensionable + kval + funk
    ratios: list[Ratio] = []
    added: tuple[int, ...] = ()
    if supplements:
        ratios = [supplement.base_amount.as_integer_ratio() for supplement in supplements]
        if any(n < 0 for n, _ in ratios):
            raise refusal(kvalifikationsloen, funktionsloen, supplements, afkoeb, one_off, worktime)
        added = tuple([half_up(n * c_n, d * c_d) for n, d in ratios])
        total += sum(added)
        pensionable += sum([amount for amount, one in zip(added, supplements, strict=True) if one.pensionable])
    line = extra = basis = 0
    kind = afkoeb.kind
    if kind == "amount":
        line = half_up(a_n * c_n, a_d * c_d)
        total += line
    elif kind == "percent":
        basis = total
        extra = half_up(total * a_n, a_d * 100)
    else:
        if afkoeb.value >= worktime.weekly_hours:
            raise refusal(kvalifikationsloen, funktionsloen, supplements, afkoeb, one_off, worktime)
        # The hourly rate is full-time pay / annual hours, so part-timers are not paid less per hour. That is
        # the full-time pay as paid, line by line, not the part-time pay scaled back up (which is rounded).
        form = shape.form
        x_n, x_d = form.factor
        basis = form.full_time + half_up(k_n * x_n, k_d * x_d) + half_up(f_n * x_n, f_d * x_d)
        basis += sum([half_up(n * x_n, d * x_d) for n, d in ratios])
        weeks_n, weeks_d = worktime.weeks_per_year.as_integer_ratio()
        year_n, year_d = worktime.annual_hours.as_integer_ratio()
        extra = half_up(basis * a_n * weeks_n * year_d, a_d * weeks_d * year_n)
    if afkoeb.pensionable:
        pensionable += line + extra
    one_off_amount = half_up(o_n, o_d)
    if one_off_pensionable:
        pensionable += one_off_amount
    total += extra + one_off_amount
    given = (kvalifikationsloen, funktionsloen, supplements, afkoeb)
    return Figures(kval, funk, added, line, extra, basis, one_off_amount, total, pensionable, given)


def refusal(
    kvalifikationsloen: Decimal,
    funktionsloen: Decimal,
    supplements: tuple[Supplement, ...],
    afkoeb: Afkoeb | None,
    one_off: Decimal,
    worktime: WorkTime,
) -> InputError:
    """The first rule a scenario's amounts break, in the order they are read: a negative line, a negative afkøb,
    afkøb of a full week or more, a negative engangsvederlag."""
    own: list[Regulated] = [
        ("kvalifikationsloen", "", kvalifikationsloen, True),
        ("funktionsloen", "", funktionsloen, True),
    ]
    own += [("tillaeg", supplement.name, supplement.base_amount, True) for supplement in supplements]
    for key, detail, base_amount, _ in own:
        if base_amount < 0:
            return InputError(f"{labels.line_label(key, detail)}: amount must not be negative")
    if afkoeb is not None and afkoeb.value < 0:
        return InputError("afkøb must not be negative")
    if afkoeb is not None and afkoeb.kind == "hours" and afkoeb.value >= worktime.weekly_hours:
        # As a percent must be below 100: afkøb is less than a full job.
        return InputError(
            f"afkøb of {labels.hours(afkoeb.value)} hours a week must be below "
            f"the full-time week of {labels.number(worktime.weekly_hours, 0)} hours, as a percent must be below 100"
        )
    assert one_off < 0
    return InputError("engangsvederlag must not be negative")


def pension_of(pensionable: int, shape: Shape, rate: Ratio) -> tuple[int, int | None]:
    """The pension on the pensionable pay, and its low end when a posting's level may include afkøb."""
    pension = half_up(pensionable * rate[0], rate[1])
    if shape.range_leaves_out is None:
        return pension, None
    return pension, half_up((pensionable - shape.range_leaves_out) * rate[0], rate[1])


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
    ratio: Ratio  # the rate as an exact ratio


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
    """The pay rules over one set of scales. Keeps the subjects, days, forms and rates it has worked out (see
    KEEP), so a batch works each out once however many rows share it: a form serves every date its factor is
    in force, and a rate every date with the same day."""

    def __init__(self, scales: Scales) -> None:
        self.scales = scales
        self.subjects: dict[tuple[str | None, str | None], Subject] = {}
        self.days: dict[dt.date, Day] = {}
        self.kinds: dict[Hashable, int] = {}
        self.shares: dict[PartTime | None, tuple[Share, Ratio]] = {}
        self.forms: dict[Hashable, Form] = {}
        self.rates: dict[Hashable, Rated] = {}
        self.numbers = count()

    def shape(self, scenario: Scenario) -> Shape:
        """The shape of ``scenario`` (its trin or posting, date and deltid), from a form kept by the factor in
        force rather than the date, the date's day and the share of full time.

        What is kept was read without error, so only what is new is checked, in the order a quote reads it:
        subject, date, deltid."""
        named = (scenario.step, scenario.posting)
        day = self.days.get(scenario.on)
        if day is None:
            self.subject(scenario)
            day = self.day(scenario.on, scenario.part_time)
        key = (named, day.lookup.entry.effective)
        form = self.forms.get(key)
        if form is None:
            subject = self.subject(scenario)
            share = self.share(scenario.part_time)  # before the form's own lines are checked
            form = remember(self.forms, key, compile_form(subject, day.lookup.entry))
        else:
            share = self.shares.get(scenario.part_time) or self.share(scenario.part_time)
        return shape_of(form, day, *share)

    def subject(self, scenario: Scenario) -> Subject:
        """The trin or posting ``scenario`` is about, without its label."""
        named = (scenario.step, scenario.posting)
        subject = self.subjects.get(named)
        if subject is None:
            subject = remember(self.subjects, named, subject_of(scenario._replace(label=""), self.scales))
        return subject

    def share(self, part_time: PartTime | None) -> tuple[Share, Ratio]:
        """The share of full time ``part_time`` gives, and that share as an exact ratio."""
        share = self.shares.get(part_time)
        if share is None:
            fraction = employment_share(part_time, self.scales)
            (share_n, share_d), (week_n, week_d) = (
                fraction.numerator.as_integer_ratio(),
                fraction.denominator.as_integer_ratio(),
            )
            share = remember(self.shares, part_time, (fraction, (share_n * week_d, share_d * week_n)))
        return share

    def day(self, on: dt.date, part_time: PartTime | None) -> Day:
        """The day of ``on``; a date outside the data is refused before ``part_time``, and that before the
        holiday rate, in the order a quote reads them."""
        scales = self.scales
        lookup = scales.regulation.at(on)
        employment_share(part_time, scales)
        holiday = scales.holiday.at(on)
        notices = (*factor_notices(lookup, scales.regulation, on), *holiday_notices(holiday))
        # Which rate of each pension group is in force: the rates worked out for a day hold for its kind.
        rates = tuple(sum(rate.effective <= on for rate in group.rates) for group in scales.pension_groups.values())
        content = (lookup, notices, holiday, rates)
        kind = self.kinds.get(content)
        if kind is None:
            kind = remember(self.kinds, content, next(self.numbers))
        return remember(self.days, on, Day(lookup, notices, holiday, percent_ratio(holiday.percent), kind))

    def rate(self, scenario: Scenario, shape: Shape) -> Rated:
        """The pension rate for ``scenario`` in its shape, and the shape's warnings with the rate's."""
        afkoeb = scenario.afkoeb is not None and scenario.afkoeb.value != 0
        # The user's own rate is dated the scenario's date; a group's is the same on every date of a kind.
        on = None if scenario.pension_percent is None else scenario.on
        key = (
            shape.day.kind,
            scenario.step,
            scenario.posting,
            scenario.pension_percent,
            scenario.pension_group,
            afkoeb,
            on,
        )
        rated = self.rates.get(key)
        if rated is None:
            rate, overridden = pension_rate(scenario, shape.form.subject, self.scales)
            notices = list(shape.day.notices)
            if not overridden and rate.status != "sourced":
                notices.append(
                    Notice(f"{rate.status}_pension_rate", labels.warn_pension_status(rate.status, rate.percent))
                )
            if shape.range_leaves_out is not None:
                notices.append(Notice("level_includes_afkoeb", labels.warn_level_includes_afkoeb()))
                if afkoeb:
                    notices.append(Notice("afkoeb_counted_twice", labels.warn_afkoeb_counted_twice()))
            codes = " ".join(notice.code for notice in notices)
            rated = Rated(rate, overridden, tuple(notices), codes, percent_ratio(rate.percent))
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
        pension, low = pension_of(amounts.pensionable, shape, rated.ratio)
        taken = None
        if scenario.fritvalg is not None:
            # The fritvalgstillæg is the pension given up, so pay and pension together stay what they were.
            rate = rated.rate.percent
            points, floor = fritvalg_points(scenario.fritvalg, rate, self.scales.fritvalg_floor)
            kept, kept_low = pension_of(amounts.pensionable, shape, percent_ratio(rate - points))
            given_up_low = None if low is None or kept_low is None else low - kept_low
            taken = Taken(points, floor, scenario.fritvalg.floor is not None, pension - kept, given_up_low)
            pension, low = kept, kept_low
        pay = amounts.total + (taken.annual if taken else 0)
        holiday_n, holiday_d = shape.day.holiday_ratio
        holiday = half_up(pay * holiday_n, holiday_d)
        holiday_low = None
        if taken is not None and taken.annual_low is not None and taken.annual_low != taken.annual:
            holiday_low = half_up((amounts.total + taken.annual_low) * holiday_n, holiday_d)
        return Priced(shape, amounts, rated, pension, low, taken, holiday, holiday_low)

    def breakdown(self, scenario: Scenario) -> Breakdown:
        """The breakdown of ``scenario`` at its date, line by line."""
        priced = self.price(scenario)
        shape, amounts = priced.shape, priced.figures
        form, day = shape.form, shape.day
        fraction = shape.share.fraction
        factor = day.lookup.entry.value
        afkoeb = scenario.afkoeb
        regulated = [*zip(form.lines, shape.annuals, strict=True), *amounts.lines()]
        lines = [
            Line(key, labels.line_label(key, detail), base, Decimal(annual), pensionable,
                 ("regulated", (base, factor, fraction)))
            for (key, detail, base, pensionable), annual in regulated
        ]  # fmt: skip
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
        subject = form.subject._replace(label=scenario.label) if scenario.label else form.subject
        return Breakdown(
            on=scenario.on,
            subject=subject,
            factor=day.lookup,
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
            holiday_rate=day.holiday,
            holiday=Decimal(priced.holiday),
            holiday_low=None if priced.holiday_low is None else Decimal(priced.holiday_low),
            holiday_assumption=self.scales.holiday.assumption,
            floor_source=self.scales.fritvalg_floor.source.title,
            posting_level=None if subject.posting is None else Decimal(form.full_time),
            conversions=tuple(
                Notice("converted_amount", labels.note_converted(c, part_time=fraction != 1))
                for c in scenario.converted
            ),
        )


def compute(scenario: Scenario, scales: Scales) -> Breakdown:
    """Compute the pay breakdown of ``scenario`` at its date."""
    return Engine(scales).breakdown(scenario)
