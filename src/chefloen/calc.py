"""The pay engine: Scenario + Scales -> Breakdown. Pure Decimal."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from chefloen import labels
from chefloen.breakdown import Breakdown, How, Line, LineKey, Notice, Subject
from chefloen.errors import InputError
from chefloen.model import Factor, IndexSeries, InForce, PartTime, PensionRate, Scales, Scenario
from chefloen.money import HUNDRED, ZERO, round_money

ONE = Decimal(1)


class Share(NamedTuple):
    """Share of full time as a ratio: a fraction over 1, or weekly hours over the full-time week.

    Hours over 37 have no exact decimal (30/37 = 0,810810…), so amounts are multiplied by
    ``numerator`` before they are divided by ``denominator``, once: a true half krone stays exact.
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


def factor_notices(lookup: InForce[Factor], index: IndexSeries) -> list[Notice]:
    """Warnings owed when a figure rests on a factor that is not sourced, or on a date past the last regulation.

    Neither names the date asked for, so results over many dates (history, earnings) say each once.
    """
    factor = lookup.entry
    notices = []
    if factor.status != "sourced":
        notices.append(
            Notice(f"{factor.status}_factor", labels.warn_factor_status(factor.status, factor.value, factor.effective))
        )
    if lookup.after_last:
        upcoming = index.upcoming
        hint = upcoming.basis if upcoming is not None and upcoming.date > factor.effective else ""
        notices.append(Notice("after_last_regulation", labels.warn_after_last(factor.effective, factor.value, hint)))
    return notices


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


class _Lines:
    """Collects the lines of one breakdown at one factor and employment share, keeping their totals."""

    __slots__ = ("factor", "fraction", "lines", "pensionable", "share", "total")

    def __init__(self, factor: Decimal, share: Share) -> None:
        self.factor = factor
        self.share = share
        self.fraction = share.fraction
        self.lines: list[Line] = []
        self.total = self.pensionable = ZERO

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self.total += line.annual
        if line.pensionable:
            self.pensionable += line.annual

    def regulated(self, key: LineKey, base_amount: Decimal, *, pensionable: bool, detail: str = "") -> None:
        if base_amount < 0:
            raise InputError(f"{labels.line_label(key, detail)}: amount must not be negative")
        if base_amount == 0:
            return
        annual = round_money(base_amount * self.factor * self.share.numerator / self.share.denominator)
        how: How = ("regulated", (base_amount, self.factor, self.fraction))
        self.add(Line(key, labels.line_label(key, detail), base_amount, annual, pensionable, how))


def compute(scenario: Scenario, scales: Scales) -> Breakdown:
    """Compute the pay breakdown of ``scenario`` at its date."""
    subject = subject_of(scenario, scales)
    lookup = scales.regulation.at(scenario.on)
    pay = _Lines(lookup.entry.value, employment_share(scenario.part_time, scales))
    pay.regulated("basisloen", subject.step.base_amount, pensionable=True, detail=subject.step.step)
    if subject.posting is not None:
        pay.regulated("opslagstillaeg", subject.posting.supplement_base_amount, pensionable=True)
    if scenario.kvalifikationsloen:  # zero adds no line; a negative amount is refused in regulated()
        pay.regulated("kvalifikationsloen", scenario.kvalifikationsloen, pensionable=True)
    if scenario.funktionsloen:
        pay.regulated("funktionsloen", scenario.funktionsloen, pensionable=True)
    for supplement in scenario.supplements:
        pay.regulated("tillaeg", supplement.base_amount, pensionable=supplement.pensionable, detail=supplement.name)
    if scenario.afkoeb is not None:
        afkoeb_line(scenario, scales, pay)
    if scenario.one_off < 0:
        raise InputError("engangsvederlag must not be negative")
    if scenario.one_off:
        one_off = round_money(scenario.one_off)
        label = labels.line_label("engangsvederlag")
        pay.add(Line("engangsvederlag", label, None, one_off, scenario.one_off_pensionable, ("one_off", ())))
    lines = pay.lines
    rate, overridden = pension_rate(scenario, subject, scales)
    pensionable = pay.pensionable
    pension = round_money(pensionable * rate.percent / HUNDRED)
    notices = factor_notices(lookup, scales.regulation)
    if not overridden and rate.status != "sourced":
        notices.append(Notice(f"{rate.status}_pension_rate", labels.warn_pension_status(rate.status, rate.percent)))
    pension_low = None
    if subject.posting is not None and subject.posting.level_includes_afkoeb:
        # No line when the posted level is the trin's basisløn: then there is nothing to leave out.
        posting_supplement = next((line.annual for line in lines if line.key == "opslagstillaeg"), ZERO)
        pension_low = round_money((pensionable - posting_supplement) * rate.percent / HUNDRED)
        notices.append(Notice("level_includes_afkoeb", labels.warn_level_includes_afkoeb()))
    return Breakdown(
        on=scenario.on,
        subject=subject,
        factor=lookup,
        fraction=pay.fraction,
        lines=tuple(lines),
        annual_pay=pay.total,
        pensionable_pay=pensionable,
        pension_rate=rate,
        pension_overridden=overridden,
        pension=pension,
        notices=tuple(notices),
        pension_low=pension_low,
    )


def afkoeb_line(scenario: Scenario, scales: Scales, pay: _Lines) -> None:
    """Append the afkøb line: a percent of the pay so far, a grundbeløb, or weekly hours at the hourly rate."""
    afkoeb = scenario.afkoeb
    assert afkoeb is not None
    if afkoeb.value < 0:
        raise InputError("afkøb must not be negative")
    if afkoeb.kind == "amount":
        pay.regulated("afkoeb", afkoeb.value, pensionable=afkoeb.pensionable)
        return
    basis = pay.total
    worktime = scales.worktime
    if afkoeb.kind == "percent":
        annual = round_money(basis * afkoeb.value / HUNDRED)
        how: How = ("afkoeb_percent", (afkoeb.value, basis))
    else:
        if afkoeb.value >= worktime.weekly_hours:  # as a percent must be below 100: afkøb is less than a full job
            raise InputError(
                f"afkøb of {labels.number(afkoeb.value, 2 if afkoeb.value % 1 else 0)} hours a week must be below "
                f"the full-time week of {labels.number(worktime.weekly_hours, 0)} hours, as a percent must be below 100"
            )
        # The hourly rate is full-time pay / annual hours, so part-timers are not paid less per hour. That is
        # the full-time pay as paid, line by line, not the part-time pay scaled back up (which is rounded).
        full_time = sum(
            (round_money(line.base_amount * pay.factor) for line in pay.lines if line.base_amount is not None), ZERO
        )
        weeks, annual_hours = worktime.weeks_per_year, worktime.annual_hours
        annual = round_money(full_time * afkoeb.value * weeks / annual_hours)
        how = ("afkoeb_hours", (afkoeb.value, full_time, weeks, annual_hours))
    if annual:
        label = labels.line_label("afkoeb", labels.afkoeb_detail(afkoeb.kind, afkoeb.value))
        pay.add(Line("afkoeb", label, None, annual, afkoeb.pensionable, how))
