"""chefloen's own .xlsx writer (chefloen.render.workbook): a valid package, every cell read back typed and
formatted, the frozen header and widths, text no reader or Excel mistakes, the Noter sheet, and a stream it
cannot seek."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from chefloen.cli.app import app
from chefloen.render import workbook
from chefloen.render.sheet import DATE, TEXT, Kind
from chefloen.render.workbook import CELL_LIMIT, Workbook, day_number, workbook_text, write_xlsx

PARTS = {
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "docProps/core.xml",
    "docProps/app.xml",
}
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
COUNT, MONEY, FACTOR = Kind("number"), Kind("number", 2), Kind("number", 5)
KINDS = [COUNT, TEXT, DATE, MONEY, FACTOR, TEXT]
HEADER = ["Række", "Navn", "Dato", "Løn i alt", "Faktor", "Flag"]


def written(
    rows: Sequence[Sequence[object]],
    notes: Sequence[str] = (),
    *,
    kinds: Sequence[Kind] = KINDS,
    header: Sequence[str] = HEADER,
    widths: Sequence[int] | None = None,
) -> bytes:
    stream = io.BytesIO()
    book = Workbook(stream, "Resultater", header, kinds, widths or [10] * len(header))
    for row in rows:
        book.append(row)
    book.save(notes)
    return stream.getvalue()


def read(data: bytes) -> tuple[list[list[object]], list[object]]:
    """The data sheet's values row by row, and the Noter sheet's column."""
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Resultater", "Noter"]
    values: list[list[object]] = [[cell.value for cell in row] for row in book["Resultater"].iter_rows()]
    return values, [row[0].value for row in book["Noter"].iter_rows()]


def excel_text(text: str) -> str:
    """Text as Excel shows a cell's: each _xHHHH_ is the character it names (_x005F_ escaping a "_")."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda match: chr(int(match.group(1), 16)), text)


def test_the_package_has_every_part_and_each_is_well_formed_xml() -> None:
    data = written([[2, "Anne", dt.date(2025, 11, 1), Decimal("792072.00"), "1.09722", True]])
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    assert set(archive.namelist()) == PARTS
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
    for name in PARTS:
        ElementTree.fromstring(archive.read(name))  # raises on anything not well formed


def test_every_row_and_cell_carries_its_reference() -> None:
    rows = [[number, f"r{number}", None, number * 10, None, None] for number in range(2, 3002)]
    sheet = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(written(rows))).read("xl/worksheets/sheet1.xml"))
    found = sheet.iter(f"{MAIN}row")
    for number, row in enumerate(found, start=1):
        assert row.get("r") == str(number)
        assert [cell.get("r") for cell in row] == (
            [f"{letter}1" for letter in "ABCDEF"] if number == 1 else [f"A{number}", f"B{number}", f"D{number}"]
        )
    assert number == 3001  # past the rows gathered before they go to the zip entry


def test_cells_read_back_typed_and_in_their_columns_formats() -> None:
    rows = [
        [2, "Anne", dt.date(2025, 11, 1), Decimal("792072.00"), "1.09722", True],
        [3, "Bo", "2026-01-31", "83838.08", Decimal("1.10000"), False],
        [4, "2026", None, 667552, "-0.5", ""],
        [5, "trin 51", "ikke en dato", "ikke et tal", "12", None],
    ]
    book = load_workbook(io.BytesIO(written(rows)))
    sheet = book["Resultater"]
    assert [cell.value for cell in sheet[1]] == HEADER
    assert all(cell.font.b for cell in sheet[1])
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [
        [2, "Anne", dt.datetime(2025, 11, 1), 792072, 1.09722, "ja"],
        [3, "Bo", dt.datetime(2026, 1, 31), 83838.08, 1.1, "nej"],
        [4, "2026", None, 667552, -0.5, None],
        [5, "trin 51", "ikke en dato", "ikke et tal", 12, None],
    ]
    assert [type(value) for value in values[0][:4]] == [int, str, dt.datetime, int]  # 792072.00 is a whole number
    first = sheet[2]
    assert [cell.number_format for cell in first[:5]] == ["#,##0", "General", "dd-mm-yyyy", "#,##0.00", "0.00000"]
    assert [cell.data_type for cell in first] == ["n", "s", "d", "n", "n", "s"]
    assert sheet["D5"].data_type == "s"  # text in a number column stays text
    assert sheet["B4"].data_type == "s"  # a label that looks like a number too


