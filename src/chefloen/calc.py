"""The pay engine: prices a scenario by the rules of :mod:`chefloen.rules`, and keeps the forms, days, shares
and rates it has worked out, so rows at many dates under one factor share one form and a batch works each out
once. A quote and a batch row are priced by the same :class:`Engine`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from decimal import Decimal
from itertools import count
from typing import NamedTuple

from chefloen import labels
from chefloen.breakdown import Breakdown, How, Line, Subject, Taken
from chefloen.memo import remember
from chefloen.model import (
    PartTime,
    PensionRate,
    Scales,
    Scenario,
)
from chefloen.money import half_up
from chefloen.plain import Notice
from chefloen.rules import (
    Day,
    Figures,
    Form,
    Ratio,
    Shape,
    Share,
    compile_form,
    employment_share,
    factor_notices,
    figures,
    fritvalg_points,
    holiday_notices,
    pension_of,
    pension_rate,
    percent_ratio,
    shape_of,
    subject_of,
)


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
        form = self.forms.get((named, day.lookup.entry.effective))
        if form is None:
            self.subject(scenario)
            share = self.share(scenario.part_time)  # before the form's own lines are checked
            form = self.form(scenario, day)
        else:
            share = self.shares.get(scenario.part_time) or self.share(scenario.part_time)
        return shape_of(form, day, *share)

    def form(self, scenario: Scenario, day: Day) -> Form:
        """The form of ``scenario``'s trin or posting under the factor in force on ``day``, kept by the two."""
        key = ((scenario.step, scenario.posting), day.lookup.entry.effective)
        form = self.forms.get(key)
        if form is None:
            form = remember(self.forms, key, compile_form(self.subject(scenario), day.lookup.entry))
        return form

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
