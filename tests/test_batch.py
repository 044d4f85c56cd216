"""Batch runs: every input format, bad and malformed rows, atomic output and formula-safe CSV."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from chefloen.cli.app import app

F_NOV_2025 = Decimal("1.169930")  # RLTN pay table 1.11.2025, KRL 16,9930 (reference §3)


def kroner(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), ROUND_HALF_UP)


GOOD_51 = kroner(Decimal(570591) * F_NOV_2025)
GOOD_51_KVAL = GOOD_51 + kroner(Decimal(50000) * F_NOV_2025)

CSV_TEXT = """label,trin,posting,date,kvalifikationsloen,afkoeb,pension,deltid
Trin 51,51,,2025-11-01,,,,
Med kval,51,,1.11.2025,50.000,,,
Forkert trin,99,,2025-11-01,,,,
Kontorchef,,kontorchef-sundhed-praksis,2025-11-01,,,,
Dårligt beløb,51,,2025-11-01,abc,,,
=cmd(),51,,2025-11-01,,,,
For mange felter,51,,2025-11-01,,,,,extra
"""


def run_batch(runner: CliRunner, path: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["batch", str(path), *args])
    return result.exit_code, result.stdout, result.stderr


def test_csv_batch_reports_bad_rows_and_keeps_every_good_one(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "scenarios.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    code, out, err = run_batch(runner, path)
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["row"] for row in rows] == ["2", "3", "4", "5", "6", "7", "8"]  # the file's lines; the header is 1
    assert [Decimal(rows[i]["annual_pay"]) for i in (0, 1, 3, 5)] == [GOOD_51, GOOD_51_KVAL, 792072, GOOD_51]
    assert rows[3]["pension"] == "171008"
    assert rows[2]["error"] == "unknown trin '99'; known: 49, 50, 51, 52, 53, 54, 55, 55+"
    assert rows[4]["error"].startswith("kvalifikationsløn 'abc' is not a number")
    assert rows[6]["error"] == "more fields than the header has"
    assert rows[5]["label"] == "=cmd()"  # plain CSV is for scripts: the label as written (excel-da guards it)
    assert err.splitlines() == [
        "row 4: unknown trin '99'; known: 49, 50, 51, 52, 53, 54, 55, 55+",
        "row 6: kvalifikationsløn 'abc' is not a number; write e.g. 50000, 50.000 or 50.000,50",
        "row 8: more fields than the header has",
        "Error: batch: 7 rows, 4 succeeded, 3 failed",
    ]


def test_a_failed_rows_warnings_cell_is_empty_in_every_format(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("label,trin,date\nForkert trin,99,2025-11-01\n", encoding="utf-8")
    _, plain, _ = run_batch(runner, path)
    _, danish, _ = run_batch(runner, path, "--csv-dialect", "excel-da")
    _, lines, _ = run_batch(runner, path, "-f", "jsonl")
    code, _, _ = run_batch(runner, path, "-o", str(tmp_path / "out.xlsx"))
    (row,) = csv.DictReader(io.StringIO(plain))
    (danish_row,) = csv.DictReader(io.StringIO(danish.removeprefix("\ufeff")), delimiter=";")
    header, cells = load_workbook(tmp_path / "out.xlsx")["Resultater"].iter_rows(values_only=True)
    assert (row["warnings"], danish_row["Advarsler"], json.loads(lines)["warnings"]) == ("", "", [])
    assert (code, dict(zip(header, cells, strict=True))["Advarsler"]) == (1, None)
    assert row["error"] == "unknown trin '99'; known: 49, 50, 51, 52, 53, 54, 55, 55+"
    assert danish_row["Fejl"] == "ukendt trin '99'; kendte: 49, 50, 51, 52, 53, 54, 55, 55+"


def test_all_good_rows_exit_zero_as_json_lines(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "good.jsonl"
    lines = [
        {"label": "a", "trin": "51", "date": "2025-11-01"},
        {"label": "b", "trin": 51, "date": "2025-11-01", "kvalifikationsloen": 50000},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    code, out, err = run_batch(runner, path, "--format", "jsonl")
    assert code == 0, err
    results = [json.loads(line) for line in out.splitlines()]
    assert [Decimal(r["annual_pay"]) for r in results] == [GOOD_51, GOOD_51_KVAL]
    assert [r["error"] for r in results] == [None, None]
    assert err == "batch: 2 rows, 2 succeeded, 0 failed\n"


def test_the_summary_of_one_row_says_row(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("trin,date\n51,2025-11-01\n", encoding="utf-8")
    assert run_batch(runner, path)[2] == "batch: 1 row, 1 succeeded, 0 failed\n"
    path.write_text("trin,date\n99,2025-11-01\n", encoding="utf-8")
    assert run_batch(runner, path)[2].splitlines()[-1] == "Error: batch: 1 row, 0 succeeded, 1 failed"


def test_jsonl_with_a_malformed_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"trin": "51", "date": "2025-11-01"}\n{not json\n[1, 2]\n', encoding="utf-8")
    code, out, _ = run_batch(runner, path, "-f", "jsonl")
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert Decimal(results[0]["annual_pay"]) == GOOD_51
    assert results[1]["error"].startswith("not valid JSON")
    assert results[2]["error"] == "each scenario must be an object of named fields"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "s.json",
            '[{"label": "a", "trin": "51", "date": "2025-11-01"},'
            ' {"label": "b", "posting": "nope", "date": "2025-11-01"}]',
        ),
        (
            "s.toml",
            '[[scenario]]\nlabel = "a"\ntrin = "51"\ndate = 2025-11-01\n\n'
            '[[scenario]]\nlabel = "b"\nposting = "nope"\ndate = 2025-11-01\n',
        ),
    ],
)
def test_json_and_toml_files(runner: CliRunner, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, _ = run_batch(runner, path)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1
    assert Decimal(rows[0]["annual_pay"]) == GOOD_51
    assert rows[1]["error"].startswith("unknown posting 'nope'")


@pytest.mark.parametrize(
    ("name", "content", "expected_code", "message"),
    [
        (
            "bad.csv",
            "label,trin,date,kvalifikationslon\n",
            1,
            "Error: bad.csv: unknown column 'kvalifikationslon'; did you mean kvalifikationsloen? known: ",
        ),
        ("empty.csv", "", 1, "Error: empty.csv: the file is empty or has no header"),
        (
            "nosubject.csv",
            "label,date\nx,2025-11-01\n",
            1,
            "Error: nosubject.csv: needs a trin, loenramme or posting column",
        ),
        ("data.xls", "x", 2, "Error: data.xls: use a .csv, .xlsx, .jsonl, .json or .toml file"),
        ("broken.json", "[{", 1, "Error: broken.json: cannot be read: "),
        (
            "long.csv",
            "trin,date," + "x" * 140_000 + "\n51,2025-11-01,\n",
            1,
            "Error: long.csv: the header (line 1) cannot be read: a field is longer than 131.072 characters",
        ),
        (
            "zeros.csv",
            "\0" * 10_000,
            1,
            "Error: zeros.csv: not a batch file: it starts with NUL bytes and nothing else",
        ),
        (
            "twice.csv",
            "label,kvalifikationsloen,Kvalifikationsloen,trin,date\nx,1,2,51,2025-11-01\n",
            1,
            "Error: twice.csv: column 'kvalifikationsloen' is given twice (in any case); give each column once",
        ),
        ("trin.csv", "trin,date,Trin\n51,2025-11-01,52\n", 1, "Error: trin.csv: column 'trin' is given twice"),
        (
            "ramme.csv",
            "lønramme,date,loenramme\n37,2025-11-01,38\n",
            1,
            "Error: ramme.csv: column 'loenramme' is given",
        ),
    ],
)
def test_file_level_errors_are_one_line(
    runner: CliRunner, tmp_path: Path, name: str, content: str, expected_code: int, message: str
) -> None:
    """A file the command line names with a wrong kind is a usage error (2); one whose content is bad, 1."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = run_batch(runner, path)
    assert (code, out) == (expected_code, "")
    assert err.startswith(message)
    assert len(err.splitlines()) == 1