def test_a_flag_is_ja_or_nej_even_where_the_column_has_seen_one_and_zero() -> None:
    kinds = [COUNT, COUNT]
    values, _ = read(written([[1, 0], [True, False], [1, 0], [False, True]], kinds=kinds, header=["a", "b"]))
    assert values[1:] == [[1, 0], ["ja", "nej"], [1, 0], ["nej", "ja"]]


def test_values_that_repeat_read_back_as_often_as_they_come() -> None:
    amounts = [Decimal(number % 7) * 1000 + Decimal("0.50") for number in range(9000)]
    rows = [[number, "A" if number % 2 else "B", None, amount, None, None] for number, amount in enumerate(amounts)]
    values, _ = read(written(rows))
    assert [row[3] for row in values[1:]] == [float(amount) for amount in amounts]
    assert [row[1] for row in values[1:]] == [row[1] for row in rows]
    assert [row[0] for row in values[1:]] == list(range(9000))


def test_the_header_is_frozen_and_the_columns_as_wide_as_asked() -> None:
    book = load_workbook(io.BytesIO(written([], widths=[3, 10, 12, 30, 60, 80])))
    sheet = book["Resultater"]
    assert sheet.freeze_panes == "A2"
    # min(max(width, 6), 60) + 2 characters, stored as Excel stores a width: with its padding, in 256ths.
    expected = [8, 12, 14, 32, 62, 62]
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEF"]
    assert widths == [int((chars * 7 + 5) / 7 * 256) / 256 for chars in expected]
    assert book["Noter"].column_dimensions["A"].width > 100


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("""<&>"'""", """<&>"'"""),
        ("a\x01b\x1fc\x00", "a\\x01b\\x1fc\\x00"),
        ("tab\tand\nline", "tab\tand\nline"),
        ("carriage\rreturn", "carriage\rreturn"),
        ("  blanks around  ", "  blanks around  "),
        ("_x0041_ is not A", "_x0041_ is not A"),
        ("𝄞 and 😀, beside æøå", "𝄞 and 😀, beside æøå"),
        ("\ufffe\uffff", "\\ufffe\\uffff"),
        ("=HYPERLINK(1)", "=HYPERLINK(1)"),
    ],
)
def test_text_reads_back_as_a_workbook_holds_it(text: str, shown: str) -> None:
    values, notes = read(written([[2, text, None, None, None, text]], [text]))
    assert excel_text(str(values[1][1])) == excel_text(str(values[1][5])) == excel_text(str(notes[0])) == shown


def test_text_past_a_cells_limit_is_cut_with_an_ellipsis() -> None:
    text = "æ" * 39_999 + "z"
    values, notes = read(written([[2, text, None, None, None, None]], [text]))
    assert values[1][1] == notes[0] == "æ" * (CELL_LIMIT - 1) + "…"
    assert len(workbook_text("x" * CELL_LIMIT)) == CELL_LIMIT


def test_notes_written_while_rows_are_come_first_then_those_given_on_saving(tmp_path: Path) -> None:
    stream = io.BytesIO()
    book = Workbook(stream, "Resultater", HEADER, KINDS, [10] * 6)
    book.append([2, "Anne", None, None, None, None])
    book.note("Række 3: <ukendt> trin & mere")
    book.append([3, "Bo", None, None, None, None])
    book.note("Række 4: fejl")
    book.save(iter(["inferred_factor: udledt — rækker 2–3"]))
    _, notes = read(stream.getvalue())
    assert notes == ["Række 3: <ukendt> trin & mere", "Række 4: fejl", "inferred_factor: udledt — rækker 2–3"]


def test_a_workbook_without_notes_says_so() -> None:
    assert read(written([[2, "Anne", None, None, None, None]]))[1] == ["Ingen noter."]


