"""One output path for every result: a Danish Rich table, its JSON contract, or its CSV table.

Each result knows its own shape (``to_data()``, ``csv_table()``); rendering only formats it.
"""

from __future__ import annotations

import json
import os
import shutil
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from chefloen.breakdown import Notice
    from chefloen.plain import CsvTable, Data


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class Dialect(StrEnum):
    """CSV for scripts (plain), or as Danish Excel saves and opens it (semicolons, decimal commas, a BOM)."""

    plain = "plain"
    excel_da = "excel-da"


class Result(Protocol):
    """What every result offers: its JSON contract, its CSV table and its warnings."""

    @property
    def notices(self) -> tuple[Notice, ...]: ...

    def to_data(self) -> Data: ...

    def csv_table(self) -> CsvTable: ...


# The narrowest terminal chefloen lays out for; a narrower one (or COLUMNS=0) gets this width.
MIN_WIDTH = 40


def terminal_width(width: int | None = None) -> int:
    """The width to lay out for: ``width``, else COLUMNS when it is a number, else the terminal's; at least
    MIN_WIDTH, and at most 1.000 (COLUMNS=0, COLUMNS=abc and a huge value all still print)."""
    if width is None:
        columns = os.environ.get("COLUMNS", "").strip()
        width = int(columns) if columns.isascii() and columns.isdigit() and len(columns) < 6 else 0
    if width <= 0:
        width = shutil.get_terminal_size((80, 24)).columns or 80
    return min(max(width, MIN_WIDTH), 1000)


def unicode_ok(stream: object) -> bool:
    """Whether ``stream`` takes any text; JSON for one that does not (PYTHONIOENCODING=ascii) is escaped."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return encoding.lower().replace("_", "-").startswith("utf")


def emit(
    result: Result, fmt: Format, stream: IO[Any], *, width: int | None = None, dialect: Dialect = Dialect.plain
) -> None:
    """Write ``result`` to ``stream`` as a Rich table, JSON, CSV (``dialect`` plain or excel-da), or a workbook
    (``stream`` is then binary)."""
    if fmt is Format.json:
        stream.write(json.dumps(result.to_data(), ensure_ascii=not unicode_ok(stream), indent=2) + "\n")
    elif fmt is Format.csv:
        from chefloen.render.sheet import write_csv

        write_csv(*result.csv_table(), stream, dialect)
    elif fmt is Format.xlsx:
        from chefloen.render.sheet import write_xlsx
        from chefloen.render.table import notes_of

        write_xlsx(sheet_title(result), *result.csv_table(), notes_of(result), stream)
    else:
        from chefloen.render.table import render

        render(result, stream, width=width)  # type: ignore[arg-type]  # a text stream here


# Each result's sheet in a workbook, by its class.
_SHEET_TITLES = {
    "Breakdown": "Løn",
    "WithNet": "Løn",
    "Grid": "Scenarier",
    "Comparison": "Sammenligning",
    "Solution": "Kvalifikationsløn",
    "Earnings": "Indtjening",
    "History": "Historik",
    "StepTable": "Trin",
    "IndexSeries": "Reguleringer",
    "PostingList": "Opslag",
    "Conversion": "Omregning",
    "NetPay": "Nettoløn",
}


def sheet_title(result: object) -> str:
    return _SHEET_TITLES.get(type(result).__name__, "chefloen")
