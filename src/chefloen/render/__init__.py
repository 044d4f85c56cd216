"""One output path for every result: a Danish Rich table, its JSON contract, or its CSV table.

Each result knows its own shape (``to_data()``, ``csv_table()``); rendering only formats it.
"""

from __future__ import annotations

from typing import IO, Any

from chefloen.render.formats import MIN_WIDTH, Dialect, Format, Result, json_text, terminal_width, unicode_ok

__all__ = ["MIN_WIDTH", "Dialect", "Format", "Result", "emit", "sheet_title", "terminal_width", "unicode_ok"]


def emit(
    result: Result, fmt: Format, stream: IO[Any], *, width: int | None = None, dialect: Dialect = Dialect.plain
) -> None:
    """Write ``result`` to ``stream`` as a Rich table, JSON, CSV (``dialect`` plain or excel-da), or a workbook
    (``stream`` is then binary)."""
    if fmt is Format.json:
        stream.write(json_text(result.to_data(), ascii_only=not unicode_ok(stream), indent=2) + "\n")
    elif fmt is Format.csv:
        from chefloen.render.sheet import write_csv

        write_csv(*result.csv_table(), stream, dialect)
    elif fmt is Format.xlsx:
        from chefloen.render.table import notes_of
        from chefloen.render.workbook import write_xlsx

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
    "NetSolution": "Kvalifikationsløn",
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