def test_a_file_that_is_not_utf8_is_read_as_windows_1252_and_says_so(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("label,trin,date\nGodt,51,2025-11-01\nS\xf8ren,51,2025-11-01\n".encode("cp1252"))
    code, out, err = run_batch(runner, path)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0, err
    assert [row["label"] for row in rows] == ["Godt", "Søren"]
    assert err.splitlines()[0] == "batch: latin1.csv: encoding Windows-1252"


def test_a_byte_windows_1252_does_not_have_is_a_row_error(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(b"label,trin,date\nGodt,51,2025-11-01\nS\x81ren,51,2025-11-01\n")
    code, out, _ = run_batch(runner, path)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1
    assert Decimal(rows[0]["annual_pay"]) == GOOD_51
    assert rows[1]["error"] == "not valid Windows-1252"


def test_output_file_is_written_whole(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("label,trin,date\na,51,2025-11-01\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    code, out, _ = run_batch(runner, source, "--output", str(target))
    assert (code, out) == (0, "")
    (row,) = csv.DictReader(io.StringIO(target.read_text(encoding="utf-8")))
    assert Decimal(row["annual_pay"]) == GOOD_51
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_an_interrupted_run_leaves_no_file(tmp_path: Path) -> None:
    from chefloen.files import atomic_output

    target = tmp_path / "out.csv"

    def interrupted() -> None:
        with atomic_output(target) as stream:
            stream.write("half a row")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("label,trin,date\na,51,2025-11-01\n", encoding="utf-8")
    code, _, err = run_batch(runner, source, "--output", str(tmp_path / "missing" / "out.csv"))
    assert code == 1
    assert err.startswith("Error: cannot write ")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_batch_never_writes_over_its_own_input(runner: CliRunner, tmp_path: Path, kind: str) -> None:
    from openpyxl import Workbook

    source = tmp_path / f"k.{kind}"
    if kind == "csv":
        source.write_text("trin,date\n51,2025-11-01\n", encoding="utf-8")
    else:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["trin", "date"])
        sheet.append([51, "2025-11-01"])
        book.save(source)
    before = source.read_bytes(), source.stat().st_ino
    (tmp_path / f"link.{kind}").symlink_to(source)
    (tmp_path / f"hard.{kind}").hardlink_to(source)
    for output in (source, tmp_path / ".." / tmp_path.name / source.name, tmp_path / f"link.{kind}",
                   tmp_path / f"hard.{kind}"):  # fmt: skip
        for named in (source, tmp_path / f"link.{kind}"):
            code, out, err = run_batch(runner, named, "-o", str(output))
            assert (code, out) == (2, "")
            assert err == f"Error: {output}: it is the batch file itself; write the results to another file\n"
            assert (source.read_bytes(), source.stat().st_ino) == before
    assert run_batch(runner, source, "-o", str(tmp_path / f"results.{kind}"))[0] == 0
    assert run_batch(runner, source, "-o", "-", "-f", "json")[0] == 0
    assert run_batch(runner, source, "-o", os.devnull)[0] == 0
    assert (source.read_bytes(), source.stat().st_ino) == before


def test_a_message_quotes_a_file_only_in_a_short_escaped_fragment(runner: CliRunner, tmp_path: Path) -> None:
    key = "-----BEGIN OPENSSH PRIVATE KEY-----b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"
    (tmp_path / "id_ed25519").write_text(f"{key}\nQyNTUxOQAAACB\n", encoding="utf-8")
    (tmp_path / "rows.csv").symlink_to(tmp_path / "id_ed25519")
    code, out, err = run_batch(runner, tmp_path / "rows.csv")
    assert (code, out) == (1, "")
    assert err.startswith("Error: rows.csv: unknown column '-----begin openssh private key-----b3blb'…; ")
    assert key[40:].casefold() not in err.casefold()
    cells = tmp_path / "cells.csv"
    cells.write_text("trin,date\n51,\x1b[2J" + "9" * 1000 + "\n", encoding="utf-8")
    code, _, err = run_batch(runner, cells)
    assert code == 1
    quoted = repr("\x1b[2J" + "9" * 16).replace("\x1b", "\\x1b")  # 20 characters, the escape shown, not sent
    assert err.splitlines()[0] == f"row 2: date {quoted}… is too long; at most 40 characters"
    named = tmp_path / "a\x1b]0;title\x07.csv"
    named.write_text("trin;date\n51;2025-11-01\n", encoding="utf-8")
    code, _, err = run_batch(runner, named)
    assert (code, err.splitlines()[0]) == (0, "batch: a\\x1b]0;title\\x07.csv: separator ';'")


CHEFLOEN = [sys.executable, "-m", "chefloen"]


def test_standard_input_closed_or_endless_is_one_line() -> None:
    closed = subprocess.run([*CHEFLOEN, "batch", "-"], capture_output=True, text=True, timeout=60,
                            preexec_fn=lambda: os.close(0))  # fmt: skip
    message = "Error: standard input is closed; give the batch file's name, or pipe the rows to batch -\n"
    assert (closed.returncode, closed.stdout, closed.stderr) == (2, "", message)
    with open("/dev/zero", "rb") as zeros:  # it never ends: before, the batch read it until the disk was full
        endless = subprocess.run([*CHEFLOEN, "batch", "-"], stdin=zeros, capture_output=True, text=True, timeout=60)
    message = "Error: standard input: not a batch file: it starts with NUL bytes and nothing else\n"
    assert (endless.returncode, endless.stdout, endless.stderr) == (1, "", message)


def test_what_a_batch_reads_is_bounded(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from chefloen import batch_input

    monkeypatch.setattr(batch_input, "INPUT_LIMIT", 100_000)
    rows = "trin,date\n" + "51,2025-11-01\n" * 10_000  # 140.010 bytes
    piped = runner.invoke(app, ["batch", "-"], input=rows.encode())
    message = "Error: standard input: goes on past 100.000 bytes, the most a batch may be\n"
    assert (piped.exit_code, piped.stdout, piped.stderr) == (1, "", message)
    path = tmp_path / "rows.csv"
    path.write_text(rows, encoding="utf-8")
    code, out, err = run_batch(runner, path)
    assert (code, out, err) == (1, "", "Error: rows.csv: 140.010 bytes; a batch may be at most 100.000 bytes\n")
    monkeypatch.setattr(batch_input, "INPUT_LIMIT", 140_010)
    assert run_batch(runner, path)[0] == 0


def test_a_key_given_twice_in_json_lines_is_that_rows_error(runner: CliRunner, tmp_path: Path) -> None:
    """json.loads keeps the last of two keys and says nothing: the row would be priced at trin 52."""
    path = tmp_path / "twice.jsonl"
    path.write_text(
        '{"trin": "51", "trin": "52", "date": "2025-11-01"}\n{"Trin": "51", "trin": "52", "date": "2025-11-01"}\n'
        '{"trin": "51", "date": "2025-11-01"}\n',
        encoding="utf-8",
    )
    code, out, err = run_batch(runner, path, "-f", "jsonl")
    assert code == 1
    assert [Decimal(json.loads(line)["annual_pay"] or 0) for line in out.splitlines()] == [0, 0, GOOD_51]
    assert err.splitlines() == [
        "row 1: field 'trin' is given twice; give each field once",
        "row 2: field 'trin' is given twice (in any case); give each field once",
        "Error: batch: 3 rows, 1 succeeded, 2 failed",
    ]


@pytest.mark.parametrize("kind", ["json", "toml"])
def test_80000_json_or_toml_rows_are_numbered_in_linear_time(tmp_path: Path, kind: str) -> None:
    from chefloen import batch_input

    path = tmp_path / f"many.{kind}"
    if kind == "json":
        path.write_text("[\n" + ",\n".join(['  {"trin": "51", "date": "2025-11-01"}'] * 80_000) + "\n]\n")
        expected = list(range(2, 80_002))  # the line each object starts on
    else:
        path.write_text('[[scenario]]\ntrin = "51"\ndate = 2025-11-01\n\n' * 80_000)
        expected = list(range(1, 320_000, 4))  # the line of each [[scenario]]
    started = time.perf_counter()
    with batch_input.open_rows(path) as opened:
        numbers = [number for number, _ in opened.rows]
    # About a second; counting each row's line from the start of the file took 33-52 s.
    assert time.perf_counter() - started < 10
    assert numbers == expected


def test_a_scenario_header_inside_a_toml_string_or_comment_starts_no_row(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "rows.toml"
    path.write_text(
        '[[scenario]]\nlabel = """Note:\n[[scenario]]\n"""\ntrin = "51"\ndate = 2025-11-01\n\n'
        "[[scenario]]\nlabel = '''\n[[scenario]]'''\ntrin = \"99\"\ndate = 2025-11-01\n\n"
        '# [[scenario]] in a comment\n[[scenario]]\ntrin = "99"\ndate = 2025-11-01\n',
        encoding="utf-8",
    )
    code, out, err = run_batch(runner, path)
    assert code == 1
    assert [row["row"] for row in csv.DictReader(io.StringIO(out))] == ["1", "8", "15"]
    assert err.splitlines()[:2] == [f"row {number}: unknown trin '99'; known: 49, 50, 51, 52, 53, 54, 55, 55+"
                                    for number in (8, 15)]  # fmt: skip
