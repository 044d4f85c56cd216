"""Batch headings as people write them: Danish or English, in any case, with æøå or ae/oe/aa, words joined by
blanks, underscores or hyphens, the same table for CSV, workbooks, JSON and TOML; and a CSV file or a sheet
whose header is below a ``sep=;`` line, a title or blank lines, its rows still numbered as the person sees them."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from chefloen.cli.app import app
from chefloen.columns import KNOWN, column_name

# RLTN 1.11.2025: trin 51 667.552 kr. a year; the kontorchef posting's level 792.072 kr. (reference §1, §3).
TRIN_51, POSTED, F_NOV_2025 = Decimal(667552), Decimal(792072), Decimal("1.169930")


def kroner(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), ROUND_HALF_UP)


def run(runner: CliRunner, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def rows_of(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


# Every heading the issue names, and the column it is: Danish and English, with and without æøå.
HEADINGS = [
    ("Navn", "label"), ("navn", "label"), ("Trin", "trin"), ("Lønramme", "loenramme"), ("loenramme", "loenramme"),
    ("Opslag", "posting"), ("Stilling", "posting"), ("Dato", "date"), ("Kvalifikationsløn", "kvalifikationsloen"),
    ("kvalifikationsloen", "kvalifikationsloen"), ("Funktionsløn", "funktionsloen"), ("Tillæg", "tillaeg"),
    ("tillaeg", "tillaeg"), ("Afkøb", "afkoeb"), ("afkoeb", "afkoeb"),
    ("Afkøb pensionsgivende", "afkoeb_pensionsgivende"),
    ("Engangsvederlag", "engangsvederlag"), ("Engangsvederlag pensionsgivende", "engangsvederlag_pensionsgivende"),
    ("Pension", "pension"), ("Pensionsgruppe", "pensionsgruppe"), ("Deltid", "deltid"), ("Fritvalg", "fritvalg"),
    ("Fritvalg gulv", "fritvalg_gulv"),
    # any case, æøå or not, blanks, underscores and hyphens alike
    ("KVALIFIKATIONSLØN", "kvalifikationsloen"), ("Afkoeb Pensionsgivende", "afkoeb_pensionsgivende"),
    ("afkøb-pensionsgivende", "afkoeb_pensionsgivende"), ("FRITVALG_GULV", "fritvalg_gulv"),
    ("fritvalg  -  gulv", "fritvalg_gulv"), (" ENGANGSVEDERLAG-PENSIONSGIVENDE ", "engangsvederlag_pensionsgivende"),
    ("LOENRAMME", "loenramme"), ("lønramme", "loenramme"), ("Funktionsloen", "funktionsloen"), ("DATE", "date"),
]  # fmt: skip


@pytest.mark.parametrize(("heading", "column"), HEADINGS)
def test_every_heading_names_its_column(heading: str, column: str) -> None:
    assert column_name(heading) == column
    assert column in KNOWN


# One scenario of each kind, in Danish headings; the same with the English keys gives the same results.
DANISH = ["Navn", "Trin", "Opslag", "Dato", "Kvalifikationsløn", "Afkøb", "Fritvalg gulv", "Fritvalg"]
ENGLISH = ["label", "trin", "posting", "date", "kvalifikationsloen", "afkoeb", "fritvalg_gulv", "fritvalg"]
SCENARIOS = [
    ["Trin 51", "51", "", "2025-11-01", "", "", "", ""],
    ["Kontorchef", "", "kontorchef-sundhed-praksis", "2025-11-01", "", "", "", ""],
    ["Med kval og afkøb", "51", "", "2025-11-01", "50000", "10%", "", ""],
    ["Fritvalg", "51", "", "2025-11-01", "", "", "16", "max"],
]


def as_csv(header: list[str], rows: list[list[str]], separator: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\n")
    writer.writerows([header, *rows])
    return buffer.getvalue()


def written(tmp_path: Path, kind: str, header: list[str]) -> Path:
    """The scenarios as a batch file of ``kind``, under ``header``."""
    path = tmp_path / f"rows-{len(list(tmp_path.iterdir()))}.{kind}"
    records = [dict(zip(header, row, strict=True)) for row in SCENARIOS]
    if kind == "csv":
        path.write_text(as_csv(header, SCENARIOS, ";"), encoding="utf-8")
    elif kind == "jsonl":
        path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    elif kind == "json":
        path.write_text(json.dumps({"scenarios": records}, indent=1), encoding="utf-8")
    elif kind == "toml":
        tables = ["[[scenario]]\n" + "".join(f"{json.dumps(k)} = {json.dumps(v)}\n" for k, v in record.items())
                  for record in records]  # fmt: skip
        path.write_text("\n".join(tables), encoding="utf-8")
    else:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in [header, *SCENARIOS]:
            sheet.append(row)
        book.save(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx", "jsonl", "json", "toml"])
def test_danish_headings_are_read_in_every_kind_of_file(runner: CliRunner, tmp_path: Path, kind: str) -> None:
    code, danish, err = run(runner, "batch", str(written(tmp_path, kind, DANISH)), "-f", "jsonl")
    assert code == 0, err
    code, english, err = run(runner, "batch", str(written(tmp_path, kind, ENGLISH)), "-f", "jsonl")
    assert code == 0, err
    assert danish == english
    results = [json.loads(line) for line in danish.splitlines()]
    kval = kroner(50000 * F_NOV_2025)
    assert [Decimal(result["annual_pay"]) for result in results[:3]] == [
        TRIN_51,
        POSTED,
        TRIN_51 + kval + kroner((TRIN_51 + kval) / 10),
    ]
    # max above a floor of 16 %: the pension at 21,59 % less the pension at 16 %, as a fritvalgstillæg
    assert Decimal(results[3]["fritvalgstillaeg"]) == kroner(TRIN_51 * Decimal("0.2159")) - kroner(
        TRIN_51 * Decimal("0.16")
    )


def test_a_heading_given_twice_in_two_languages_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "to.csv"
    path.write_text("Navn;label;Trin\nA;B;51\n", encoding="utf-8")
    code, out, err = run(runner, "batch", str(path))
    assert (code, out) == (1, "")
    assert err == "Error: to.csv: column 'label' is given twice (in any case); give each column once\n"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Navn;Trin;Kvalifikationslon", "unknown column 'kvalifikationslon'; did you mean kvalifikationsloen? known: "),
        ("Navne;Trin;Dato", "unknown column 'navne'; did you mean navn? known: label, trin, loenramme, posting, "),
        ("Navn;Trin;Bemærkning", "unknown column 'bemærkning'; known: label, trin, loenramme, posting, date, "),
    ],
)
def test_an_unknown_heading_fails_the_run_and_names_the_closest(
    runner: CliRunner, tmp_path: Path, header: str, message: str
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(f"{header}\nA;51;2025-11-01\n", encoding="utf-8")
    code, out, err = run(runner, "batch", str(path))
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: rows.csv: {message}")
    assert len(err.splitlines()) == 1


ROWS = "Navn;Trin;Dato\r\nFørst;51;01-11-2025\r\n;;\r\nSidst;99;01-11-2025\r\n"


@pytest.mark.parametrize(
    ("above", "header_line"),
    [
        ("sep=;\r\n", 2),
        ("sep=;\r\nLønberegning 2025;;\r\n\r\n", 4),
        ("Lønberegning 2025\r\n", 2),
        ("Lønberegning 2025;;\r\nUdarbejdet af HR;;\r\n;;\r\n", 4),
        ("\r\n\r\n", 3),
        ("Opslag\r\n", 2),  # a title that is a known heading: a header of one column only when no wider follows
    ],
)
def test_the_header_may_be_below_a_sep_line_a_title_and_blank_lines(
    runner: CliRunner, tmp_path: Path, above: str, header_line: int
) -> None:
    path = tmp_path / "titel.csv"
    path.write_bytes((above + ROWS).encode("cp1252"))
    code, out, err = run(runner, "batch", str(path))
    assert code == 1  # trin 99, as the file was made
    rows = rows_of(out)
    # the lines the person sees: a blank line under the first row
    assert [row["row"] for row in rows] == [str(header_line + 1), str(header_line + 3)]
    assert Decimal(rows[0]["annual_pay"]) == TRIN_51
    assert (
        err.splitlines()[0] == f"batch: titel.csv: encoding Windows-1252, separator ';', header on line {header_line}"
    )
    assert err.splitlines()[1].startswith(f"row {header_line + 3}: unknown trin '99'")


@pytest.mark.parametrize(("line", "separator"), [("sep=,", ","), ("SEP=;", ";"), ("sep=\t", "\t"), ("sep=\\t", "\t")])
def test_a_sep_line_says_the_separator(runner: CliRunner, tmp_path: Path, line: str, separator: str) -> None:
    path = tmp_path / "sep.csv"
    path.write_text(f"{line}\n" + as_csv(["label", "trin", "date"], [["A", "51", "1.11.2025"]], separator))
    code, out, err = run(runner, "batch", str(path))
    assert code == 0, err
    (row,) = rows_of(out)
    assert (row["row"], Decimal(row["annual_pay"])) == ("3", TRIN_51)


def test_a_sep_line_is_read_only_as_the_first_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    path.write_text("Titel\nsep=;\nlabel;trin;date\nA;51;1.11.2025\n", encoding="utf-8")
    code, out, err = run(runner, "batch", str(path))
    assert code == 0, err
    assert [row["row"] for row in rows_of(out)] == ["4"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # a title, then a header with a typo: the header's error, not the title's
        ("Kandidater\nNavn;Trinn;Dato\nA;51;1.11.2025\n", "unknown column 'trinn'; did you mean trin? known: "),
        # no header at all: said of the first line, as before
        ("Kandidater 2026\nA;51;1.11.2025\n", "unknown column 'kandidater 2026'; known: "),
        ("Navn;Dato\nA;1.11.2025\n", "needs a trin, loenramme or posting column"),
        ("\n\n\n", "the file is empty or has no header"),
        ("sep=;\n", "the file is empty or has no header"),
        # a header on line 11 is too far down to be found: the first line with a known heading is said
        ("Titel\n" + "x\n" * 9 + "label,trin\nA,51\n", "unknown column 'titel'; known: "),
    ],
)
def test_a_file_without_a_header_near_its_top_fails_on_the_likeliest_line(
    runner: CliRunner, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(runner, "batch", str(path))
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: rows.csv: {message}"), err
    assert len(err.splitlines()) == 1


def test_a_sheet_may_have_title_rows_above_its_header(runner: CliRunner, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kandidater"
    sheet.append(["Lønberegning for kandidater"])
    sheet.append([])
    sheet.append(["Udarbejdet af HR", None, "december 2025"])
    sheet.append(["Navn", "Trin", "Opslag", "Dato"])
    sheet.append(["Først", 51, None, "01-11-2025"])
    sheet.append(["Opslaget", None, "kontorchef-sundhed-praksis", "01-11-2025"])
    path = tmp_path / "titel.xlsx"
    book.save(path)
    code, out, err = run(runner, "batch", str(path))
    assert code == 0, err
    rows = rows_of(out)
    assert [(row["row"], Decimal(row["annual_pay"])) for row in rows] == [("5", TRIN_51), ("6", POSTED)]
    sheet.delete_rows(4)  # with the header gone, the sheet fails on its first row, as before
    book.save(path)
    code, _, err = run(runner, "batch", str(path))
    assert code == 1
    assert err.startswith("Error: titel.xlsx, sheet 'Kandidater': unknown column 'lønberegning for kandidater'; ")


def test_a_header_of_one_column_is_read_with_the_rows_below_it(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "trin.csv"
    path.write_text("Trin\n51\n\n99\n", encoding="utf-8")
    code, out, _ = run(runner, "batch", str(path), "--date", "2025-11-01")
    assert code == 1
    assert [(row["row"], row["annual_pay"]) for row in rows_of(out)] == [("2", str(TRIN_51)), ("4", "")]
    code, out, _ = run(runner, "batch", "-", "--date", "2025-11-01", stdin=path.read_bytes())
    assert [row["row"] for row in rows_of(out)] == ["2", "4"]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Trin"], [51], [None], [99]):
        sheet.append(row)
    book.save(tmp_path / "trin.xlsx")
    code, out, _ = run(runner, "batch", str(tmp_path / "trin.xlsx"), "--date", "2025-11-01")
    assert [(row["row"], row["annual_pay"]) for row in rows_of(out)] == [("2", str(TRIN_51)), ("4", "")]
