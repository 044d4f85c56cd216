"""What every renderer shares: the output formats and CSV dialects, the result protocol, and the terminal's width
and encoding. Its own module, so that the renderers need not import their package (render emits through them)."""

from __future__ import annotations

import json
import os
import shutil
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from chefloen.plain import CsvTable, Data, Notice


# What JSON leaves as it is but a terminal acts on, or an editor breaks a line at: C1 controls, the marks that
# reverse text direction (U+061C, U+200E/F, U+202A–E, U+2066–9) and the Unicode line breaks. JSON escapes them.
_UNSAFE = [*map(chr, range(0x80, 0xA0)), "\u061c", "\u200e", "\u200f", "\u2028", "\u2029"]
_UNSAFE += [*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
JSON_SAFE = str.maketrans({char: f"\\u{ord(char):04x}" for char in _UNSAFE})
# Looked for first (none is ASCII): str.translate reads a text character by character (0,1 ms a batch's line of
# JSON), where isascii() reads a flag and each `in` runs in C, and almost always finds none. (A regex of them would
# cost every command 9 ms to compile.)


def json_text(data: object, *, ascii_only: bool, indent: int | None = None) -> str:
    """``data`` as JSON, with what could act on a terminal escaped.

    >>> json_text({"label": "A\u202eB"}, ascii_only=False)
    '{"label": "A\\\\u202eB"}'
    """
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent)
    if text.isascii() or not any(char in text for char in _UNSAFE):
        return text
    return text.translate(JSON_SAFE)


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


def on_terminal(stream: object) -> bool:
    """Whether ``stream`` is a terminal, where text acts (escape sequences, reversed direction) unless escaped."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):
        return False


def unicode_ok(stream: object) -> bool:
    """Whether ``stream`` takes any text; JSON for one that does not (PYTHONIOENCODING=ascii) is escaped."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return encoding.lower().replace("_", "-").startswith("utf")
