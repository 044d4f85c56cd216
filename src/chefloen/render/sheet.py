"""Tables for spreadsheets: cells typed as numbers and dates, CSV in the dialect Danish Excel opens with a
double-click (``excel-da``), and the kinds and widths of a workbook's columns (chefloen.render.workbook writes
the .xlsx).

A results table arrives as text (amounts as exact decimal strings, dates in ISO form, see chefloen.plain);
a column whose every value is a number becomes numbers, one of ISO dates becomes dates. Columns that hold
names and codes stay text even when a value looks like a number (trin 51, a label "2026").

Only spreadsheets get the formula guard: a cell starting with ``=``, ``+``, ``-`` or ``@`` is what a
spreadsheet runs as a formula, so the excel-da dialect puts ``'`` before it and a workbook stores it as
text. Plain CSV and JSON are for scripts and carry every value exactly as it is.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from typing import IO, NamedTuple

from chefloen.labels import visible
from chefloen.plain import FORMULA_STARTS, NUMBER
from chefloen.render.formats import Dialect, on_terminal

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Columns of names and codes: text, whatever their values look like.
TEXT_COLUMNS = frozenset(
    {"label", "key", "id", "trin", "trin_as_posted", "step", "posting", "warnings", "error", "status", "name"}
)
# Excel's own number formats; Danish Excel shows #,##0.00 as 792.072,00 and dd-mm-yyyy as 01-11-2025.
DATE_FORMAT = "dd-mm-yyyy"


class Kind(NamedTuple):
    """What a column holds: text, a date, or a number with this many decimals."""

    name: str  # "text", "date", "number"
    places: int = 0

    @property
    def number_format(self) -> str:
        if self.name == "date":
            return DATE_FORMAT
        if self.name != "number":
            return "@"
        if self.places == 0:
            return "#,##0"
        if self.places == 2:
            return "#,##0.00"
        return "0." + "0" * self.places  # factors and rates: every decimal, no grouping


TEXT = Kind("text")
DATE = Kind("date")


def kinds_of(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[Kind]:
    """Each column's kind, from its name and every value in it."""
    return [kind_of(name, [row[at] for row in rows]) for at, name in enumerate(header)]


def kind_of(name: str, values: Iterable[object]) -> Kind:
    texts = [value for value in values if value is not None and value != ""]
    if name in TEXT_COLUMNS or not texts or not all(isinstance(text, str) for text in texts):
        return TEXT
    strings: list[str] = texts  # type: ignore[assignment]
    if all(ISO_DATE.fullmatch(text) for text in strings):
        return DATE
    if all(NUMBER.fullmatch(text) for text in strings):
        return Kind("number", max(len(text.partition(".")[2]) for text in strings))
    return TEXT


def guarded(text: str) -> str:
    """Text that a spreadsheet will not run as a formula: ``'`` before a leading ``=``, ``+``, ``-``, ``@``, …

    >>> guarded("=HYPERLINK(1)"), guarded("-125"), guarded("-10% scenario")
    ("'=HYPERLINK(1)", '-125', "'-10% scenario")
    """
    if text and text[0] in FORMULA_STARTS and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def plain_cell(value: object) -> object:
    """A cell of machine CSV: the value as it is; flags as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def shown_cell(value: object) -> object:
    """A cell of machine CSV as a terminal shows it: control characters and direction marks as escapes."""
    cell = plain_cell(value)
    return visible(cell) if isinstance(cell, str) else cell


def danish_cell(value: object, kind: Kind) -> object:
    """A cell of excel-da CSV: a decimal comma in numbers, ja/nej for flags, text guarded against formulas."""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if value is None:
        return None
    text = str(value)
    if kind.name == "number" and NUMBER.fullmatch(text):
        return text.replace(".", ",")
    return guarded(text)


def csv_writer(stream: IO[str], dialect: Dialect) -> Callable[[Sequence[object], Sequence[Kind]], None]:
    """A function that writes one row of cells. Excel-da: semicolons, CRLF and a BOM, as Danish Excel saves."""
    if dialect is Dialect.plain:
        writer = csv.writer(stream, lineterminator="\n")
        if on_terminal(stream):  # read by a person, not a script: what came from input shows, never acts
            return lambda cells, kinds: writer.writerow([shown_cell(cell) for cell in cells])
        return lambda cells, kinds: writer.writerow([plain_cell(cell) for cell in cells])
    stream.write("\ufeff")
    writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
    return lambda cells, kinds: writer.writerow(
        [danish_cell(cell, kind) for cell, kind in zip(cells, kinds, strict=True)]
    )


def write_csv(header: Sequence[str], rows: Sequence[Sequence[object]], stream: IO[str], dialect: Dialect) -> None:
    write = csv_writer(stream, dialect)
    kinds = kinds_of(header, rows) if dialect is Dialect.excel_da else [TEXT] * len(header)
    write(header, [TEXT] * len(header))
    for row in rows:
        write(row, kinds)


def fitted_widths(header: Sequence[str], rows: Sequence[Sequence[object]], kinds: Sequence[Kind]) -> list[int]:
    """Each column's width in characters: its widest value as shown (numbers with their thousands marks)."""
    widths = [len(name) for name in header]
    for row in rows:
        for at, value in enumerate(row):
            widths[at] = max(widths[at], shown_width(value, kinds[at]))
    return widths


def shown_width(value: object, kind: Kind) -> int:
    if value is None:
        return 0
    if kind.name == "date":
        return 10
    text = str(value)
    if kind.name == "number":
        whole = text.partition(".")[0].lstrip("-")
        return len(text) + (len(whole) - 1) // 3
    return max((len(line) for line in text.splitlines()), default=0)
