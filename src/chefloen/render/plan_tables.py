"""Rich tables for plans (scenarios, compare, solve, earnings, history) and net pay: imported by
chefloen.render.table the first time such a result is drawn."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rich.table import Table

from chefloen import labels
from chefloen.breakdown import Breakdown
from chefloen.earnings import Earnings
from chefloen.net_plans import NetSolution, Per
from chefloen.plain import Notice
from chefloen.plans import Comparison, Grid, History, Solution
from chefloen.render.table import RANGE_NOTE, breakdown_title, escape, parts, signed, warning_lines
from chefloen.tax import NetPay, WithNet


@parts.register
def _(result: Grid) -> list[object]:
    first = result.breakdowns[0]
    ranged = has_range(result.breakdowns)
    table = Table(title=f"Scenarier for {escape(breakdown_title(first))}", title_justify="left")
    columns = ["Dato", "Kval.løn", "Afkøb", "Løn", "Pension", "I alt", "Forskel"]
    if ranged:
        columns[5:5] = ["Pension lav", "I alt lav"]
    for column in columns:
        table.add_column(column, justify="left" if column in ("Dato", "Afkøb") else "right", min_width=5)
    for breakdown in result.breakdowns:
        kval = next((line.base_amount for line in breakdown.lines if line.key == "kvalifikationsloen"), None)
        cells = [
            labels.date(breakdown.on),
            labels.number(kval or Decimal(0), 0),
            afkoeb_cell(breakdown),
            labels.number(breakdown.annual_pay, 0),
            labels.number(breakdown.pension, 0),
            labels.number(breakdown.total, 0),
            signed(breakdown.total - first.total).removesuffix(" kr."),
        ]
        if ranged:
            cells[5:5] = [optional_number(breakdown.pension_low), optional_number(breakdown.total_low)]
        table.add_row(*cells)
    note = "Beløb i kr. Kval.løn som grundbeløb (31.3.2018); forskel: i alt i forhold til første række."
    notes: list[object] = [table, note]
    if ranged:
        notes.append(RANGE_NOTE)
    return notes + warning_lines(result.notices)


def afkoeb_cell(breakdown: Breakdown) -> str:
    """The afkøb a breakdown was computed with, written as its line's label writes it (10 %, 5 t/uge, 25.000)."""
    line = next((line for line in breakdown.lines if line.key == "afkoeb"), None)
    if line is None:
        return "ingen"
    kind, inputs = line.how
    if kind == "afkoeb_percent":
        return labels.afkoeb_text("percent", inputs[0])
    if kind == "afkoeb_hours":
        return labels.afkoeb_text("hours", inputs[0])
    return labels.afkoeb_text("amount", line.base_amount or Decimal(0))


def has_range(breakdowns: Iterable[Breakdown]) -> bool:
    return any(breakdown.pension_low is not None for breakdown in breakdowns)


def optional_number(value: Decimal | None, places: int = 0) -> str:
    return "" if value is None else labels.number(value, places)


@parts.register
def _(result: Comparison) -> list[object]:
    table = Table(title="Sammenligning", title_justify="left")
    table.add_column("Komponent")
    for breakdown in result.breakdowns:
        table.add_column(escape(breakdown_title(breakdown)), justify="right", no_wrap=True)
    labels_in_order = list(dict.fromkeys(line.label for b in result.breakdowns for line in b.lines))
    for label in labels_in_order:
        cells = []
        for breakdown in result.breakdowns:
            value = next((line.annual for line in breakdown.lines if line.label == label), None)
            cells.append("" if value is None else labels.kr(value))
        table.add_row(escape(label), *cells)
    table.add_section()
    first = result.breakdowns[0]
    table.add_row("Løn i alt", *(labels.kr(b.annual_pay) for b in result.breakdowns))
    if any(b.fritvalg for b in result.breakdowns):
        table.add_row("Fritvalgstillæg", *(labels.kr(b.fritvalg_annual) for b in result.breakdowns))
    table.add_row("Pension", *(labels.kr(b.pension) for b in result.breakdowns))
    table.add_row("Løn og pension i alt", *(labels.kr(b.total) for b in result.breakdowns))
    ranged = has_range(result.breakdowns)
    if ranged:
        table.add_row("Pension lav", *(optional_kr(b.pension_low) for b in result.breakdowns))
        table.add_row("Løn og pension i alt lav", *(optional_kr(b.total_low) for b in result.breakdowns))
    table.add_row("Forskel i alt", "", *(signed(b.total - first.total) for b in result.breakdowns[1:]))
    table.add_row("Ferietillæg", *(labels.kr(b.holiday) for b in result.breakdowns))
    table.add_row(labels.TOTAL_COMPENSATION, *(labels.kr(b.total_compensation) for b in result.breakdowns))
    if result.nets:
        table.add_row("Nettoløn pr. måned (skøn)", *(labels.kr_ore(net.net_monthly) for net in result.nets))
        reference, others = result.nets[0], result.nets[1:]
        monthly = (signed_ore(net.net_monthly - reference.net_monthly) for net in others)
        table.add_row(labels.NET_DIFF_MONTHLY, "", *monthly)
        table.add_row(labels.NET_ANNUAL_ROW, *(labels.kr(net.net_annual) for net in result.nets))
        table.add_row(labels.NET_DIFF_ANNUAL, "", *(signed(net.net_annual - reference.net_annual) for net in others))
    dates = ", ".join(dict.fromkeys(labels.date(b.on) for b in result.breakdowns))
    notes: list[object] = [table, f"Beregnet pr. {dates}; forskelle i forhold til første kolonne."]
    if result.nets:
        net = result.nets[0]
        notes.append(f"Nettoløn: skøn for {escape(net.kommune)} {net.year}. {labels.NET_DISCLAIMER}")
    if ranged:
        notes.append(RANGE_NOTE)
    return notes + note_lines(result.notes) + warning_lines(result.notices)


