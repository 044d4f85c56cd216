"""Many breakdowns at once: scenario grids, side-by-side comparisons, solving for kvalifikationsløn, and the pay
of one scenario at every regulation date (what a calendar period pays is chefloen.earnings)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from chefloen import labels, parsing
from chefloen.breakdown import Breakdown, summary
from chefloen.calc import compute
from chefloen.errors import InputError
from chefloen.labels import thousands
from chefloen.model import Afkoeb, Scales, Scenario
from chefloen.money import ZERO
from chefloen.plain import CsvTable, Data, Notice, amount, notices_data, records_table

if TYPE_CHECKING:
    import pandas

    from chefloen.tax import NetPay

TargetKind = Literal["pay", "total"]


def merged_notices(breakdowns: Iterable[Breakdown]) -> tuple[Notice, ...]:
    """One warning a kind (code) for several breakdowns, in first-seen order.

    Factor warnings of several factors become one that names them all. A warning that holds for only some
    of the dates says for which: the first and the last date it holds for.
    """
    breakdowns = tuple(breakdowns)
    dates_of: dict[str, list[dt.date]] = {}
    notices_of: dict[str, dict[Notice, None]] = {}
    for breakdown in breakdowns:
        for notice in breakdown.notices:
            dates_of.setdefault(notice.code, []).append(breakdown.on)
            notices_of.setdefault(notice.code, {})[notice] = None
    all_dates = {breakdown.on for breakdown in breakdowns}
    merged: list[Notice] = []
    for code, notices in notices_of.items():
        first, *others = notices
        message = first.message
        if others and code.endswith("_factor"):
            factors = sorted({b.factor.entry for b in breakdowns if b.factor.entry.status + "_factor" == code})
            message = labels.warn_factors_status(factors)
        elif others and code == "after_last_regulation":  # it says how far past: the farthest date says most
            latest = max((b for b in breakdowns if any(n.code == code for n in b.notices)), key=lambda b: b.on)
            message = next(n.message for n in latest.notices if n.code == code)
        elif others:
            merged.extend(notices)
            continue
        dates = sorted(set(dates_of[code]))
        if len(all_dates) > 1 and set(dates) != all_dates:
            message += f" Gælder {labels.date_span(dates[0], dates[-1])}."
        merged.append(Notice(code, message))
    return tuple(merged)


def conversion_notes(breakdowns: Iterable[Breakdown]) -> tuple[Notice, ...]:
    """How the amounts given in kroner or at the 31.3.2000 level became grundbeløb, each said once."""
    return tuple(dict.fromkeys(note for breakdown in breakdowns for note in breakdown.conversions))


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """Breakdowns side by side; the first is the reference the others are compared with."""

    breakdowns: tuple[Breakdown, ...]
    nets: tuple[NetPay, ...] = ()

    @property
    def notices(self) -> tuple[Notice, ...]:
        nets = dict.fromkeys(notice for net in self.nets for notice in net.notices)
        return merged_notices(self.breakdowns) + tuple(nets)

    @property
    def warnings(self) -> tuple[Notice, ...]:
        """What a reader must know about the figures (``notices``), one a kind for all the scenarios."""
        return self.notices

    def to_frame(self) -> pandas.DataFrame:
        """One row a scenario, as the JSON's summary: its label, date, trin, factor, pay and totals in kroner a
        year (monthly_pay to øre), its differences to the first, and with a kommune its net (see chefloen.frames)."""
        from chefloen.frames import records_frame

        return records_frame(self.to_data()["summary"])

    @property
    def notes(self) -> tuple[Notice, ...]:
        return conversion_notes(self.breakdowns)

    def to_data(self) -> Data:
        """The JSON contract of ``chefloen compare``: every breakdown whole, and a summary row each."""
        first = self.breakdowns[0]
        rows = []
        for position, breakdown in enumerate(self.breakdowns):
            row = summary(breakdown, first)
            if self.nets:
                net, reference = self.nets[position], self.nets[0]
                row |= {
                    "net_annual": amount(net.net_annual),
                    "net_monthly": amount(net.net_monthly),
                    # As diff_pay: 0 for the first; a month's difference is that of the monthly nets shown.
                    "diff_net_annual": amount(net.net_annual - reference.net_annual),
                    "diff_net_monthly": amount(net.net_monthly - reference.net_monthly),
                }
            rows.append(row)
        return {
            "scenarios": [breakdown.to_data() for breakdown in self.breakdowns],
            "summary": rows,
            "warnings": notices_data(self.notices),
        }

    def csv_table(self) -> CsvTable:
        """The table's rows, one column a scenario: each line's annual amount, then the totals and differences
        (every cell an amount, so a workbook holds numbers; dates, trin and factors are in the JSON)."""
        breakdowns = self.breakdowns
        first = breakdowns[0]
        header = ["key", "label", *(scenario_title(b) for b in breakdowns)]
        rows: list[list[object]] = []
        keys = dict.fromkeys((line.key, line.label if line.key == "tillaeg" else "") for b in breakdowns
                             for line in b.lines)  # fmt: skip
        for key, detail in keys:
            label = detail or labels.line_label(key, "")
            if key == "basisloen":
                label = "Basisløn, trin " + " / ".join(dict.fromkeys(b.subject.step.step for b in breakdowns))
            elif key == "afkoeb":
                label = "Afkøb af merarbejde"
            cells = [
                next(
                    (line.annual for line in b.lines if line.key == key and (not detail or line.label == detail)), None
                )
                for b in breakdowns
            ]
            rows.append(
                [key if not detail else f"tillaeg:{detail.removeprefix('Tillæg: ')}", label, *map(amount, cells)]
            )
        ranged = any(b.pension_low is not None for b in breakdowns)
        totals: list[tuple[str, str, list[Decimal | None]]] = [
            ("annual_pay", "Løn i alt", [b.annual_pay for b in breakdowns]),
            ("monthly_pay", "Løn pr. måned", [b.monthly_figure("annual_pay") for b in breakdowns]),
        ]
        if any(b.fritvalg for b in breakdowns):
            totals.append(("fritvalg", "Fritvalgstillæg", [b.fritvalg_annual for b in breakdowns]))
        totals += [
            ("pension", "Pension", [b.pension for b in breakdowns]),
            ("total", "Løn og pension i alt", [b.total for b in breakdowns]),
        ]
        if ranged:
            totals += [
                ("pension_low", "Pension lav", [b.pension_low for b in breakdowns]),
                ("total_low", "Løn og pension i alt lav", [b.total_low for b in breakdowns]),
            ]
        totals += [
            ("diff_total", "Forskel i alt", [b.total - first.total for b in breakdowns]),
            ("holiday_pay", "Ferietillæg", [b.holiday for b in breakdowns]),
            ("total_compensation", labels.TOTAL_COMPENSATION, [b.total_compensation for b in breakdowns]),
        ]
        if self.nets:
            reference = self.nets[0]
            totals += [
                ("net_monthly", "Nettoløn pr. måned (skøn)", [net.net_monthly for net in self.nets]),
                ("diff_net_monthly", labels.NET_DIFF_MONTHLY,
                 [net.net_monthly - reference.net_monthly for net in self.nets]),
                ("net_annual", labels.NET_ANNUAL_ROW, [net.net_annual for net in self.nets]),
                ("diff_net_annual", labels.NET_DIFF_ANNUAL,
                 [net.net_annual - reference.net_annual for net in self.nets]),
            ]  # fmt: skip
        rows += [[key, label, *map(amount, values)] for key, label, values in totals]
        return header, rows


def scenario_title(breakdown: Breakdown) -> str:
    """A scenario's name as a column heading: its label, else its posting or trin."""
    subject = breakdown.subject
    return subject.label or (subject.posting.id if subject.posting else f"trin {subject.step.step}")


