"""Spreadsheets in and out: real files as Danish Excel and LibreOffice save them (tests/fixtures/), the excel-da
CSV dialect, workbooks read back with openpyxl, and where the formula guard applies."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from chefloen.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures"
# Published: the kontorchef posting's level 792.072 kr. (1.11.2025); RLTN 1.11.2025: trin 51 667.552 kr. a year.
POSTED, TRIN_51 = Decimal(792072), Decimal(667552)
F_NOV_2025 = Decimal("1.169930")
UNKNOWN_99 = "unknown trin '99'; known: 49, 50, 51, 52, 53, 54, 55, 55+"
UKENDT_99 = "ukendt trin '99'; kendte: 49, 50, 51, 52, 53, 54, 55, 55+"  # as a spreadsheet says it


def run(runner: CliRunner, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def rows_of(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def assert_fixture_rows(rows: list[dict[str, str]]) -> None:
    """The fixtures' scenarios: rows 2-7 of the sheet, row 4 blank but for separators."""
    assert [row["row"] for row in rows] == ["2", "3", "5", "6", "7"]
    assert Decimal(rows[0]["annual_pay"]) == POSTED
    assert Decimal(rows[1]["annual_pay"]) == TRIN_51
    assert rows[1]["label"] == "Trin 51, Søren"
    kval = (Decimal(50000) * F_NOV_2025).quantize(Decimal(1), ROUND_HALF_UP)
    afkoeb = ((TRIN_51 + kval) / 10).quantize(Decimal(1), ROUND_HALF_UP)  # 10 % read from a percent cell or "10%"
    assert Decimal(rows[2]["annual_pay"]) == TRIN_51 + kval + afkoeb
    part_time = (Decimal(570591) * F_NOV_2025 * Decimal("0.8")).quantize(Decimal(1), ROUND_HALF_UP)
    assert Decimal(rows[3]["annual_pay"]) == part_time  # 0,8 and 21,59 with decimal commas
    assert Decimal(rows[3]["pension"]) == (part_time * Decimal("0.2159")).quantize(Decimal(1), ROUND_HALF_UP)
    assert rows[4]["label"] == "Ærø: forkert trin"
    assert rows[4]["error"] == UNKNOWN_99


def test_a_danish_excel_export_runs_as_it_is(runner: CliRunner) -> None:
    """Semicolons, Windows-1252, dates as 01-11-2025, decimal commas, 50.000, 10% and a blank row."""
    code, out, err = run(runner, "batch", str(FIXTURES / "excel-da-semikolon-1252.csv"))
    assert code == 1  # one row has an unknown trin, as the file was made
    assert_fixture_rows(rows_of(out))
    assert err.splitlines() == [
        "batch: excel-da-semikolon-1252.csv: encoding Windows-1252, separator ';'",
        f"row 7: {UNKNOWN_99}",
        "Error: batch: 5 rows, 4 succeeded, 1 failed",
    ]


def test_a_utf8_export_with_a_bom_and_crlf_runs_as_it_is(runner: CliRunner) -> None:
    code, out, err = run(runner, "batch", str(FIXTURES / "excel-utf8-bom-crlf.csv"))
    assert code == 1
    assert_fixture_rows(rows_of(out))
    assert err.splitlines()[0] == "batch: excel-utf8-bom-crlf.csv: separator ';'"


def test_a_workbook_runs_from_its_first_sheet_or_the_one_named(runner: CliRunner) -> None:
    code, out, err = run(runner, "batch", str(FIXTURES / "scenarier.xlsx"))
    assert code == 1
    assert_fixture_rows(rows_of(out))
    code, _, err = run(runner, "batch", str(FIXTURES / "scenarier.xlsx"), "--sheet", "Intet")
    assert (code, err) == (2, "Error: scenarier.xlsx: no sheet 'Intet'; sheets: Scenarier, Andet\n")
    code, _, err = run(runner, "batch", str(FIXTURES / "scenarier.xlsx"), "--sheet", "Andet")
    assert code == 1
    assert err.startswith("Error: scenarier.xlsx, sheet 'Andet': unknown column 'ikke'")


