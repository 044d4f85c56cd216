"""The two .xlsx writers on a batch's own sheet, timed: XlsxWriter (what chefloen writes with) and openpyxl's
write-only mode, each writing the same typed rows with the same number formats. Prints figures, checks nothing.

Usage: python benchmarks/workbook_writers.py [--rows N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def workbook_writers(rows: int) -> None:
    """The two .xlsx writers on the batch's own sheet: XlsxWriter (what chefloen uses) and openpyxl's
    write-only mode, each writing the same typed rows with the same number formats."""
    from openpyxl import Workbook as OpenpyxlWorkbook
    from openpyxl.cell import WriteOnlyCell

    from chefloen import batch
    from chefloen.render.files import BATCH_KINDS, DANISH_HEADINGS, danish_values
    from chefloen.render.sheet import Workbook, typed

    # A batch's own row, as its workbook holds it: every column, the Danish texts; numbered row by row.
    (row,) = batch([{"label": "Scenarie", "posting": "kontorchef-sundhed-praksis", "date": "2025-11-01"}])
    shown = danish_values(row)
    values = [[number, f"Scenarie {number}", *shown[2:]] for number in range(2, rows + 2)]

    def with_xlsxwriter(path: Path) -> None:
        with path.open("wb") as handle:
            book = Workbook(handle, "Resultater", DANISH_HEADINGS, BATCH_KINDS, [14] * len(DANISH_HEADINGS))
            for row in values:
                book.append(row)
            book.save([])

    def with_openpyxl(path: Path) -> None:
        book = OpenpyxlWorkbook(write_only=True)
        sheet = book.create_sheet("Resultater")
        sheet.freeze_panes = "A2"
        sheet.append(DANISH_HEADINGS)
        for row in values:
            cells = []
            for value, kind in zip(row, BATCH_KINDS, strict=True):
                cell = WriteOnlyCell(sheet, value=typed(value, kind))  # type: ignore[arg-type]
                cell.number_format = kind.number_format
                cells.append(cell)
            sheet.append(cells)
        book.save(path)

    print(f"writing a batch workbook of {rows} rows:")
    with tempfile.TemporaryDirectory() as directory:
        for name, write in (("XlsxWriter", with_xlsxwriter), ("openpyxl write-only", with_openpyxl)):
            path = Path(directory) / f"{name.split()[0]}.xlsx"
            started = time.perf_counter()
            write(path)
            elapsed = time.perf_counter() - started
            print(f"  {name:<20} {elapsed:6.2f} s, {path.stat().st_size / 1024:8.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--rows", type=int, default=20_000, help="rows of the sheet (default 20000)")
    workbook_writers(parser.parse_args().rows)


if __name__ == "__main__":
    main()