def optional_kr(value: Decimal | None) -> str:
    return "" if value is None else labels.kr(value)


def signed_ore(value: Decimal) -> str:
    return ("+" if value > 0 else "") + labels.kr_ore(value)


@parts.register
def _(result: Solution) -> list[object]:
    what = "løn og pension i alt" if result.target_kind == "total" else "årsløn"
    if result.base_amount == 0:
        text = (
            f"Målet er allerede nået uden kvalifikationsløn: {what} pr. {labels.date(result.breakdown.on)} er "
            f"{labels.kr(result.reached)}, og målet var {labels.kr(result.target)}"
        )
        return [text, *parts(result.breakdown)]
    text = (
        f"For at nå {what} på {labels.kr(result.target)} kræves kvalifikationsløn med grundbeløb "
        f"{labels.number(result.base_amount, 0)} "
        f"(= {labels.kr(result.annual)} pr. {labels.date(result.breakdown.on)}). "
        f"Kontrol: {what} bliver {labels.kr(result.reached)}"  # "kr." ends the sentence
    )
    return [text, *parts(result.breakdown)]


@parts.register
def _(result: NetSolution) -> list[object]:
    net, per, on = result.net, result.per, result.breakdown.on
    other: Per = "year" if per == "month" else "month"
    reached = labels.net_amount(result.reached, per)
    target = labels.net_amount(result.target, per)
    if result.base_amount == 0:
        text = labels.net_target_already_reached(target, on, reached)
    else:
        other_net = net.net_annual if other == "year" else net.net_monthly
        over = labels.net_amount(result.reached - result.target, per).removesuffix(f" {labels.NET_PER[per]}")
        text = labels.net_target_solved(target, result.base_amount, result.annual, on) + " "
        text += labels.net_target_check(
            reached, labels.net_amount(other_net, other), over, within=result.within is not None
        )
    return [text, *parts(WithNet(breakdown=result.breakdown, net=net))]


