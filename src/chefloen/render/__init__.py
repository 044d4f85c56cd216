"""One output path for every result: a Danish Rich table, its JSON contract, or its CSV table.

Each result knows its own shape (``to_data()``, ``csv_table()``); rendering only formats it.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from chefloen.breakdown import Notice
    from chefloen.plain import CsvTable, Data


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class Result(Protocol):
    """What every result offers: its JSON contract, its CSV table and its warnings."""

    @property
    def notices(self) -> tuple[Notice, ...]: ...

    def to_data(self) -> Data: ...

    def csv_table(self) -> CsvTable: ...


def unicode_ok(stream: object) -> bool:
    """Whether ``stream`` takes any text; JSON for one that does not (PYTHONIOENCODING=ascii) is escaped."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return encoding.lower().replace("_", "-").startswith("utf")


def emit(result: Result, fmt: Format, stream: TextIO, *, width: int | None = None) -> None:
    """Write ``result`` to ``stream`` as a Rich table, JSON or CSV."""
    if fmt is Format.json:
        stream.write(json.dumps(result.to_data(), ensure_ascii=not unicode_ok(stream), indent=2) + "\n")
    elif fmt is Format.csv:
        from chefloen.render.files import write_csv

        write_csv(*result.csv_table(), stream)
    else:
        from chefloen.render.table import render

        render(result, stream, width=width)
