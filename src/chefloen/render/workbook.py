"""The .xlsx workbooks chefloen writes, streamed row by row: the sheet's XML is written as the rows come, into a
deflated zip entry, so memory stays flat however many rows a batch has.

A workbook has a data sheet (a bold, frozen header row, set column widths, each column's number format) and a
"Noter" sheet of notes and warnings. Text is stored as inline strings, numbers as their exact decimal text,
dates as Excel's day numbers shown as dates; every cell and row carries its A1 reference.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO

from chefloen.memo import Repeats
from chefloen.plain import NUMBER
from chefloen.render.sheet import ISO_DATE, Kind, fitted_widths, kinds_of
from chefloen.render.workbook_parts import FIRST_FORMAT, SHEET_END, column_width, package, sheet_start

# The most characters a cell of a workbook holds, and the most rows a sheet has.
CELL_LIMIT = 32_767
ROW_LIMIT = 1_048_576
# Characters XML cannot hold (and the non-characters it forbids), shown as escapes instead.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Text that Excel reads as an escaped character (_x000D_ is a carriage return) unless its "_" is escaped itself.
_ESCAPE_LIKE = re.compile("(_x[0-9a-fA-F]{4}_)")
# Text that needs any of that, or XML's escapes, or xml:space="preserve".
_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FLUSH_AT = 2048  # rows of XML gathered before they go to the sheet's zip entry (about 2 MB)
_ROW = "\0"  # where a cell's row number goes in the XML a column keeps (XML holds no NUL: never in its text)
# Each column keeps at most so many cells' XML, of at most so many characters: memory stays small.
_MOST_KEPT = 4096
_LONGEST_KEPT = 512
# Deflate's level: on a sheet as fast as level 1 and smaller; the default (6) takes 3.5 times as long for a file
# a quarter smaller.
_LEVEL = 2
_EXCEL_EPOCH = dt.date(1899, 12, 31).toordinal()


def workbook_text(text: str) -> str:
    """Text a workbook can hold: control characters shown as escapes, and at most CELL_LIMIT characters.

    >>> workbook_text("a\\x07b")
    'a\\\\x07b'
    """
    text = _ILLEGAL.sub(_shown, text)
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inline_text(text: str) -> str:
    """A text cell's ``<is>`` element: the text as a workbook holds it, escaped for XML and for Excel.

    >>> inline_text("<a & b>"), inline_text(" x")
    ('<is><t>&lt;a &amp; b&gt;</t></is>', '<is><t xml:space="preserve"> x</t></is>')
    """
    if (
        len(text) <= CELL_LIMIT
        and not _SPECIAL.search(text)
        and "_x" not in text
        and not text[:1].isspace()
        and not text[-1:].isspace()
    ):
        return f"<is><t>{text}</t></is>"
    text = workbook_text(text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(r"_x005F\1", text)
    if "\r" in text:  # XML reads a carriage return as a line feed; Excel reads _x000D_ as one
        text = text.replace("\r", "_x000D_")
    if text[:1].isspace() or text[-1:].isspace():
        return f'<is><t xml:space="preserve">{text}</t></is>'
    return f"<is><t>{text}</t></is>"


def number_text(value: Decimal | int) -> str:
    """A number as the decimal text of a cell: exact, without trailing zeros or an exponent.

    >>> number_text(Decimal("792072.00")), number_text(Decimal("1.09722")), number_text(Decimal("1E+3")), number_text(7)
    ('792072', '1.09722', '1000', '7')
    """
    text = str(value)
    if value.__class__ is int:
        return text
    if "E" in text:
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def day_number(day: dt.date) -> int:
    """A date as Excel counts days (1 is 1 January 1900, with Excel's 29 February 1900 counted)."""
    days = day.toordinal() - _EXCEL_EPOCH
    return days + 1 if days > 59 else days


def column_letters(at: int) -> str:
    """A column's letters from its index: 0 is A, 26 is AA."""
    letters = ""
    at += 1
    while at:
        at, rest = divmod(at - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Workbook:
    """An .xlsx workbook written row by row: a data sheet with a bold, frozen header and set column widths, each
    column in its kind's number format, and a sheet of notes and warnings (``note`` while the rows are written,
    the rest on ``save``). ``handle`` need not be seekable (a pipe)."""

    def __init__(
        self, handle: IO[bytes], title: str, header: Sequence[str], kinds: Sequence[Kind], widths: Sequence[int]
    ) -> None:
        import zipfile

        from chefloen.files import scratch_file

        self.title = title[:31]
        self.zip = zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=_LEVEL)
        formats = list(dict.fromkeys(kind.number_format for kind in kinds))
        self.formats = formats
        style = {number_format: f' s="{at}"' for at, number_format in enumerate(formats, start=FIRST_FORMAT)}
        # Each column: how its cells begin, how a number's or date's and a text's go on, and whether text in it is
        # read as a number or a date.
        self.columns = [
            _Column(self, column_letters(at), kind.name, style[kind.number_format]) for at, kind in enumerate(kinds)
        ]
        self.repeats: Repeats[tuple[object, ...], str] = Repeats()
        self.sheet = self.zip.open("xl/worksheets/sheet1.xml", "w")
        cols = "".join(
            f'<col min="{at}" max="{at}" width="{column_width(min(max(width, 6), 60) + 2)}" customWidth="1"/>'
            for at, width in enumerate(widths, start=1)
        )
        header_cells = "".join(
            f'<c r="{column_letters(at)}1" s="1" t="inlineStr">{inline_text(name)}</c>'
            for at, name in enumerate(header)
        )
        pane = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        pane += '<selection pane="bottomLeft"/>'
        self.parts = [sheet_start(pane, cols, selected=True), f'<row r="1">{header_cells}</row>']
        self.row = 1
        self.left_out = 0
        # The notes wait in a file of their own (a zip writes one entry at a time), as the rows of their sheet.
        self.notes = scratch_file()
        self.noted = 0

    def append(self, values: Sequence[object], *, kept_after: int | None = None) -> None:
        """One row of the data sheet, after those written so far: None empty, flags ja/nej, numbers and dates as
        they are, text read as a number or a date where the column holds those (see ``_Column.cell``).
        ``kept_after``: the cells after so many columns are kept by their values, for rows that repeat them (a
        batch's, after its row number and label); the caller's promise that none of those is a flag, which would
        equal 1 or 0."""
        if self.row == ROW_LIMIT:
            self.left_out += 1
            return
        self.row += 1
        if kept_after is None:
            cells = self._cells(values, self.columns)
        else:
            key = tuple(values[kept_after:])
            rest = self.repeats.find(key)
            if rest is None:
                rest = self.repeats.keep(key, self._cells(key, self.columns[kept_after:]))
            # The first cells are the row's own (a number, a label): made for it, not looked for among those kept.
            first = [
                column.cell(value)
                for value, column in zip(values, self.columns[:kept_after], strict=False)
                if value is not None
            ]
            cells = "".join(first) + rest
        n = str(self.row)
        self.parts.append(f'<row r="{n}">{cells.replace(_ROW, n)}</row>')
        if len(self.parts) == _FLUSH_AT:
            self._flush()

    @staticmethod
    def _cells(values: Sequence[object], columns: Sequence[_Column]) -> str:
        try:
            return "".join([column[value] for value, column in zip(values, columns, strict=True) if value is not None])
        except TypeError:  # a value that cannot be a key (none of chefloen's own): its cell made, not kept
            return "".join(
                [column.cell(value) for value, column in zip(values, columns, strict=True) if value is not None]
            )

    def _flush(self) -> None:
        self.sheet.write("".join(self.parts).encode())
        self.parts.clear()

    def note(self, line: str) -> None:
        """One line of the Noter sheet, after those written so far."""
        if self.noted < ROW_LIMIT:
            self.noted += 1
            self.notes.write(f'<row r="{self.noted}"><c r="A{self.noted}" t="inlineStr">{inline_text(line)}</c></row>'
                             .encode())  # fmt: skip

    def discard(self) -> None:
        """Close what the workbook holds open when it will not be saved (the work failed or was stopped)."""
        self.notes.close()
        with contextlib.suppress(OSError, ValueError):
            self.sheet.close()
            self.zip.close()

    def save(self, notes: Iterable[str]) -> None:
        """Close the workbook, with ``notes`` after those written so far (or "Ingen noter." when there are none)."""
        import shutil

        self.parts.append(SHEET_END)
        self._flush()
        self.sheet.close()
        if self.left_out:
            self.note(f"{self.left_out} rækker er ikke med: et ark har højst {ROW_LIMIT} rækker (skriv CSV).")
        for line in notes:
            self.note(line)
        if not self.noted:
            self.note("Ingen noter.")
        with self.zip.open("xl/worksheets/sheet2.xml", "w") as sheet:
            sheet.write(sheet_start("", '<col min="1" max="1" width="100.7109375" customWidth="1"/>').encode())
            self.notes.seek(0)
            shutil.copyfileobj(self.notes, sheet, 1 << 20)
            sheet.write(SHEET_END.encode())
        self.notes.close()
        for name, text in package(self.title, self.formats).items():
            self.zip.writestr(name, text)
        self.zip.close()


class _Column(dict[object, str]):
    """A column's cells by their values: each cell's XML with _ROW for its row number (empty for empty text),
    made the first time a value comes and kept for the next: a few thousand of them, none very long, and none
    once the column shows it holds a new value nearly every row (a row number, a label)."""

    def __init__(self, book: Workbook, letters: str, kind: str, style: str) -> None:
        super().__init__()
        self.book = book
        self.start = f'<c r="{letters}{_ROW}'
        self.kind = kind
        self.number = f'{self.start}"{style}><v>'
        self.keeps = True
        self.since = 0  # the row the cells kept were first kept at

    def __missing__(self, value: object) -> str:
        cell = self.cell(value)
        # Not kept if long, or equal to True or False (as 1 and 0 are), which would then find it for a flag.
        if self.keeps and len(cell) < _LONGEST_KEPT and (value.__class__ is str or value not in (0, 1)):
            if len(self) == _MOST_KEPT:
                rows = self.book.row - self.since
                self.keeps = rows > 2 * _MOST_KEPT
                self.since = self.book.row
                self.clear()
            self[value] = cell
        return cell

    def cell(self, value: object) -> str:
        of = value.__class__
        if of is int or (of is Decimal and value.is_finite()):  # type: ignore[attr-defined]
            return f"{self.number}{number_text(value)}</v></c>"  # type: ignore[arg-type]
        if of is str:
            return self.text(value) if value else ""  # type: ignore[arg-type]
        if isinstance(value, bool):
            return f'{self.start}" t="inlineStr"><is><t>{"ja" if value else "nej"}</t></is></c>'
        if isinstance(value, dt.date):
            return f"{self.number}{day_number(value)}</v></c>"
        if isinstance(value, int) or (isinstance(value, Decimal) and value.is_finite()):
            return f"{self.number}{number_text(value)}</v></c>"
        text = str(value)
        return self.text(text) if text else ""

    def text(self, text: str) -> str:
        """A cell from its text: a number where the column holds numbers, a date where it holds dates, else text."""
        if self.kind == "number" and NUMBER.fullmatch(text):
            if not text.isascii():  # digits of another script (Arabic-Indic): the number they are, as a cell holds it
                return f"{self.number}{number_text(Decimal(text))}</v></c>"
            return f"{self.number}{text.rstrip('0').rstrip('.') if '.' in text else text}</v></c>"
        if self.kind == "date" and ISO_DATE.fullmatch(text):
            day = _iso_day(text)
            if day is not None:
                return f"{self.number}{day_number(day)}</v></c>"
        return f'{self.start}" t="inlineStr">{inline_text(text)}</c>'


def _iso_day(text: str) -> dt.date | None:
    """The day an ISO date's text names, or None when there is none (a failed row's 2025-02-30 stays text)."""
    try:
        year, month, day = text.split("-")
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def write_xlsx(
    title: str, header: Sequence[str], rows: Sequence[Sequence[object]], notes: Iterable[str], handle: IO[bytes]
) -> None:
    """A results table as a workbook: each column's kind found from its name and values, as wide as they are."""
    kinds = kinds_of(header, rows)
    book = Workbook(handle, title, header, kinds, fitted_widths(header, rows, kinds))
    try:
        for row in rows:
            book.append(row)
    except BaseException:
        book.discard()
        raise
    book.save(notes)
