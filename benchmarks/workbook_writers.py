"""The .xlsx writers on a batch's own sheet, timed: chefloen's own (chefloen.render.workbook, what it writes with),
XlsxWriter's constant-memory mode (what it wrote with before; timed where the bench extra installed it) and
openpyxl's write-only mode, each writing the same typed rows with the same number formats, bold frozen header and
column widths. Prints figures, checks nothing.

Usage: python benchmarks/workbook_writers.py [--rows N]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from chefloen.plain import NUMBER
from chefloen.render.sheet import ISO_DATE, Kind


def typed(value: object, kind: Kind) -> object:
    """A cell's value for the other writers, as chefloen's writer reads it: a Decimal, a date or text (None empty)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Decimal | int | dt.date):
        return value
    text = str(value)
    if kind.name == "number" and NUMBER.fullmatch(text):
        return Decimal(text)
    if kind.name == "date" and ISO_DATE.fullmatch(text):
        with contextlib.suppress(ValueError):  # a failed row's 2025-02-30 stays text
            year, month, day = text.split("-")
            return dt.date(int(year), int(month), int(day))
    return text


def workbook_writers(rows: int) -> None:
    """The .xlsx writers on the batch's own sheet, each writing the same typed rows with the same number formats."""
    from openpyxl import Workbook as OpenpyxlWorkbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from chefloen import batch
    from chefloen.render.files import BATCH_KINDS, DANISH_HEADINGS, danish_values
    from chefloen.render.workbook import Workbook, workbook_text

    # A batch's own row, as its workbook holds it: every column, the Danish texts; numbered row by row.
    (row,) = batch([{"label": "Scenarie", "posting": "kontorchef-sundhed-praksis", "date": "2025-11-01"}])
    shown = danish_values(row)
    values = [[number, f"Scenarie {number}", *shown[2:]] for number in range(2, rows + 2)]
    widths = [14] * len(DANISH_HEADINGS)

    def with_chefloen(path: Path) -> None:
        with path.open("wb") as handle:
            book = Workbook(handle, "Resultater", DANISH_HEADINGS, BATCH_KINDS, widths)
            for row in values:
                book.append(row)
            book.save([])

    def with_xlsxwriter(path: Path) -> None:
        import xlsxwriter  # the bench extra; it ships no type information (pyproject.toml: mypy)

        options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
        book = xlsxwriter.Workbook(str(path), options | {"strings_to_urls": False})
        sheet = book.add_worksheet("Resultater")
        formats = {kind: book.add_format({"num_format": kind.number_format}) for kind in set(BATCH_KINDS)}
        for at, width in enumerate(widths):
            sheet.set_column(at, at, width + 2)
        sheet.freeze_panes(1, 0)
        bold = book.add_format({"bold": True})
        for at, name in enumerate(DANISH_HEADINGS):
            sheet.write_string(0, at, name, bold)
        for number, row in enumerate(values, start=1):
            for at, (value, kind) in enumerate(zip(row, BATCH_KINDS, strict=True)):
                cell = typed(value, kind)
                if isinstance(cell, str):
                    sheet.write_string(number, at, workbook_text(cell))
                elif isinstance(cell, dt.date):
                    sheet.write_datetime(number, at, dt.datetime(cell.year, cell.month, cell.day), formats[kind])
                elif cell is not None:
                    sheet.write_number(number, at, float(cell), formats[kind])  # type: ignore[arg-type]
        book.add_worksheet("Noter").write_string(0, 0, "Ingen noter.")
        book.close()

    def with_openpyxl(path: Path) -> None:
        book = OpenpyxlWorkbook(write_only=True)
        sheet = book.create_sheet("Resultater")
        sheet.freeze_panes = "A2"
        for at, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(at)].width = width + 2
        header = []
        for name in DANISH_HEADINGS:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in values:
            cells = []
            for value, kind in zip(row, BATCH_KINDS, strict=True):
                cell = WriteOnlyCell(sheet, value=typed(value, kind))  # type: ignore[arg-type]
                cell.number_format = kind.number_format
                cells.append(cell)
            sheet.append(cells)
        book.create_sheet("Noter").append(["Ingen noter."])
        book.save(path)

    writers: list[tuple[str, Callable[[Path], None]]] = [("chefloen", with_chefloen)]
    if importlib.util.find_spec("xlsxwriter") is not None:
        writers.append(("XlsxWriter", with_xlsxwriter))
    writers.append(("openpyxl write-only", with_openpyxl))
    print(f"writing a batch workbook of {rows} rows:")
    with tempfile.TemporaryDirectory() as directory:
        for name, write in writers:
            path = Path(directory) / f"{name.split()[0]}.xlsx"
            started = time.perf_counter()
            write(path)
            elapsed = time.perf_counter() - started
            print(f"  {name:<20} {elapsed:6.2f} s, {path.stat().st_size / 1024:8.0f} KB")
    if len(writers) == 2:
        print("  (XlsxWriter is not installed: pip install -e '.[bench]' times it too)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--rows", type=int, default=20_000, help="rows of the sheet (default 20000)")
    workbook_writers(parser.parse_args().rows)


if __name__ == "__main__":
    main()
