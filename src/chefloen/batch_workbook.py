"""Workbooks (.xlsx) as batch files, read with openpyxl: the first visible sheet, or the one named.

A workbook is a zip archive, so what it unpacks to is checked before anything is unpacked: at most
UNPACKED_LIMIT in all, and no member over a megabyte that unpacks to more than RATIO_LIMIT times its packed size
(sheets that people save pack about ten to one; a zip bomb about a thousand). The rows read are the ones the sheet
holds, to its last, whatever range its dimension claims; a row openpyxl cannot convert is that row's error.
"""

from __future__ import annotations

import datetime as dt
import itertools
import warnings
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

from chefloen.batch_cells import (
    HEADER_WITHIN,
    BatchInput,
    Numbered,
    blank,
    brief,
    check_header,
    header_cells,
    is_header,
    known_headings,
    quoted,
)
from chefloen.errors import InputError, InputFileError
from chefloen.files import byte_count
from chefloen.labels import thousands
from chefloen.scenario_text import text_of

UNPACKED_LIMIT = 1 << 30
RATIO_LIMIT = 100
_RATIO_FROM = 1 << 20


def check_archive(handle: IO[bytes], where: str) -> None:
    """Refuse a workbook that would unpack to more than the limits allow, before any of it is unpacked."""
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise unreadable(where, exc) from None
    finally:
        handle.seek(0)
    unpacked = sum(member.file_size for member in members)
    if unpacked > UNPACKED_LIMIT:
        raise InputFileError(
            f"{where}: unpacks to {byte_count(unpacked)}; a workbook may unpack to at most {byte_count(UNPACKED_LIMIT)}"
        )
    for member in members:
        if member.file_size > _RATIO_FROM and member.file_size > RATIO_LIMIT * member.compress_size:
            ratio = member.file_size // max(member.compress_size, 1)
            raise InputFileError(
                f"{where}: {quoted(member.filename)} unpacks to {thousands(ratio)} times its packed size; "
                f"a workbook's parts may unpack to at most {RATIO_LIMIT} times (is it a zip bomb?)"
            )


def unreadable(where: str, exc: Exception) -> InputFileError:
    return InputFileError(f"{where}: not an .xlsx workbook that can be read ({type(exc).__name__})")


