"""Rich tables in Danish for every result; imported only when a table is drawn."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterable
from decimal import Decimal
from functools import singledispatch
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.markup import escape as escape_markup
from rich.table import Table
from rich.text import Text

from chefloen import labels
from chefloen.breakdown import Breakdown
from chefloen.indexing import Conversion, StepTable
from chefloen.model import Factor, IndexSeries, InForce, Posting, PostingList
from chefloen.money import monthly
from chefloen.plain import Notice
from chefloen.render.formats import terminal_width, unicode_ok

# A percentage is one word in a table (10 %, 21,59 %): written with a no-break space before its sign. Rich
# breaks lines at a no-break space (Textualize/rich#4196), so tables are laid out with a stand-in that it takes
# for a letter, and the stand-in is written as the no-break space. JSON and CSV keep the plain space.
_NO_BREAK = "\ue000"
_BEFORE_PERCENT = re.compile(r"(?<=\d) (?=%)")


def escape(text: str) -> str:
    """Text from data or from the user, shown as it is: no Rich markup, no terminal control."""
    return escape_markup(labels.visible(text)).replace(_NO_BREAK, "\\ue000")


def kept_together(markup: RenderableType) -> RenderableType:
    """Markup with each percentage joined to its sign by the stand-in for a no-break space."""
    return _BEFORE_PERCENT.sub(_NO_BREAK, markup) if isinstance(markup, str) else markup


_TRAILING_BLANKS = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def render(result: object, stream: TextIO, *, width: int | None = None) -> None:
    """Print ``result`` as Danish tables with its factor, sources and warnings below.

    A table wider than the terminal is shown stacked, a block a row, so no figure or label is ever cut. A
    title is its own paragraph, wrapped between words. Lines end without trailing blanks.
    """
    console = Console(file=stream, width=terminal_width(width), highlight=False, emoji=False)
    with console.capture() as captured:
        for item in parts(result):
            if isinstance(item, Table):
                for column in item.columns:
                    # Figures keep their width; text wraps between words, and only a word too long for any
                    # column is folded, never cut with an ellipsis.
                    if column.justify == "right":
                        column.no_wrap = True
                    column.overflow = "fold"
                    column.header = kept_together(column.header)
                    column._cells = [kept_together(cell) for cell in column._cells]
                if item.title:
                    console.print(kept_together(item.title))
                    item.title = None
                console.print(item if needed_width(item) <= console.width else stacked(item, console))
            else:
                console.print(kept_together(item) if isinstance(item, str) else item)
    no_break = "\xa0" if unicode_ok(stream) else " "
    stream.write(_TRAILING_BLANKS.sub(r"\1", captured.get()).replace(_NO_BREAK, no_break))


def plain_text(cell: object) -> str:
    return Text.from_markup(cell).plain if isinstance(cell, str) else ""


def needed_width(table: Table) -> int:
    """The width ``table`` needs with nothing cut: a column that does not wrap needs its widest cell, one that
    wraps its longest word; each column adds its padding and a rule."""
    total = 1
    for column in table.columns:
        texts = [plain_text(column.header), *(plain_text(cell) for cell in column.cells)]
        if column.no_wrap:
            widest = max((cell_len(line) for text in texts for line in text.splitlines()), default=0)
        else:
            widest = max((cell_len(word) for text in texts for word in text.split()), default=0)
        total += max(widest, column.min_width or 0) + 3
    return total


def stacked(table: Table, console: Console) -> Group:
    """The table as a block a row: the first cell as the block's heading, then each other cell after its
    column's heading, its continuation lines indented under it. Empty cells are left out."""
    headers = [plain_text(column.header) for column in table.columns]
    columns = [list(column.cells) for column in table.columns]
    blocks: list[Text] = []
    for row in range(table.row_count):
        cells = [column[row] if row < len(column) else "" for column in columns]
        block = Text.from_markup(cells[0] if isinstance(cells[0], str) else "")
        block.stylize("bold")
        for header, cell in zip(headers[1:], cells[1:], strict=True):
            value = Text.from_markup(cell) if isinstance(cell, str) else Text("")
            if value.plain.strip():
                block.append("\n")
                block.append(field_lines(Text(f"{header}: " if header else "") + value, console))
        blocks.append(block)
    return Group(*[item for block in blocks for item in (block, Text(""))][:-1])


def field_lines(field: Text, console: Console) -> Text:
    """A field of a stacked block, indented by two; the lines it wraps to (or holds) by four."""
    lines = field.wrap(console, console.width - 2)
    if len(lines) > 1:
        lines = field.wrap(console, console.width - 4)
    return Text("\n").join([Text("  ") + lines[0], *(Text("    ") + line for line in lines[1:])])


