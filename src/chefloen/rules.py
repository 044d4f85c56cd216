"""The pay rules in one place: which lines a scenario has, what is regulated and at what share of full time,
what is pensionable, and where each amount is rounded. Exact integer arithmetic throughout.

A scenario's trin or posting, the factor in force at its date and its share of full time compile into a
:class:`Form`: the coefficient every grundbeløb is multiplied by (factor × share, as an exact ratio) and the
subject's own lines, already computed. What the date itself adds (whether it lies past the last regulation,
the warnings that owes, the særlig feriegodtgørelse) is its :class:`Day`; a :class:`Shape` is the two. A quote
and a batch row run the same :func:`figures`; chefloen.calc's engine keeps what they rest on.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from chefloen import labels
from chefloen.breakdown import LineKey, Subject
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