def compare(scenarios: Sequence[Scenario], scales: Scales) -> Comparison:
    """Compute every scenario; differences are taken against the first."""
    if len(scenarios) < 2:
        raise InputError("compare needs at least two scenarios")
    return Comparison(breakdowns=tuple(compute(scenario, scales) for scenario in scenarios))


@dataclass(frozen=True, slots=True, kw_only=True)
class Grid:
    """One breakdown per combination of kvalifikationsløn, afkøb and date."""

    breakdowns: tuple[Breakdown, ...]
    afkoeb_texts: tuple[str, ...]

    @property
    def notices(self) -> tuple[Notice, ...]:
        return merged_notices(self.breakdowns)

    @property
    def warnings(self) -> tuple[Notice, ...]:
        """What a reader must know about the figures (``notices``), one a kind for the whole grid."""
        return self.notices

    def to_frame(self) -> pandas.DataFrame:
        """One row a combination, as the JSON's rows: date, kvalifikationsløn (grundbeløb and kroner a year), afkøb,
        pay and totals in kroner a year (monthly_pay to øre) and the differences to the first (see chefloen.frames).
        """
        from chefloen.frames import records_frame

        return records_frame(self.to_data()["rows"])

    def to_data(self) -> Data:
        """The JSON contract of ``chefloen scenarios``: a summary row a combination, against the first."""
        first = self.breakdowns[0]
        rows = []
        for breakdown, afkoeb in zip(self.breakdowns, self.afkoeb_texts, strict=True):
            kval = next((line for line in breakdown.lines if line.key == "kvalifikationsloen"), None)
            row = summary(breakdown, first)
            row["kvalifikationsloen_base_amount"] = amount(kval.base_amount if kval else ZERO)
            row["kvalifikationsloen_annual"] = amount(kval.annual if kval else ZERO)
            row["afkoeb"] = afkoeb
            rows.append(row)
        return {"rows": rows, "warnings": notices_data(self.notices)}

    def csv_table(self) -> CsvTable:
        return records_table(self.to_data()["rows"])