def notes_of(result: object) -> list[str]:
    """The notes and warnings printed below the tables, as plain text (for a workbook's notes sheet)."""
    return [Text.from_markup(item).plain for item in parts(result) if isinstance(item, str)]


def factor_line(lookup: InForce[Factor]) -> str:
    factor = lookup.entry
    return (
        f"Reguleringsfaktor {labels.factor(factor.value)} pr. {labels.date(factor.effective)} "
        f"({labels.STATUS[factor.status]}). Kilde: {escape(factor.source.title)} {escape(factor.source.url)}"
    )


def warning_lines(notices: Iterable[Notice]) -> list[str]:
    return [f"[yellow]Advarsel:[/yellow] {escape(notice.message)}" for notice in notices]


RANGE_NOTE = (
    "Pensionen er et spænd, fordi opslagsniveauet indeholder afkøb af merarbejde i ukendt omfang: "
    f"høj = {labels.PENSION_HIGH}; lav = {labels.PENSION_LOW}."
)


# The tables of plans (scenarios, compare, solve, earnings, history) and of net pay are in their own module, so
# drawing a quote imports neither chefloen.plans nor chefloen.tax.
_ELSEWHERE = {
    "chefloen.plans": "chefloen.render.plan_tables",
    "chefloen.earnings": "chefloen.render.plan_tables",
    "chefloen.net_plans": "chefloen.render.plan_tables",
    "chefloen.tax": "chefloen.render.plan_tables",
    "chefloen.tax_years": "chefloen.render.tax_tables",
}


@singledispatch
def parts(result: object) -> list[object]:
    module = _ELSEWHERE.get(type(result).__module__)
    if module is not None and module not in sys.modules:
        importlib.import_module(module)  # registers its tables with parts()
        return parts(result)
    raise TypeError(f"no table for {type(result).__name__}")


@parts.register
def _(result: Breakdown) -> list[object]:
    subject = result.subject
    if subject.posting is not None:
        title = f"{posting_name(subject.posting)} (trin {subject.posting.trin_as_posted})"
    else:
        title = f"Trin {subject.step.step}"
    if subject.label:
        title = f"{subject.label}: {title}"
    table = Table(title=f"{escape(title)} pr. {labels.date(result.on)}", title_justify="left")
    table.add_column("Komponent", min_width=18)
    table.add_column("Grundbeløb", justify="right")
    table.add_column("Årligt", justify="right", no_wrap=True)
    table.add_column("Månedligt", justify="right", no_wrap=True)
    table.add_column("Pension", justify="center")
    for line in result.lines:
        base = "" if line.base_amount is None else labels.number(line.base_amount, 2 if line.base_amount % 1 else 0)
        table.add_row(
            escape(line.label),
            base,
            labels.kr(line.annual),
            labels.kr_ore(line.monthly),
            "ja" if line.pensionable else "nej",
        )
    table.add_section()
    for key, label, value in totals_rows(result, labels.percent(result.kept_rate)):
        table.add_row(label, "", labels.kr(value), labels.kr_ore(result.monthly_figure(key)), "")
    notes: list[object] = [table, "Grundbeløb i 31.3.2018-niveau.", factor_line(result.factor)]
    if result.fraction != 1:
        notes.append(f"Deltid: {labels.exact(result.fraction * 100)} % af fuld tid.")
    rate_source = result.pension_rate.source
    rate = labels.percent(result.pension_rate.percent)
    if result.pension_overridden:
        notes.append(f"Pensionssats {rate} angivet af brugeren.")
    elif rate_source is not None:
        notes.append(
            f"Pension {rate} af pensionsgivende løn {labels.kr(result.pensionable_pay)}; sats fra "
            f"{labels.date(result.pension_rate.effective)}. Kilde: {escape(rate_source.title)}"
        )
    if subject.posting is not None:
        posting = subject.posting
        where = escape(posting.source.url or posting.source.title)
        notes.append(f"Opslaget: “{escape(posting.wording)}” Kilde: {where}")
    notes += [escape(note.message) for note in result.notes]
    if result.pension_low is not None:
        notes.append(RANGE_NOTE)
    return notes + warning_lines(result.notices)


def totals_rows(result: Breakdown, rate: str) -> list[tuple[str, str, Decimal]]:
    """Pay, any fritvalgstillæg, pension and the totals (key, label, annual); both ends of each when the pension
    is a range."""
    fritvalg = [(key, escape(label), value) for key, label, value in result.fritvalg_totals(" (høj)", " (lav)")]
    extra = [
        (key, f"[bold]{escape(label)}[/bold]" if key.startswith("total") else escape(label), value)
        for key, label, value in result.extra_totals(" (høj)", " (lav)")
    ]
    if result.pension_low is None or result.total_low is None:
        return [
            ("annual_pay", "Løn i alt", result.annual_pay),
            *fritvalg,
            ("pension", f"Pension {rate}", result.pension),
            ("total", "[bold]Løn og pension i alt[/bold]", result.total),
            *extra,
        ]
    return [
        ("annual_pay", "Løn i alt", result.annual_pay),
        *fritvalg,
        ("pension", f"Pension {rate} (høj)", result.pension),
        ("pension_low", f"Pension {rate} (lav)", result.pension_low),
        ("total", "[bold]Løn og pension i alt (høj)[/bold]", result.total),
        ("total_low", "[bold]Løn og pension i alt (lav)[/bold]", result.total_low),
        *extra,
    ]