def cell_text(value: object, number_format: str) -> str | None:
    """A workbook cell as the text a batch row holds: a date as a date, 10 % as ``10%``, a number shown in kroner
    (``#,##0 "kr."``, ``[$kr.-406]``) as kroner, other numbers as written."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, float):
        value = as_excel_shows(value)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        shown = number_format.casefold()
        if "%" in shown:
            return f"{(Decimal(value) * 100).normalize():f}%"
        if "kr" in shown or "dkk" in shown:  # what the sheet shows is kroner, so that is what the cell means
            return f"{text_of(value)} kr."
    return text_of(value)


def as_excel_shows(value: float) -> Decimal:
    """A number cell as Excel holds it: 15 significant digits, so that a computed 0,1 + 0,116 is 0,216 and not
    the binary float's 0,21600000000000003 (which would be refused as a percentage of 16 decimals).

    >>> as_excel_shows(0.1 + 0.116), as_excel_shows(40000.0), as_excel_shows(1e-7)
    (Decimal('0.216'), Decimal('40000'), Decimal('1E-7'))
    """
    exact = Decimal(repr(value))
    if not exact.is_finite() or not exact:
        return exact
    rounded = round(exact, 14 - exact.adjusted())
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()


def read_workbook(handle: IO[bytes], where: str, sheet: str | None) -> BatchInput:
    """The rows of a sheet of an .xlsx workbook (the first visible one, unless named), numbered by the sheet's
    rows; what was read says which sheet, and that it is hidden or that hidden ones before it were skipped."""
    check_archive(handle, where)
    try:
        with warnings.catch_warnings():  # openpyxl warns of what it leaves out (styles, extensions); no row is lost
            warnings.simplefilter("ignore")
            book = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file: openpyxl raises many kinds, none a fault of ours
        raise unreadable(where, exc) from None
    try:
        worksheet, read_as = chosen(book, where, sheet)
        cells = SheetRows(book, worksheet)
        header, after = header_of(cells, f"{where}, sheet {quoted(worksheet.title)}")
    except BaseException:
        book.close()
        raise
    return BatchInput(sheet_rows(cells, header, after), read_as)


def header_of(cells: SheetRows, where: str) -> tuple[list[str | None], list[tuple[int, Line | InputError]]]:
    """The input column of each column of the sheet (None: a results file's computed one), and the rows read
    past the header: the header is the first of the first HEADER_WITHIN rows that is one, below any title or
    blank rows; a header of one column is taken only when no wider one follows. With no header there, the sheet
    fails on the row that looks most like one (the first with a known column, else the first with anything in
    it), as it would have on its first row."""
    filled: list[list[str]] = []
    narrow: list[str] | None = None
    after: list[tuple[int, Line | InputError]] = []  # the rows read past a narrow header
    for number, line in cells:
        if narrow is not None:
            after.append((number, line))
        if number > HEADER_WITHIN:
            break
        if isinstance(line, InputError):
            if narrow is None:
                raise InputFileError(f"{where}: row {number}: {line}")
            continue
        if blank(cell.value for cell in line.values()):
            continue
        headings = header_cells(getattr(line.get(column), "value", None) for column in range(1, max(line) + 1))
        if is_header(headings) and sum(map(bool, headings)) > 1:
            return check_header(headings, where), []
        if is_header(headings) and narrow is None:
            narrow = headings
        elif narrow is None:
            filled.append(headings)
        if number == HEADER_WITHIN:
            break
    if narrow is not None:
        return check_header(narrow, where), after
    likeliest = next((headings for headings in filled if known_headings(headings)), filled[0] if filled else [])
    return check_header(likeliest, where), []  # which refuses it, as it is no header


def chosen(book: Workbook, where: str, sheet: str | None) -> tuple[ReadOnlyWorksheet, str]:
    """The sheet named, or the first visible one, and how to say which was read."""
    sheets: list[ReadOnlyWorksheet] = [ws for ws in book.worksheets if isinstance(ws, ReadOnlyWorksheet)]
    if sheet is not None:
        named = next((ws for ws in sheets if ws.title == sheet), None)
        if named is None:
            listed = ", ".join(brief(ws.title) + (" (hidden)" if hidden(ws) else "") for ws in sheets)
            raise InputError(f"{where}: no sheet {sheet!r}; sheets: {listed}")
        return named, f"sheet {quoted(named.title)}" + (", which is hidden" if hidden(named) else "")
    shown = [ws for ws in sheets if not hidden(ws)]
    if not shown:
        raise InputFileError(f"{where}: every sheet is hidden; name the one to read with --sheet")
    first = shown[0]
    skipped = sheets[: sheets.index(first)]
    if not skipped:
        return first, f"sheet {quoted(first.title)}"
    names = ", ".join(quoted(ws.title) for ws in skipped)
    return first, f"sheet {quoted(first.title)}, the first visible one (hidden, so not read: {names})"


def hidden(worksheet: ReadOnlyWorksheet) -> bool:
    return worksheet.sheet_state != "visible"


class CellParser(WorkSheetParser):
    """openpyxl's reader of a sheet's XML, which remembers why a row could not be converted instead of
    ending the sheet there."""

    failure: Exception | None = None

    def parse_row(self, row: Any) -> tuple[int, list[dict[str, Any]]]:
        before = self.row_counter
        self.failure = None
        try:
            return super().parse_row(row)
        except Exception as exc:  # a cell openpyxl cannot convert raises whatever its conversion raised
            self.failure = exc
            if self.row_counter == before:  # the row's own number was what could not be read
                self.row_counter += 1
            return self.row_counter, []


Line = dict[int, ReadOnlyCell]


class SheetRows:
    """The rows a sheet holds, as cells by column, numbered as the sheet numbers them."""

    def __init__(self, book: Workbook, worksheet: ReadOnlyWorksheet) -> None:
        self.book = book
        self.worksheet = worksheet
        self.source = worksheet._get_source()  # type: ignore[attr-defined]
        self.parser = CellParser(
            self.source,
            worksheet._shared_strings,  # type: ignore[attr-defined]
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,  # type: ignore[attr-defined]
            timedelta_formats=book._timedelta_formats,  # type: ignore[attr-defined]
        )
        self.parsed: Iterator[Any] = self.parser.parse()

    def __iter__(self) -> SheetRows:
        return self

    def __next__(self) -> tuple[int, Line | InputError]:
        try:
            with warnings.catch_warnings():  # a date cell out of range: openpyxl warns and reads it as #VALUE!
                warnings.simplefilter("ignore")
                number, cells = next(self.parsed)
        except StopIteration:
            raise
        except Exception as exc:  # the sheet's XML breaks off (a damaged file): no row after this can be read
            self.parsed = iter(())
            number = self.parser.row_counter + 1
            return number, InputError(f"the sheet cannot be read from here on ({type(exc).__name__})")
        if self.parser.failure is not None:
            return number, InputError(f"a cell openpyxl cannot read ({type(self.parser.failure).__name__})")
        return number, {cell["column"]: ReadOnlyCell(self.worksheet, **cell) for cell in cells}

    def close(self) -> None:
        self.source.close()
        self.book.close()


def sheet_rows(
    cells: SheetRows, header: list[str | None], after: list[tuple[int, Line | InputError]] | None = None
) -> Numbered:
    """The rows of the sheet below its header (``after``: those already read), as batch rows."""
    width = len(header)
    named = [(column, name) for column, name in enumerate(header, start=1) if name is not None]
    try:
        for number, line in itertools.chain(after or (), cells):
            if isinstance(line, InputError):
                yield number, line
                continue
            if blank(cell.value for cell in line.values()):
                continue
            if not blank(cell.value for column, cell in line.items() if column > width):
                yield number, InputError("more fields than the header has")
                continue
            try:
                row = {
                    name: None if (cell := line.get(column)) is None else cell_text(cell.value, cell.number_format)
                    for column, name in named
                }
            except InputError as exc:
                yield number, exc
                continue
            except Exception as exc:  # a style the workbook does not have: openpyxl raises an IndexError
                yield number, InputError(f"a cell openpyxl cannot read ({type(exc).__name__})")
                continue
            yield number, row
    finally:
        cells.close()
