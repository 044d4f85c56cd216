"""The CSV loop (chefloen.batch_loop) writes what the batch's other path writes, byte for byte, and every column of
every row read back the same: on generated files of good and hostile rows, on the shapes a file may come in
(separators, encodings, quotes, line breaks, guarded cells, a results file read back, short and long rows), on
files that repeat their rows and files that do not, and through the CLI. It must also take the rows it can, or
the comparison would be of the other path with itself."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chefloen import batch_input
from chefloen.batch_loop import CsvLoop, csv_cell
from chefloen.batch_rows import Pricing
from chefloen.cli.app import app
from chefloen.columns import RESULT_COLUMNS
from chefloen.memo import KEEP
from chefloen.model import Scales
from chefloen.render.files import batch_writer
from tests.helpers import TRIED
from tests.test_batch_paths import GOOD, SEEDS, VALUES, columns_of, generate

TODAY = dt.date(2026, 12, 2)


def by_fallback(path: Path, scales: Scales, default_date: dt.date | None) -> str:
    """The results as every other kind of file gets them: each row priced by Pricing and written by the writer."""
    stream = io.StringIO()
    pricing = Pricing(scales, default_date, TODAY)
    with batch_input.open_rows(path) as opened, batch_writer("csv", stream) as write:
        for number, row in opened.rows:
            write(pricing.row(number, row))
    return stream.getvalue()


def by_loop(path: Path, scales: Scales, default_date: dt.date | None) -> tuple[str, int]:
    """The results as the CSV loop writes them, and how many rows it wrote itself."""
    stream = io.StringIO()
    with batch_input.open_rows(path) as opened, batch_writer("csv", stream) as write:
        assert opened.table is not None
        loop = CsvLoop(opened.table, scales, Pricing(scales, default_date, TODAY))
        for row in loop.results(stream.write):
            write(row)
    return stream.getvalue(), loop.written


def same(path: Path, scales: Scales, default_date: dt.date | None = None) -> int:
    """Assert that both ways give the same file, column by column first (to name one that differs), and count the
    rows the loop wrote itself."""
    expected = by_fallback(path, scales, default_date)
    got, written = by_loop(path, scales, default_date)
    expected_rows = list(csv.reader(io.StringIO(expected)))
    got_rows = list(csv.reader(io.StringIO(got)))
    assert len(got_rows) == len(expected_rows)
    assert expected_rows[0] == list(RESULT_COLUMNS)
    for want, have in zip(expected_rows, got_rows, strict=True):
        for column, a, b in zip(RESULT_COLUMNS, want, have, strict=True):
            assert a == b, (want[0], column)
    assert got == expected
    TRIED["batch rows by the csv loop and the other path"] = (
        TRIED.get("batch rows by the csv loop and the other path", 0) + len(got_rows) - 1
    )
    return written


@pytest.mark.parametrize("seed", SEEDS)
def test_the_loop_writes_what_the_other_path_writes_on_generated_files(
    tmp_path: Path, scales: Scales, seed: int
) -> None:
    path = tmp_path / "rows.csv"
    generate(path, 600, seed, columns_of(seed))
    written = same(path, scales)
    assert written >= 30, written  # the loop takes the rows it can: this compares two paths, not one with itself


@pytest.mark.parametrize("seed", range(100, 106))
def test_the_loop_takes_every_column_the_batch_knows(tmp_path: Path, scales: Scales, seed: int) -> None:
    # Every column at once, good values only, with a date left out now and then (the default date stands in).
    chooser = random.Random(seed)
    columns = list(VALUES)
    path = tmp_path / "all.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for _ in range(300):
            row = {name: chooser.choice(VALUES[name][: GOOD[name]]) for name in columns}
            if row["trin"] and row["posting"]:
                row["posting"] = ""
            if chooser.random() < 0.5:
                row["tillaeg"] = row["fritvalg"] = row["fritvalg_gulv"] = ""
            writer.writerow([row[name] for name in columns])
    assert same(path, scales, dt.date(2025, 11, 1)) > 30


def test_repeated_rows_and_rows_that_never_repeat(tmp_path: Path, scales: Scales) -> None:
    # More rows than the loop keeps, of both kinds: the kept lines must be those of their own rows.
    chooser = random.Random(7)
    path = tmp_path / "many.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["label", "trin", "date", "kvalifikationsloen", "afkoeb", "deltid"])
        for number in range(KEEP + 3000):
            repeat = number < KEEP or number % 3 == 0
            kval = str(chooser.randint(0, 5) * 1000) if repeat else str(chooser.randint(0, 10**6))
            writer.writerow([f"r{number}", chooser.choice(["49", "51", "55"]), chooser.choice(
                ["2025-11-01", "2024-04-01", f"2023-{chooser.randint(1, 12):02}-{chooser.randint(1, 28):02}"]),
                kval, chooser.choice(["", "10%", "3t", "2000"]), chooser.choice(["", "0.8", "30t"])])  # fmt: skip
    assert same(path, scales) == KEEP + 3000


# The shapes a CSV file comes in, each as bytes: the loop must read and write them as the other path does.
SHAPES: dict[str, bytes] = {
    "semicolons and Windows-1252": "Navn;Trin;Dato;Kvalifikationsløn\r\nSøren;51;1.4.2026;50.000\r\n".encode("cp1252"),
    "a BOM and CRLF": "\ufefflabel,trin,date\r\nA,51,2025-11-01\r\n".encode(),
    "UTF-16": "label\ttrin\tdate\nA\t51\t2025-11-01\n".encode("utf-16"),
    "quotes, commas and line breaks": (
        b'label,trin,date,afkoeb,pensionsgruppe\n"Chef, ""ny""",51,2025-11-01,"10%",chef\n'
        b'"to\nlinjer",51,2025-11-01,,\n"A",51,2025-11-01,"2.000",\n'
    ),
    "a given field with a comma": b'label,trin,date,kvalifikationsloen\nA,51,2025-11-01,"25000,50"\n',
    "guarded cells": b"label,trin,date\n'=SUM(1),51,2025-11-01\n'-5,51,2025-11-01\n",
    "short and long rows": b"label,trin,date,deltid\nA,51,2025-11-01\nB,51,2025-11-01,0.8,x\nC,51,2025-11-01,,,\n",
    "blank rows and a title": b"Scenarier\n\nlabel,trin,date\n\nA,51,2025-11-01\n,,\nB,49,\n",
    "kroner and the 2000 level": b"trin,date,kvalifikationsloen,funktionsloen\n51,2025-11-01,40.000 kr.,106.000@2000\n",
    "i dag and no date": b"trin,posting,date\n51,,i dag\n,kontorchef-sundhed-praksis,\n49,,\n",
    "blanks around fields": b"label,trin,date,afkoeb\n  A  , 51 , 2025-11-01 , 10 % \n",
    "hostile": (
        "label,trin,posting,date,afkoeb,deltid,pension,pensionsgruppe\n"
        "\x1b[31mrød,51,x,2025-11-01,,,,\n,fem,,2025-11-01,,,,\n,51,,31.2.2025,,,,\n,51,,1990-01-01,,,,\n"
        ",51,,2025-11-01,100%,,,\n,51,,2025-11-01,37t,,,\n,51,,2025-11-01,,40t,,\n,51,,2025-11-01,,,100,\n"
        ",51,,2025-11-01,,,,ingen\n,51,,2025-11-01,-1,,,\n,51,,2025-11-01," + "9" * 60 + ",,,\n"
        ',51,,2025-11-01,,,,\n"open quote,51\n'
    ).encode(),
    "Latin-1 bytes in a UTF-8 file": b"label,trin,date\nA\xf8,51,2025-11-01\nB,51,2025-11-01\n",
    "NUL bytes in a field": b"label,trin,date\nA\x00B,51,2025-11-01\n",
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_the_loop_reads_every_shape_of_file_as_the_other_path(tmp_path: Path, scales: Scales, name: str) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(SHAPES[name])
    same(path, scales, dt.date(2025, 11, 1))