def posting_name(posting: Posting) -> str:
    """Title, employer and location as far as they are known."""
    return ", ".join(part for part in (posting.title, posting.employer) if part)


@parts.register
def _(result: StepTable) -> list[object]:
    table = Table(title=f"Chefløntrin pr. {labels.date(result.on)}", title_justify="left")
    for column in ("Trin", "Lønramme", "Grundbeløb (31.3.2018)", "Årligt", "Månedligt"):
        table.add_column(column, justify="left" if column == "Trin" else "right", no_wrap=True)
    for row in result.rows:
        table.add_row(
            row.step,
            str(row.loenramme),
            labels.number(row.base_amount, 0),
            labels.kr(row.annual),
            labels.kr_ore(monthly(row.annual)),
        )
    return [table, factor_line(result.factor), *warning_lines(result.notices)]


@parts.register
def _(result: IndexSeries) -> list[object]:
    table = Table(title="Regionale reguleringsfaktorer (grundbeløb 31.3.2018)", title_justify="left")
    for column in ("Gældende fra", "Faktor", "Status", "Grundlag", "Kilde"):
        table.add_column(column, justify="right" if column == "Faktor" else "left")
    for factor in result.factors:
        table.add_row(
            labels.date(factor.effective),
            labels.factor(factor.value),
            labels.STATUS[factor.status],
            escape(factor.basis),
            escape(factor.source.title),
        )
    periods = ", ".join(
        f"{p.name} {labels.date(p.first_regulation)}–{labels.date(p.last_day) if p.last_day else ''} "
        f"(startniveau {labels.factor(p.start_level)})"
        for p in result.periods
    )
    notes: list[object] = [
        table,
        f"Aftaleperioder: {periods}.",
        f"Seneste kendte regulering: {labels.date(result.last_known.effective)}.",
    ]
    if result.last.status == "assumed":
        notes.append(f"Seneste antagne regulering (din antagelse): {labels.date(result.last.effective)}.")
    if result.upcoming is not None:
        notes.append(f"Kan mangle: {escape(result.upcoming.basis)}.")
    notes.append("Tilføj en offentliggjort regulering med: chefloen index add DATO --percent PCT --source KILDE.")
    if any(factor.status == "expected" for factor in result.factors):
        notes.append("Forventede faktorer er prognoser fra aftaleindgåelsen, ikke bekræftede satser.")
    return notes


@parts.register
def _(result: Conversion) -> list[object]:
    if result.direction == "kroner":
        text = (
            f"Grundbeløb {labels.number(result.amount, 2 if result.amount % 1 else 0)} (31.3.2018-niveau) "
            f"= {labels.kr(result.result)} pr. {labels.date(result.on)}"
        )
    else:
        text = (
            f"{labels.kr(result.amount)} pr. {labels.date(result.on)} = grundbeløb "
            f"{labels.number(result.result, 2 if result.result % 1 else 0)} (31.3.2018-niveau); "
            f"det giver {labels.kr(result.check)}"
        )
    return [text, factor_line(result.factor), *warning_lines(result.notices)]


@parts.register
def _(result: PostingList) -> list[object]:
    table = Table(title="Stillingsopslag", title_justify="left")
    table.add_column("Id", no_wrap=True)
    table.add_column("Stilling", min_width=16, overflow="fold")
    table.add_column("Trin", no_wrap=True)
    table.add_column("Opslagsniveau", justify="right", no_wrap=True)
    for p in result.postings:
        level = f"{labels.kr(p.level)}\npr. {labels.date(p.level_date)}\n({labels.STATUS[p.status]})"
        modelled = "" if p.trin_as_posted == p.step else f"\n(beregnet\nsom {p.step})"
        table.add_row(escape(p.id), escape(posting_name(p)), p.trin_as_posted + modelled, level)
    note = (
        "Opslagsniveauet ud over trinnets basisløn regnes som en forskel til opslagsniveauet: chefloens "
        "udledning, ikke et aftalt tillæg. Egne opslag tilføjes med chefloen postings add."
    )
    return [table, note]


def breakdown_title(breakdown: Breakdown) -> str:
    subject = breakdown.subject
    name = subject.posting.id if subject.posting else f"trin {subject.step.step}"
    return subject.label or name


def signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + labels.kr(value)