@pytest.mark.parametrize("name", ["excel-da-semikolon-1252.csv", "scenarier.xlsx"])
def test_standard_input_is_read_whatever_it_holds(runner: CliRunner, name: str) -> None:
    code, out, _ = run(runner, "batch", "-", stdin=(FIXTURES / name).read_bytes())
    assert code == 1
    assert_fixture_rows(rows_of(out))


def test_json_and_toml_rows_are_numbered_by_the_line_they_start_on(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "rows.json").write_text(
        '{"note": "x",\n "scenarios": [\n  {"trin": "51", "date": "2025-11-01"},\n\n  {"trin": "99",\n'
        '   "date": "2025-11-01"}\n]}\n',
        encoding="utf-8",
    )
    (tmp_path / "rows.toml").write_text(
        '# scenarier\n[[scenario]]\ntrin = "51"\ndate = "2025-11-01"\n\n[[scenario]]\ntrin = "99"\n'
        'date = "2025-11-01"\n',
        encoding="utf-8",
    )
    code, _, err = run(runner, "batch", str(tmp_path / "rows.json"))
    assert (code, err.splitlines()[0]) == (1, f"row 5: {UNKNOWN_99}")
    code, _, err = run(runner, "batch", str(tmp_path / "rows.toml"))
    assert (code, err.splitlines()[0]) == (1, f"row 6: {UNKNOWN_99}")


def test_excel_da_csv_opens_right_in_danish_excel(runner: CliRunner) -> None:
    result = runner.invoke(app, ["steps", "-d", "2025-11-01", "-f", "csv", "--csv-dialect", "excel-da"])
    assert result.exit_code == 0
    raw = result.stdout_bytes.decode("utf-8")  # as written: .stdout turns CRLF into LF
    assert raw.startswith("\ufefftrin;loenramme;")
    assert raw.count("\r\n") == raw.count("\n") == 9
    header, *rows = list(csv.reader(io.StringIO(raw.removeprefix("\ufeff"), newline=""), delimiter=";"))
    row_51 = dict(zip(header, next(row for row in rows if row[0] == "51"), strict=True))
    assert (row_51["annual"], row_51["monthly"]) == ("667552", "55629,33")  # RLTN 1.11.2025, a decimal comma


LABELS = "label,trin,date\n=HYPERLINK(1),51,2025-11-01\n-10% scenario,51,2025-11-01\n+45 tillæg,51,2025-11-01\n"