@parts.register
def _(result: Earnings) -> list[object]:
    table = Table(title=f"Indtjening {labels.date(result.start)} – {labels.date(result.end)}", title_justify="left")
    ranged = result.pension_low is not None
    chosen = bool(result.fritvalg)
    columns = ["Måned", "Andel", "Faktor", "Løn", *(["Fritvalg"] if chosen else []), "Pension", "I alt"]
    columns += ["Pension lav", "I alt lav"] if ranged else []
    columns += ["Ferietillæg", *(["Netto"] if result.years else [])]
    for column in columns:
        table.add_column(column, justify="left" if column == "Måned" else "right", no_wrap=True)

    def figures(pay: Decimal, fritvalg: Decimal, pension: Decimal, total: Decimal) -> list[str]:
        return [labels.number(pay, 2), *([labels.number(fritvalg, 2)] if chosen else []),
                labels.number(pension, 2), labels.number(total, 2)]  # fmt: skip

    for month in result.months:
        factor = month.breakdown.factor.entry
        marker = "" if factor.status == "sourced" else f" {factor.status[0]}"
        cells = [
            labels.month(month.first_day),
            labels.number(month.share * 100, 0) + " %",
            labels.factor(factor.value) + marker,
            *figures(month.pay, month.fritvalg, month.pension, month.total),
        ]
        if ranged:
            cells += [optional_number(month.pension_low, 2), optional_number(month.total_low, 2)]
        cells.append(labels.number(month.holiday, 2) if month.holiday else "")
        if result.years:
            cells.append(optional_number(month.net, 2))
        table.add_row(*cells)
    table.add_section()
    totals = figures(result.pay, result.fritvalg, result.pension, result.total)
    if ranged:
        totals += [optional_number(result.pension_low, 2), optional_number(result.total_low, 2)]
    totals.append(labels.number(result.holiday, 2))
    if result.years:
        totals.append(optional_number(result.net, 2))
    table.add_row("I alt", "", "", *totals)
    for year in result.years if len(result.years) > 1 else ():
        blank = [""] * (len(columns) - 4)
        table.add_row(f"Netto {year.year}", "", "", *blank, labels.number(year.estimate.net_annual, 2))
    note = (
        "Beløb i kr. Hver måned: årsløn / 12 med faktoren pr. den 1.; delvise måneder efter kalenderdage. "
        "I alt er løn, fritvalgstillæg og pension; ferietillægget står for sig. "
        f"{STATUS_MARKERS}"
    )
    return [table, note, *([RANGE_NOTE] if ranged else []), *note_lines(result.notes), *warning_lines(result.notices)]


def note_lines(notes: Iterable[Notice]) -> list[object]:
    return [escape(note.message) for note in notes]


STATUS_MARKERS = "Faktor e = forventet, i = udledt, u = egen, a = antaget."


@parts.register
def _(result: NetPay) -> list[object]:
    church = " med kirkeskat" if result.church else " uden kirkeskat"
    table = Table(title=f"Nettoløn (skøn) {result.year}, {escape(result.kommune)}{church}", title_justify="left")
    for column in ("Post", "Grundlag", "Beløb"):
        table.add_column(column, justify="left" if column == "Post" else "right", no_wrap=True)
    table.add_row("Bruttoløn", "", labels.kr(result.gross))
    for line in result.lines:
        table.add_row(labels.tax_label(line.key), labels.kr(line.base), labels.kr(line.amount))
    table.add_section()
    table.add_row("[bold]Nettoløn pr. år[/bold]", "", labels.kr(result.net_annual))
    table.add_row("Nettoløn pr. måned", "", labels.kr_ore(result.net_monthly))
    rates = (
        f"Marginalskat på næste krone: {labels.percent(result.marginal_rate)}; "
        f"gennemsnitsskat: {labels.percent(result.effective_rate)}."
    )
    return [table, rates, f"[italic]{labels.NET_DISCLAIMER}[/italic]", *warning_lines(result.notices)]


@parts.register
def _(result: WithNet) -> list[object]:
    return [*parts(result.breakdown), *parts(result.net)]


@parts.register
def _(result: History) -> list[object]:
    first = result.breakdowns[0]
    ranged = has_range(result.breakdowns)
    table = Table(title=f"Løn ved hver regulering: {escape(breakdown_title(first))}", title_justify="left")
    columns = ["Fra", "Faktor", "Løn", "I alt", *(["I alt lav"] if ranged else []), ""]
    for column in columns:
        table.add_column(column, justify="left" if column in ("Fra", "") else "right", no_wrap=True)
    low, top = min(b.total for b in result.breakdowns), max(b.total for b in result.breakdowns)
    bar_steps = 13 if ranged else 29  # the low-end column takes the room of sixteen bar steps at 80 columns
    span = (top - low) or 1
    for breakdown in result.breakdowns:
        factor = breakdown.factor.entry
        marker = "" if factor.status == "sourced" else f" {factor.status[0]}"
        bar = "█" * (1 + int((breakdown.total - low) / span * bar_steps))
        cells = [labels.date(breakdown.on), labels.factor(factor.value) + marker]
        cells += [labels.number(breakdown.annual_pay, 0), labels.number(breakdown.total, 0)]
        if ranged:
            cells.append(optional_number(breakdown.total_low))
        table.add_row(*cells, f"[cyan]{bar}[/cyan]")
    note = (
        f"Beløb i kr. årligt; søjlen viser løn og pension i alt fra {labels.kr(low)} til {labels.kr(top)} "
        f"{STATUS_MARKERS}"
    )
    return [table, note, *([RANGE_NOTE] if ranged else []), *note_lines(result.notes), *warning_lines(result.notices)]