class Pipe(io.RawIOBase):
    """A stream that is written and cannot be sought or told, as a pipe."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        chunk = bytes(data)  # type: ignore[call-overload]
        self.data += chunk
        return len(chunk)

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        raise OSError("not seekable")


def test_a_workbook_streams_to_what_cannot_seek() -> None:
    pipe = Pipe()
    book = Workbook(pipe, "Resultater", HEADER, KINDS, [10] * 6)  # type: ignore[arg-type]
    for number in range(2, 2002):
        book.append([number, "Anne", dt.date(2025, 11, 1), Decimal("1.50"), None, None])
    book.save([])
    values, notes = read(bytes(pipe.data))
    assert len(values) == 2001
    assert values[-1] == [2001, "Anne", dt.datetime(2025, 11, 1), 1.5, None, None]
    assert notes == ["Ingen noter."]


def test_rows_past_a_sheets_limit_are_left_out_and_said_to_be(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "ROW_LIMIT", 4)
    values, notes = read(written([[number, "x", None, None, None, None] for number in range(2, 8)]))
    assert [row[0] for row in values[1:]] == [2, 3, 4]
    assert notes == ["3 rækker er ikke med: et ark har højst 4 rækker (skriv CSV)."]


def test_a_value_that_is_no_key_is_written_as_its_text() -> None:
    values, _ = read(written([[2, ["a", "b"], None, None, None, None]]))
    assert values[1][1] == "['a', 'b']"


def test_dates_are_excels_day_numbers() -> None:
    assert [day_number(dt.date(1900, 1, 1)), day_number(dt.date(1900, 2, 28)), day_number(dt.date(1900, 3, 1))] == [
        1,
        59,
        61,  # Excel counts a 29 February 1900
    ]
    assert day_number(dt.date(2025, 11, 1)) == 45962
    assert day_number(dt.datetime(2025, 11, 1, 13, 30)) == 45962  # the day; a time of day is not kept


def test_a_workbook_that_is_not_saved_is_discarded_quietly(recwarn: pytest.WarningsRecorder) -> None:
    book = Workbook(io.BytesIO(), "Resultater", HEADER, KINDS, [10] * 6)
    book.append([2, "Anne", None, None, None, None])
    book.note("Række 2: fejl")
    book.discard()
    assert book.notes.closed
    assert not recwarn.list


def test_a_results_table_becomes_a_workbook_with_its_kinds_found() -> None:
    stream = io.BytesIO()
    header = ["label", "date", "annual_pay", "factor"]
    write_xlsx("Løn", header, [["=1+1", "2025-11-01", "792072.00", "1.09722"]], ["en note"], stream)
    book = load_workbook(io.BytesIO(stream.getvalue()))
    assert book.sheetnames == ["Løn", "Noter"]
    sheet = book["Løn"]
    assert [cell.value for cell in sheet[2]] == ["=1+1", dt.datetime(2025, 11, 1), 792072, 1.09722]
    assert sheet["A2"].data_type == "s"  # text, never a formula
    assert [cell.number_format for cell in sheet[2][1:]] == ["dd-mm-yyyy", "#,##0.00", "0.00000"]
    assert [row[0].value for row in book["Noter"].iter_rows()] == ["en note"]


def test_rows_kept_after_their_first_columns_read_back_as_rows_written_cell_by_cell() -> None:
    # A batch's rows repeat but for their number and label: their other cells' XML is kept by their values, and
    # a row found again must still be the row it is, with its own number, label and row references.
    rows = [[number, f"r{number}", dt.date(2025, 11, 1), Decimal(number % 3), Decimal("1.16993"), "x" * (number % 2)]
            for number in range(2, 300)]  # fmt: skip

    def kept(rows: Sequence[Sequence[object]]) -> bytes:
        stream = io.BytesIO()
        book = Workbook(stream, "Resultater", HEADER, KINDS, [10] * len(HEADER))
        for row in rows:
            book.append(row, kept_after=2)
        book.save([])
        return stream.getvalue()

    data = kept(rows)
    assert read(data) == read(written(rows))
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert f'<row r="{len(rows) + 1}"><c r="A{len(rows) + 1}"' in sheet


def test_text_that_looks_like_a_date_or_number_but_is_none_stays_text() -> None:
    # A failed batch row keeps its date as given: 2025-02-30 has the form of a date and is no day; digits of
    # another script are the number or day they are, as Python reads them.
    rows = [[2, "A", "2025-02-30", "\u0665", None, None], [3, "B", "\u0662\u0660\u0662\u0665-\u0661\u0661-\u0660\u0661",
            "12.50", None, None]]  # fmt: skip
    values, _ = read(written(rows))
    assert values[1][:4] == [2, "A", "2025-02-30", 5]
    assert values[2][:4] == [3, "B", dt.datetime(2025, 11, 1), 12.5]


def test_a_batch_workbook_with_a_date_that_does_not_exist(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("label,trin,date\nA,51,2025-02-30\nB,51,2025-11-01\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["batch", str(path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # the failed row's exit, not a traceback
    sheet = load_workbook(out)["Resultater"]
    assert [row[:3] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        (2, "A", "2025-02-30"),
        (3, "B", dt.datetime(2025, 11, 1)),
    ]