MAX_CELLS = 10_000  # a grid beyond this is no longer read, and its breakdowns fill memory


def grid(
    template: Scenario, scales: Scales, *, kvals: Sequence[Decimal], afkoebs: Sequence[tuple[str, Afkoeb | None]],
    dates: Sequence[dt.date],
) -> Grid:  # fmt: skip
    """Every combination, dates outermost, then kvalifikationsløn, then afkøb (given as (text, value))."""
    cells = len(dates) * len(kvals) * len(afkoebs)
    if cells > MAX_CELLS:
        raise InputError(
            f"the grid has {thousands(cells)} scenarios ({len(dates)} dates × {thousands(len(kvals))} "
            f"kvalifikationsløn × {len(afkoebs)} afkøb); at most {thousands(MAX_CELLS)}"
        )
    breakdowns, texts = [], []
    for on in dates:
        for kval in kvals:
            for text, afkoeb in afkoebs:
                scenario = template._replace(on=on, kvalifikationsloen=kval, afkoeb=afkoeb)
                breakdowns.append(compute(scenario, scales))
                texts.append(text)
    return Grid(breakdowns=tuple(breakdowns), afkoeb_texts=tuple(texts))


def kval_range_of(text: str, name: str) -> list[Decimal]:
    """The kvalifikationsløn grundbeløb a range START:STOP:STEP gives (``name``: the option, for its error).

    >>> kval_range_of("0:50.000:25000", "range")
    [Decimal('0'), Decimal('25000'), Decimal('50000')]
    """
    parts = text.split(":")
    if len(parts) != 3:
        raise InputError(f"{name} must be START:STOP:STEP")
    hint = "; a range is of grundbeløb"
    start, stop, step = (parsing.parse_base_amount(part, "kvalifikationsløn", hint=hint) for part in parts)
    return kval_range(start, stop, step)


def afkoeb_options(
    texts: Iterable[str], *, pensionable: bool, read: parsing.BaseReader
) -> list[tuple[str, Afkoeb | None]]:
    """A grid's afkøb options, each as written and as read (``0``: none, written as nothing)."""
    options: list[tuple[str, Afkoeb | None]] = []
    for text in texts:
        parsed = parsing.parse_afkoeb(text, pensionable=pensionable, base=read)
        options.append(("", None) if parsed.value == 0 else (text, parsed))
    return options