def test_the_formula_guard_is_for_spreadsheets_only(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "labels.csv"
    source.write_text(LABELS, encoding="utf-8")
    written = ["=HYPERLINK(1)", "-10% scenario", "+45 tillæg"]
    _, plain, _ = run(runner, "batch", str(source))
    assert [row["label"] for row in rows_of(plain)] == written
    _, jsonl, _ = run(runner, "batch", str(source), "-f", "jsonl")
    assert [json.loads(line)["label"] for line in jsonl.splitlines()] == written
    _, danish, _ = run(runner, "batch", str(source), "--csv-dialect", "excel-da")
    danish_rows = list(csv.DictReader(io.StringIO(danish.removeprefix("\ufeff")), delimiter=";"))
    assert [row["Navn"] for row in danish_rows] == ["'" + label for label in written]
    assert danish_rows[0]["Løn pr. måned"] == "55629,33"
    target = tmp_path / "out.xlsx"
    code, _, err = run(runner, "batch", str(source), "--output", str(target))
    assert code == 0, err
    sheet = load_workbook(target)["Resultater"]
    cells = [line[1] for line in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == written  # the text as it is …
    assert {cell.data_type for cell in cells} == {"s"}  # … stored as text, never a formula


def test_a_batch_workbook_has_real_numbers_dates_and_its_errors_on_a_second_sheet(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "resultater.xlsx"
    code, out, _ = run(runner, "batch", str(FIXTURES / "excel-da-semikolon-1252.csv"), "-o", str(target))
    assert (code, out) == (1, "")
    book = load_workbook(target)
    sheet, notes = book.worksheets
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, sheet[2], strict=True))
    assert first["Løn i alt"].value == 792072
    assert first["Løn i alt"].number_format == "#,##0.00"
    assert first["Dato"].value == dt.datetime(2025, 11, 1)
    assert first["Række"].value == 2
    assert sheet.freeze_panes == "A2"
    assert [line[0].value for line in notes.iter_rows()] == [f"Række 7: {UKENDT_99}"]


WARNED_ROWS = """label,trin,posting,date
Efter seneste regulering,51,,1.1.2027
Direktør,,direktoer-regionssekretariatet,1.1.2027
Også efter,52,,2027-06-01
Forkert trin,99,,1.11.2025
Direktør som opslået,,direktoer-regionssekretariatet,2025-11-01
Ingen dato,51,,32.1.2025
"""
CODES = ("after_last_regulation", "level_includes_afkoeb")


def test_a_batch_workbook_notes_each_warning_with_its_rows_and_dates_failed_rows(
    runner: CliRunner, tmp_path: Path
) -> None:
    import chefloen

    source, target = tmp_path / "rows.csv", tmp_path / "out.xlsx"
    source.write_text(WARNED_ROWS, encoding="utf-8")
    code, _, _ = run(runner, "batch", str(source), "-o", str(target))
    book = load_workbook(target)
    sheet, notes = book.worksheets
    dates = [line[2] for line in sheet.iter_rows(min_row=2, values_only=True)]
    quoted = chefloen.posting("direktoer-regionssekretariatet", date="2027-01-01").to_data()["warnings"]
    after, afkoeb = (next(w["message"] for w in quoted if w["code"] == code) for code in CODES)
    later = chefloen.quote(52, date="2027-06-01").to_data()["warnings"]
    (after_later,) = (w["message"] for w in later if w["code"] == "after_last_regulation")  # it says how far past
    assert code == 1
    assert dates[3] == dt.datetime(2025, 11, 1)  # a failed row's date, read as a date though the row failed
    assert dates[5] == "32.1.2025"  # one that is not a date stays as it was written
    assert [line[0].value for line in notes.iter_rows()] == [
        f"Række 5: {UKENDT_99}",
        "Række 7: datoen '32.1.2025' findes ikke",
        f"after_last_regulation: {after} — rækker 2–3",
        f"level_includes_afkoeb: {afkoeb} — rækker 3, 6",
        f"after_last_regulation: {after_later} — række 4",
    ]


def test_a_long_run_of_rows_is_noted_as_a_range() -> None:
    from chefloen.render.files import RowNumbers

    numbers = RowNumbers()
    for number in [*range(2, 4001), 4003, 4005, 4006]:
        numbers.add(number)
    single = RowNumbers()
    single.add(7)
    assert (numbers.text(), single.text()) == ("rækker 2–4000, 4003, 4005–4006", "række 7")


def test_scenarios_as_a_workbook(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "scenarier.xlsx"
    code, _, err = run(
        runner, "scenarios", "-t", "51", "-d", "2025-11-01", "--kvalifikationsloen", "0", "--kvalifikationsloen",
        "50.000", "--afkoeb", "0", "--afkoeb", "10%", "-o", str(target),
    )  # fmt: skip
    assert code == 0, err
    sheet = load_workbook(target)["Scenarier"]
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert first["annual_pay"] == TRIN_51
    assert first["date"] == dt.datetime(2025, 11, 1)
    assert sheet.max_row == 5
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFG"]
    assert all(width >= 8 for width in widths)


def test_an_xlsx_needs_a_file(runner: CliRunner) -> None:
    code, _, err = run(runner, "steps", "-f", "xlsx")
    assert (code, err) == (2, "Error: --format xlsx writes a workbook: give --output FILE.xlsx\n")


def test_the_format_follows_the_output_name(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("trin,date\n51,2025-11-01\n", encoding="utf-8")
    code, _, _ = run(runner, "batch", str(source), "-o", str(tmp_path / "out.json"))
    assert code == 0
    (item,) = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert (item["row"], Decimal(item["annual_pay"])) == (2, TRIN_51)
    code, _, _ = run(runner, "steps", "-d", "2025-11-01", "-o", str(tmp_path / "trin.csv"))
    assert code == 0
    assert (tmp_path / "trin.csv").read_text(encoding="utf-8").startswith("trin,loenramme,")


def test_a_workbook_with_hostile_cells_is_read_row_by_row(runner: CliRunner, tmp_path: Path) -> None:
    """Formulas, errors, booleans, a time, an empty header cell at the end, a row too wide: each is its row's."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["trin", "date", "label", None])
    sheet.append([51, dt.datetime(2025, 11, 1), "god"])
    sheet.append(["=1+1", dt.datetime(2025, 11, 1), "formel uden gemt værdi"])
    sheet.append([51, dt.time(12, 0), "et klokkeslæt"])
    sheet.append([51, "2025-11-01", True])
    sheet.append([51, dt.datetime(2025, 11, 1), "for bred", None, "x"])
    sheet.append([51, dt.datetime(2025, 11, 1), "god igen"])
    path = tmp_path / "hostile.xlsx"
    book.save(path)
    code, out, err = run(runner, "batch", str(path))
    rows = rows_of(out)
    assert code == 1
    assert [row["row"] for row in rows] == ["2", "3", "4", "5", "6", "7"]
    assert [bool(row["error"]) for row in rows] == [False, True, True, False, True, False]
    assert "Traceback" not in err


def test_empty_columns_after_the_header_are_not_fields_unless_something_is_in_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Excel saves a sheet's used width on every line: `trin;date;;` and `51;01-11-2025;;`."""
    path = tmp_path / "bred.csv"
    path.write_bytes(b"Trin;Date;;\r\n51;01-11-2025;;\r\n;;;\r\n51;01-11-2025;;x\r\n51;1.11.2025;;\r\n")
    code, out, err = run(runner, "batch", str(path))
    rows = rows_of(out)
    assert code == 1
    assert [row["row"] for row in rows] == ["2", "4", "5"]
    assert [row["error"] for row in rows] == ["", "more fields than the header has", ""]
    assert Decimal(rows[2]["annual_pay"]) == TRIN_51
    assert err.splitlines()[0] == "batch: bred.csv: separator ';'"


def test_a_utf16_file_that_stops_decoding_midway_loses_only_the_rows_it_cannot_read(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Half of a pair of UTF-16 surrogates in row 3, an odd byte after the last line: each is a row's error."""
    path = tmp_path / "unicode-tekst.txt"
    good = "51\t01-11-2025\tgod\n"
    path.write_bytes(
        ("trin\tdate\tlabel\n" + good).encode("utf-16")
        + "51\t01-11-2025\tS".encode("utf-16-le")
        + b"\x00\xd8"
        + ("\n" + good).encode("utf-16-le")
        + b"\x00"
    )
    code, out, err = run(runner, "batch", str(path))
    assert code == 1
    assert [(row["row"], row["label"], row["error"]) for row in rows_of(out)] == [
        ("2", "god", ""),
        ("3", "", "not valid UTF-16"),
        ("4", "god", ""),
        ("5", "", "not valid UTF-16"),
    ]
    assert err.splitlines()[-1] == "Error: batch: 4 rows, 2 succeeded, 2 failed"


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def with_member(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook ``data`` with the part ``name`` changed, as a damaged or a crafted file has it."""
    changed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.namelist():
            content = source.read(member)
            target.writestr(member, change(content) if member == name else content)
    return changed.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
DATED: list[list[object]] = [["trin", "date", "label"], *[[51, dt.datetime(2025, 11, 1), f"god {n}"] for n in range(5)]]


def test_a_workbook_claiming_every_cell_is_read_to_its_last_real_row(tmp_path: Path) -> None:
    """A 5 KB workbook claims A1:XFD1048576 and holds a styled empty cell in the sheet's last one; before, each of
    a million rows was padded to 16.384 cells and walked. Run in a process of its own, with a cap on its time."""

    def claim_everything(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', xml)
        return xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData>')

    path = tmp_path / "alt.xlsx"
    path.write_bytes(with_member(workbook(DATED[:3]), SHEET, claim_everything))
    assert path.stat().st_size < 10_000
    result = subprocess.run([sys.executable, "-m", "chefloen", "batch", str(path)], capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [row["row"] for row in rows_of(result.stdout)] == ["2", "3"]


def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bombe.xlsx"
    padding = b" " * (64 << 20)  # 64 MB that pack into 64 KB, as a zip bomb's parts do
    path.write_bytes(
        with_member(workbook(DATED), SHEET, lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + padding))
    )
    assert path.stat().st_size < 1 << 20
    code, out, err = run(runner, "batch", str(path))
    assert (code, out) == (1, "")
    assert re.fullmatch(
        r"Error: bombe\.xlsx: 'xl/worksheets/sheet1\.xml' unpacks to [\d.]+ times its packed size; "
        r"a workbook's parts may unpack to at most 100 times \(is it a zip bomb\?\)\n",
        err,
    ), err
    from chefloen import batch_workbook

    monkeypatch.setattr(batch_workbook, "UNPACKED_LIMIT", 10_000)
    code, out, err = run(runner, "batch", str(FIXTURES / "scenarier.xlsx"))
    assert (code, out) == (1, "")
    assert re.fullmatch(r"Error: scenarier\.xlsx: unpacks to [\d.]+ bytes; a workbook may unpack to at most 10\.000 "
                        r"bytes\n", err), err  # fmt: skip


def test_a_hidden_sheet_is_read_only_when_named_and_the_run_says_which_sheet_it_read(
    runner: CliRunner, tmp_path: Path
) -> None:
    book = Workbook()
    hidden = book.active
    assert hidden is not None
    hidden.title = "Skjult"
    hidden.append(["trin", "date"])
    hidden.append([99, "2025-11-01"])
    shown = book.create_sheet("Synlig")
    shown.append(["trin", "date"])
    shown.append([51, "2025-11-01"])
    book.active = 1
    hidden.sheet_state = "hidden"
    path = tmp_path / "skjult.xlsx"
    book.save(path)
    code, out, err = run(runner, "batch", str(path))
    assert code == 0, err
    assert Decimal(rows_of(out)[0]["annual_pay"]) == TRIN_51
    assert (
        err.splitlines()[0]
        == "batch: skjult.xlsx: sheet 'Synlig', the first visible one (hidden, so not read: 'Skjult')"
    )
    code, _, err = run(runner, "batch", str(path), "--sheet", "Skjult")
    assert (code, err.splitlines()[:2]) == (
        1,
        ["batch: skjult.xlsx: sheet 'Skjult', which is hidden", f"row 2: {UNKNOWN_99}"],
    )
    code, _, err = run(runner, "batch", str(path), "--sheet", "Intet")
    assert (code, err) == (2, "Error: skjult.xlsx: no sheet 'Intet'; sheets: Skjult (hidden), Synlig\n")


def test_cells_openpyxl_cannot_convert_are_their_rows_errors(runner: CliRunner, tmp_path: Path) -> None:
    """A number that is not one, a shared string that is not there, a date out of range (openpyxl warns, and
    reads #VALUE!), then XML that breaks off: before, the first of them ended the run with a traceback."""

    def damaged(xml: bytes) -> bytes:
        xml = xml.replace(b'<c r="A3" t="n"><v>51</v>', b'<c r="A3" t="n"><v>abc</v>')
        xml = xml.replace(b'<c r="A4" t="n"><v>51</v>', b'<c r="A4" t="s"><v>999</v>')
        return re.sub(rb'(<c r="B5"[^>]*><v>)\d+', rb"\g<1>1e20", xml)

    path = tmp_path / "celler.xlsx"
    path.write_bytes(with_member(workbook(DATED), SHEET, damaged))
    code, out, err = run(runner, "batch", str(path))
    assert code == 1
    assert [(row["row"], row["error"]) for row in rows_of(out)] == [
        ("2", ""),
        ("3", "a cell openpyxl cannot read (ValueError)"),
        ("4", "a cell openpyxl cannot read (IndexError)"),
        ("5", "date '#VALUE!' is not a date; write 2025-11-01, 1.11.2025 or 01-11-2025"),
        ("6", ""),
    ]
    assert "Warning" not in err
    path.write_bytes(with_member(workbook(DATED), SHEET, lambda xml: xml[: xml.index(b'<row r="4"') + 20]))
    code, out, err = run(runner, "batch", str(path))
    assert code == 1
    assert [(row["row"], row["error"]) for row in rows_of(out)] == [
        ("2", ""),
        ("3", ""),
        ("4", "the sheet cannot be read from here on (ParseError)"),
    ]


def test_a_workbook_column_given_twice_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "to.xlsx"
    path.write_bytes(workbook([["Trin", "date", "trin"], [51, "2025-11-01", 52]]))
    code, out, err = run(runner, "batch", str(path))
    assert (code, out) == (1, "")
    assert err == "Error: to.xlsx, sheet 'Sheet': column 'trin' is given twice (in any case); give each column once\n"


# Published: RLTN 1.4.2026, factor 1,198008 (in force on 1.12.2026, the last known); grundbeløb of trin 51, 52 and 53
# (DM) and of the postings' differences to their levels (reference §1); the chefs' pension 21,59 %, 37 hours a week.
F_DEC_2026 = Decimal("1.198008")
KANDIDATER = FIXTURES / "kandidater-excel-da.csv"


def at_dec_2026(base_amount: int | Decimal, share: Decimal = Decimal(1)) -> Decimal:
    return (Decimal(base_amount) * F_DEC_2026 * share).quantize(Decimal(1), ROUND_HALF_UP)


def kandidater_pay() -> list[Decimal]:
    """The five candidates' annual pay, by hand."""
    kval = at_dec_2026(Decimal("40000.00"))
    trin_51, trin_52 = at_dec_2026(570591), at_dec_2026(649262)
    assert trin_51 == 683573  # RLTN 1.4.2026: 56.964,42 a month
    signe = trin_52 + kval
    karen = trin_52 + at_dec_2026(267225)
    karen_afkoeb = (karen * 5 * 52 / Decimal(1924)).quantize(Decimal(1), ROUND_HALF_UP)  # 5 hours of 1.924 a year
    return [
        trin_51,
        trin_51 + at_dec_2026(106434) + kval,
        signe + (signe / 10).quantize(Decimal(1), ROUND_HALF_UP),
        at_dec_2026(712865, Decimal("0.8")),
        karen + karen_afkoeb,
    ]


def test_five_candidates_saved_by_danish_excel_run_clean(runner: CliRunner) -> None:
    """Windows-1252, semicolons, a sep=; line and a title above Danish headings, 01-12-2026, 40.000,00 and 10%."""
    code, out, err = run(runner, "batch", str(KANDIDATER))
    assert code == 0, err
    assert err.splitlines() == [
        "batch: kandidater-excel-da.csv: encoding Windows-1252, separator ';', header on line 3",
        "batch: 5 rows, 5 succeeded, 0 failed",
    ]
    rows = rows_of(out)
    assert [row["row"] for row in rows] == ["4", "5", "6", "7", "8"]  # the lines, the sep line being line 1
    assert [row["label"] for row in rows] == ["Anne Ærbø", "Bo Østergård", "Signe Å. Holm", "Jens Møller",
                                              "Karen Sørensen"]  # fmt: skip
    assert [Decimal(row["annual_pay"]) for row in rows] == kandidater_pay()
    assert [row["date"] for row in rows] == ["2026-12-01"] * 5
    assert Decimal(rows[0]["pension"]) == (683573 * Decimal("0.2159")).quantize(Decimal(1), ROUND_HALF_UP)


def test_the_candidates_workbook_has_danish_headings_every_input_and_line_numbers_and_dates(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "resultater.xlsx"
    code, _, err = run(runner, "batch", str(KANDIDATER), "-o", str(target))
    assert code == 0, err
    sheet = load_workbook(target)["Resultater"]
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["Række", "Navn", "Dato", "Trin", "Trin som opslået", "Opslag"]
    for heading in ("Kvalifikationsløn", "Afkøb", "Deltid", "Angivet trin", "Basisløn", "Forskel til opslagsniveau",
                    "Kvalifikationsløn pr. år", "Afkøb pr. år", "Løn i alt", "Pension", "Løn og pension i alt",
                    "Ferietillæg", "Samlet aflønning", "Faktorstatus", "Advarsler", "Fejl"):  # fmt: skip
        assert heading in header
    rows = [dict(zip(header, line, strict=True)) for line in sheet.iter_rows(min_row=2)]
    anne, bo, signe, jens, karen = rows
    assert [row["Løn i alt"].value for row in rows] == kandidater_pay()  # as numbers, exact
    assert {row["Løn i alt"].data_type for row in rows} == {"n"}
    assert {row["Dato"].value for row in rows} == {dt.datetime(2026, 12, 1)}  # a real date …
    assert anne["Dato"].number_format == "dd-mm-yyyy"  # … shown as one
    assert (anne["Række"].value, anne["Trin"].value, anne["Angivet trin"].value) == (4, "51", "51")
    # what each gave, as it was written …
    assert (bo["Opslag"].value, bo["Kvalifikationsløn"].value) == ("kontorchef-sundhed-praksis", "40.000,00")
    assert (signe["Afkøb"].value, jens["Deltid"].value, karen["Afkøb"].value) == ("10%", "0,8", "5t")
    # … and its lines, as numbers
    assert bo["Kvalifikationsløn, grundbeløb"].value == 40000
    assert (bo["Basisløn"].value, bo["Forskel til opslagsniveau"].value) == (683573, at_dec_2026(106434))
    assert bo["Kvalifikationsløn pr. år"].value == at_dec_2026(40000)
    tenth = (at_dec_2026(649262) + at_dec_2026(40000)) / 10  # 82.574,1
    assert signe["Afkøb pr. år"].value == tenth.quantize(Decimal(1), ROUND_HALF_UP)
    assert jens["Basisløn"].value == at_dec_2026(712865, Decimal("0.8"))
    assert anne["Ferietillæg"].value == (683573 * Decimal("0.0249")).quantize(Decimal(1), ROUND_HALF_UP)
    assert {row["Faktorstatus"].value for row in rows} == {"kildebelagt"}
    from chefloen import labels

    assert labels.warn_level_includes_afkoeb() in str(karen["Advarsler"].value)  # the warnings in Danish
    assert {row["Fejl"].value for row in rows} == {None}


def test_the_candidates_as_a_workbook_with_a_title_row_give_the_same(runner: CliRunner, tmp_path: Path) -> None:
    """The same five as a workbook made with openpyxl: typed cells (dates, 40000 as a number, 10 % a percent
    cell), a title row and a blank one above the header."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Lønberegning for kandidater, december 2026"])
    sheet.append([])
    sheet.append(["Navn", "Trin", "Opslag", "Dato", "Kvalifikationsløn", "Afkøb", "Deltid"])
    day = dt.datetime(2026, 12, 1)
    sheet.append(["Anne Ærbø", 51, None, day])
    sheet.append(["Bo Østergård", None, "kontorchef-sundhed-praksis", day, 40000])
    sheet.append(["Signe Å. Holm", 52, None, day, 40000, 0.1])
    sheet.append(["Jens Møller", 53, None, day, None, None, 0.8])
    sheet.append(["Karen Sørensen", None, "direktoer-regionssekretariatet", day, None, "5t"])
    sheet["E5"].number_format = sheet["E6"].number_format = "#,##0.00"
    sheet["F6"].number_format = "0%"
    path = tmp_path / "kandidater.xlsx"
    book.save(path)
    code, out, err = run(runner, "batch", str(path))
    assert code == 0, err
    rows = rows_of(out)
    assert [row["row"] for row in rows] == ["4", "5", "6", "7", "8"]
    assert [Decimal(row["annual_pay"]) for row in rows] == kandidater_pay()
