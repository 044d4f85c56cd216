"""What every renderer shares: the output formats and CSV dialects, the result protocol, and the terminal's width
and encoding. Its own module, so that the renderers need not import their package (render emits through them)."""

from __future__ import annotations

import os
import shutil
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from chefloen.plain import CsvTable, Data, Notice


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