def kval_range(start: Decimal, stop: Decimal, step: Decimal) -> list[Decimal]:
    """Values from ``start`` to ``stop`` inclusive in steps of ``step``.

    >>> kval_range(Decimal(0), Decimal(50000), Decimal(25000))
    [Decimal('0'), Decimal('25000'), Decimal('50000')]
    """
    if step <= 0 or stop < start:
        raise InputError("a range needs START ≤ STOP and a STEP above 0")
    count = int((stop - start) / step) + 1
    if count > MAX_CELLS:
        raise InputError(f"the range has {thousands(count)} values; at most {thousands(MAX_CELLS)}")
    return [start + step * position for position in range(count)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Solution:
    """The smallest whole-krone kvalifikationsløn grundbeløb that reaches a target, and the breakdown it gives."""

    target: Decimal
    target_kind: TargetKind
    base_amount: Decimal
    breakdown: Breakdown

    @property
    def annual(self) -> Decimal:
        return self.breakdown.annual_of("kvalifikationsloen")

    @property
    def reached(self) -> Decimal:
        return self.breakdown.total if self.target_kind == "total" else self.breakdown.annual_pay

    @property
    def notices(self) -> tuple[Notice, ...]:
        return self.breakdown.notices

    @property
    def warnings(self) -> tuple[Notice, ...]:
        """What a reader must know about the figures (``notices``)."""
        return self.notices

    def to_data(self) -> Data:
        """The JSON contract of ``chefloen solve``."""
        return {
            "target": amount(self.target),
            "target_kind": self.target_kind,
            "kvalifikationsloen_base_amount": amount(self.base_amount),
            "kvalifikationsloen_annual": amount(self.annual),
            "reached": amount(self.reached),
            "already_reached": self.base_amount == 0,
            "breakdown": self.breakdown.to_data(),
            "warnings": notices_data(self.notices),
        }

    def csv_table(self) -> CsvTable:
        return records_table([self.to_data()])


def solve(scenario: Scenario, scales: Scales, *, target: Decimal, kind: TargetKind) -> Solution:
    """Find the least kvalifikationsløn (grundbeløb, whole kroner) whose pay or total reaches ``target``."""

    def value(breakdown: Breakdown) -> Decimal:
        return breakdown.total if kind == "total" else breakdown.annual_pay

    base, breakdown = least_kvalifikationsloen(scenario, scales, lambda b: value(b) >= target, str(target))
    return Solution(target=target, target_kind=kind, base_amount=base, breakdown=breakdown)


def least_kvalifikationsloen(
    scenario: Scenario, scales: Scales, reaches: Callable[[Breakdown], bool], target: str
) -> tuple[Decimal, Breakdown]:
    """The least whole-krone kvalifikationsløn grundbeløb whose breakdown ``reaches`` a target (``target`` says
    which, when none below 100.000.000 does), and that breakdown.

    Pay never falls as kvalifikationsløn rises, nor does anything that rises with pay, so a doubling search
    and a bisection find it; the answer is the breakdown computed with it, so it is checked by construction.
    """
    if scenario.kvalifikationsloen:
        raise InputError("solve finds the kvalifikationsløn; do not give one")

    def reached(base: Decimal) -> Breakdown:
        return compute(scenario._replace(kvalifikationsloen=base), scales)

    low, high = Decimal(0), Decimal(1000)
    if reaches(without := reached(low)):
        return low, without
    while not reaches(reached(high)):
        low, high = high, high * 2
        if high > 100_000_000:
            raise InputError(f"no kvalifikationsløn below 100.000.000 reaches {target}")
    while high - low > 1:
        middle = (low + high) // 2
        if reaches(reached(middle)):
            high = middle
        else:
            low = middle
    return high, reached(high)


@dataclass(frozen=True, slots=True, kw_only=True)
class History:
    """One breakdown per regulation date, oldest first."""

    breakdowns: tuple[Breakdown, ...]

    @property
    def notices(self) -> tuple[Notice, ...]:
        # Per-date factor statuses are in the status column; keep what concerns the scenario, and the user's
        # assumptions, which a reader must not take for agreed regulations.
        codes = {"expected_factor", "inferred_factor", "after_last_regulation", "inferred_holiday_rate"}
        kept = [b._replace(notices=tuple(n for n in b.notices if n.code not in codes)) for b in self.breakdowns]
        return merged_notices(kept)

    @property
    def notes(self) -> tuple[Notice, ...]:
        return conversion_notes(self.breakdowns[:1])

    @property
    def warnings(self) -> tuple[Notice, ...]:
        """What a reader must know about the figures (``notices``)."""
        return self.notices

    def to_frame(self) -> pandas.DataFrame:
        """One row a regulation date, oldest first: date, factor and its status, pay and totals in kroner a year
        (monthly_pay to øre), as the JSON's history (see chefloen.frames)."""
        from chefloen.frames import records_frame

        return records_frame(self.to_data()["history"])

    def to_data(self) -> Data:
        """The JSON contract of ``chefloen history``: a summary row a regulation date."""
        return {
            "history": [summary(breakdown) for breakdown in self.breakdowns],
            "warnings": notices_data(self.notices),
            "notes": notices_data(self.notes),
        }

    def csv_table(self) -> CsvTable:
        return records_table(self.to_data()["history"])


def history(scenario: Scenario, scales: Scales) -> History:
    """Compute ``scenario`` at every factor's effective date (assumed ones included)."""
    factors = scales.regulation.factors
    return History(breakdowns=tuple(compute(scenario._replace(on=factor.effective), scales) for factor in factors))
