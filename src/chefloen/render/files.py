"""Batch results row by row in every format (the files themselves are written by chefloen.files)."""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Callable, Iterator
from typing import IO, Any

from chefloen import labels
from chefloen.batch_rows import GIVEN_COLUMNS, BatchRow
from chefloen.columns import RESULT_COLUMNS, RESULTS
from chefloen.errors import ChefloenError
from chefloen.parsing import parse_date
from chefloen.plain import Notice
from chefloen.render.formats import Dialect, json_text, on_terminal, unicode_ok
from chefloen.render.sheet import DATE, TEXT, Kind, csv_writer
from chefloen.render.workbook import Workbook

# What each batch column holds, for spreadsheets: the row as the sheet's row number, the date as a date, what a
# row gave as text (as it gave it), and every amount (a grundbeløb, a line, a total) in kroner and øre.
_MONEY = Kind("number", 2)
_TEXT_COLUMNS = {"label", "trin", "trin_as_posted", "posting", *GIVEN_COLUMNS, "tillaeg_grundbeloeb", "tillaeg_names",
                 "factor_status", "warnings", "error"}  # fmt: skip
BATCH_KINDS = [
    {"row": Kind("number"), "date": DATE}.get(name, TEXT if name in _TEXT_COLUMNS else _MONEY)
    for name in RESULT_COLUMNS
]
# The headings of a batch's spreadsheets (xlsx, excel-da CSV): Danish, as chefloen.columns has them.
DANISH_HEADINGS = [RESULTS[name] for name in RESULT_COLUMNS]
# Column widths for a batch workbook, whose rows are not known when its columns are laid out.
_BATCH_WIDTHS = [
    {"label": 30, "error": 60, "warnings": 60}.get(name, max(len(heading), 12))
    for name, heading in zip(RESULT_COLUMNS, DANISH_HEADINGS, strict=True)
]
BatchWriter = Callable[[BatchRow], None]
_DATE_AT = RESULT_COLUMNS.index("date")
_STATUS_AT = RESULT_COLUMNS.index("factor_status")
_WARNINGS_AT = RESULT_COLUMNS.index("warnings")
_ERROR_AT = RESULT_COLUMNS.index("error")
# The most runs of row numbers a warning's note lists; the rows after them are counted (a cell holds 32.767
# characters, and memory stays flat however the rows alternate).
_MOST_RUNS = 1000


def danish_values(row: BatchRow) -> list[object]:
    """A batch row's values as a spreadsheet shows them: the factor's status, the warnings (their messages) and
    the error in Danish (see labels.danish_error for what stays English)."""
    values = list(row.values)
    if row.error is not None:
        values[_ERROR_AT] = labels.danish_error(row.error)
        return values
    values[_STATUS_AT] = labels.STATUS.get(values[_STATUS_AT], values[_STATUS_AT])
    values[_WARNINGS_AT] = " ".join(notice.message for notice in row.notices)
    return values


class RowNumbers:
    """Row numbers, given in increasing order, kept as runs (2–4000): the rows a warning of a batch holds for."""

    __slots__ = ("count", "more", "runs")

    def __init__(self) -> None:
        self.runs: list[list[int]] = []
        self.count = 0
        self.more = 0

    def add(self, number: int) -> None:
        self.count += 1
        if self.runs and number == self.runs[-1][1] + 1:
            self.runs[-1][1] = number
        elif len(self.runs) < _MOST_RUNS:
            self.runs.append([number, number])
        else:
            self.more += 1

    def text(self) -> str:
        """In Danish: ``række 7``, ``rækker 2–4000, 4003``, with any rows past _MOST_RUNS counted."""
        runs = ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in self.runs)
        more = f" og {self.more} {'række' if self.more == 1 else 'rækker'} mere" if self.more else ""
        return f"{'række' if self.count == 1 else 'rækker'} {runs}{more}"


def _date_if_readable(value: object) -> object:
    """A failed row's date as a date where it reads as one, else as the row gave it."""
    if not isinstance(value, str):
        return value
    try:
        return parse_date(value)
    except ChefloenError:
        return value


def json_line(data: object, *, ascii_only: bool) -> str:
    return json_text(data, ascii_only=ascii_only)


def writes_plain_csv(fmt: str, stream: IO[Any], dialect: Dialect = Dialect.plain) -> bool:
    """Whether a batch writes its results to ``stream`` as plain CSV text, cell for cell as the rows give them
    (not shown on a terminal, not for a spreadsheet): the CSV that chefloen.batch_loop writes line by line."""
    return fmt == "csv" and dialect is Dialect.plain and not on_terminal(stream)


@contextlib.contextmanager
def batch_writer(fmt: str, stream: IO[Any], dialect: Dialect = Dialect.plain) -> Iterator[BatchWriter]:
    """A function that writes each batch row when it is given; what ends the file is written on leaving.

    ``fmt`` is csv, jsonl, json (one array, written item by item) or xlsx (``stream`` is then binary)."""
    if fmt == "xlsx":
        book = Workbook(stream, "Resultater", DANISH_HEADINGS, BATCH_KINDS, _BATCH_WIDTHS)
        warned: dict[Notice, RowNumbers] = {}

        def to_book(row: BatchRow) -> None:
            values = danish_values(row)
            if row.error is not None:
                values[_DATE_AT] = _date_if_readable(values[_DATE_AT])
                book.note(f"Række {row.number}: {values[_ERROR_AT]}")
                book.append(values)
            else:  # a computed row holds no flag (see BatchRow): rows that repeat share their cells' XML
                book.append(values, kept_after=_DATE_AT)
            for notice in row.notices:
                numbers = warned.get(notice)
                if numbers is None:
                    numbers = warned[notice] = RowNumbers()
                numbers.add(row.number)

        try:
            yield to_book
        except BaseException:
            book.discard()
            raise
        book.save(f"{notice.code}: {notice.message} — {numbers.text()}" for notice, numbers in warned.items())
        return
    if writes_plain_csv(fmt, stream, dialect):  # text already: straight to csv
        writerow = csv.writer(stream, lineterminator="\n").writerow
        writerow(RESULT_COLUMNS)

        def to_csv(row: BatchRow) -> None:
            writerow(row.values)  # as cells() gives them: csv writes None empty and str() of the rest

        yield to_csv
        return
    if fmt == "csv":
        write_cells = csv_writer(stream, dialect)
        if dialect is Dialect.plain:  # to a terminal: the keys and values of plain CSV, shown safely
            write_cells(RESULT_COLUMNS, [TEXT] * len(RESULT_COLUMNS))

            def to_shown_csv(row: BatchRow) -> None:
                write_cells(row.cells(), BATCH_KINDS)

            yield to_shown_csv
            return
        write_cells(DANISH_HEADINGS, [TEXT] * len(RESULT_COLUMNS))

        def to_danish_csv(row: BatchRow) -> None:
            write_cells(danish_values(row), BATCH_KINDS)

        yield to_danish_csv
        return
    ascii_only = not unicode_ok(stream)
    if fmt == "jsonl":

        def to_lines(row: BatchRow) -> None:
            stream.write(json_line(row.to_data(), ascii_only=ascii_only) + "\n")

        yield to_lines
        return
    separator = "[\n"

    def to_array(row: BatchRow) -> None:
        nonlocal separator
        stream.write(separator + json_line(row.to_data(), ascii_only=ascii_only))
        separator = ",\n"

    yield to_array
    stream.write("[]\n" if separator == "[\n" else "\n]\n")
