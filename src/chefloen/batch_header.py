"""The header of a CSV batch file, as spreadsheets save it: its separator (a comma, a semicolon or a tab, told
from the header, or said by a ``sep=;`` line above it, as Excel reads one), and the line it is on, below any
title or blank lines. A file without a header near its top fails on the line that looks most like one."""

from __future__ import annotations

import csv
from typing import NamedTuple, NoReturn, TextIO

from chefloen.batch_cells import HEADER_WITHIN, check_header, header_cells, is_header, known_headings
from chefloen.errors import InputFileError
from chefloen.labels import thousands

# The separators a spreadsheet saves with: comma (English Excel), semicolon (Danish Excel), tab (Unicode text).
SEPARATORS = ",;\t"
# A line of more than a megabyte is no header, and need not be read as one.
_HEADER_LINE = 1 << 20
# The line Excel reads the separator from, above the header: sep=; (or sep=, or sep= and a tab).
_SEP_LINE = {"sep=,": ",", "sep=;": ";", "sep=\t": "\t", "sep=\\t": "\t"}


class Header(NamedTuple):
    """Where a CSV file's header is and what it says: its separator, its last line, its cells."""

    separator: str
    line: int
    cells: list[str]


def split(line: str, separator: str) -> list[str] | csv.Error:
    """One line's cells (see :func:`header_cells`), or why the line cannot be read as CSV."""
    try:
        return header_cells(next(csv.reader([line], delimiter=separator), []))
    except csv.Error as exc:
        return exc


def header_in(line: str, separators: str) -> tuple[str, list[str]] | None:
    """The separator that makes ``line`` a header (:func:`batch_cells.is_header`) with the most known names
    (ties go to the comma), and its cells; None when no separator does."""
    found, most = None, 0
    for separator in separators:
        cells = split(line, separator)
        if isinstance(cells, list) and is_header(cells) and known_headings(cells) > most:
            found, most = (separator, cells), known_headings(cells)
    return found


def separators_said(line: str) -> str | None:
    """The separator a ``sep=;`` line says (Excel reads it, above the header), or None for any other line."""
    return _SEP_LINE.get(line.rstrip("\r\n").strip(" ").casefold())


def find_header(text: TextIO, where: str) -> Header:
    """The header of a CSV file: the first of its first HEADER_WITHIN lines that is one, below a ``sep=;`` line
    (which also says the separator) and any title or blank lines; a header of one column is taken only when no
    wider one follows (a title such as ``Opslag`` is a known heading too). The text is read to the header's end."""
    looked_at: list[tuple[int, str]] = []
    separators = SEPARATORS
    narrow: Header | None = None
    for number in range(1, HEADER_WITHIN + 1):
        line = text.readline(_HEADER_LINE)
        if not line:
            break
        said = separators_said(line) if number == 1 else None
        if said is not None:
            separators = said
            continue
        looked_at.append((number, line))
        if len(line) == _HEADER_LINE and not line.endswith(("\n", "\r")):
            break  # the line goes on: it is no header, and the next read would start inside it
        found = header_in(line, separators)
        if found is not None and sum(map(bool, found[1])) > 1:
            return Header(found[0], number, found[1])
        if found is not None and narrow is None:
            narrow = Header(found[0], number, found[1])
    if narrow is None:
        no_header(looked_at, separators, where)
    text.seek(0)  # to the end of the narrow header again: the file is a regular one (see bounded)
    for _ in range(narrow.line):
        text.readline(_HEADER_LINE)
    return narrow


def no_header(lines: list[tuple[int, str]], separators: str, where: str) -> NoReturn:
    """The error of a CSV file with no header in its first lines, said of the line that looks most like one:
    the first with a known column or that cannot be read, else the first with anything in it."""
    filled = [(number, line) for number, line in lines if line.strip()]
    if not filled:
        raise InputFileError(f"{where}: the file is empty or has no header")

    def looks_like_one(line: str) -> bool:
        return any(not isinstance(cells := split(line, s), list) or known_headings(cells) for s in separators)

    number, line = next(((number, line) for number, line in filled if looks_like_one(line)), filled[0])
    readings = [split(line, separator) for separator in separators]
    for cells in readings:
        if not isinstance(cells, list):
            raise InputFileError(f"{where}: the header (line {number}) cannot be read: {csv_problem(cells)}")
    check_header(max(readings, key=known_headings), where)  # type: ignore[arg-type]  # all lists, as checked
    raise InputFileError(f"{where}: the header (line {number}) is longer than {thousands(_HEADER_LINE)} characters")


def csv_problem(exc: csv.Error) -> str:
    if "field limit" in str(exc):
        return f"a field is longer than {thousands(csv.field_size_limit())} characters (a quote left open?)"
    return str(exc)