def test_a_results_file_read_back(tmp_path: Path, scales: Scales) -> None:
    # Its computed columns are read past; what it gave is read again, and priced the same.
    source = tmp_path / "rows.csv"
    generate(source, 200, 3, columns_of(3))
    results = tmp_path / "results.csv"
    results.write_text(by_fallback(source, scales, None), encoding="utf-8")
    assert same(results, scales) > 10


def test_the_cli_writes_through_the_loop_what_the_other_path_writes(
    tmp_path: Path, scales: Scales, runner: CliRunner
) -> None:
    path = tmp_path / "rows.csv"
    generate(path, 300, 4, columns_of(4))
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(path), "-o", str(out), "--date", "2025-11-01"])
    expected = by_fallback(path, scales, dt.date(2025, 11, 1))
    assert out.read_text(encoding="utf-8") == expected
    failed = sum(1 for row in csv.DictReader(io.StringIO(expected)) if row["error"])
    assert f"batch: 300 rows, {300 - failed} succeeded, {failed} failed" in result.stderr


def test_csv_cell_quotes_as_csv_does() -> None:
    texts = ["", "a", "a,b", 'a"b', "a\nb", "a\rb", " a ", "'=1", "ø", "\x00", "a;b", "\t"]
    for text in texts:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow([text, "x"])
        assert f"{csv_cell(text)},x\n" == out.getvalue(), text
