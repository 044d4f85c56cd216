"""Batch files with rows of shapes the parsers never expected: any Unicode, lone surrogates, numbers of thousands
of digits, nesting a thousand deep, fields over the csv module's limit, quotes left open, NUL bytes. Each bad row
is that row's error; every good row before and after it is still computed."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chefloen.batch_rows import INTERNAL_ERROR
from chefloen.cli.app import app
from tests.helpers import TRIED

GOOD_CSV = "51,2025-11-01,god"
GOOD_JSON = '{"trin": "51", "date": "2025-11-01", "label": "god"}'
LIMIT = csv.field_size_limit()

# Whole lines, as a program or a person might have left them in a file.
hostile_csv_lines = st.one_of(
    # A quote opening a field takes the lines after it into the row (test_a_quote_left_open_… covers that).
    st.text(max_size=30).map(
        lambda text: f"51,2025-11-01,{text}".replace("\n", " ").replace("\r", " ").replace('"', "'")
    ),
    st.text(max_size=30).filter(lambda text: "\n" not in text and "\r" not in text and '"' not in text),
    st.sampled_from(
        [
            f"51,2025-11-01,{'x' * (LIMIT + 1)}",  # one field over the limit
            f"51,2025-11-01,{'9' * 5000}",
            f"51,{'9' * 5000},x",
            "51,2025-11-01,\x00",
            "51\x00,2025-11-01,x",
            "\ufeff51,2025-11-01,x",
            "51,2025-11-01,x,extra",
            "51,2025-11-01,\u202etxt.exe",
            "51,2025-11-01,\x1b]0;title\x07\x1b[2J",
            f"51,2025-11-01,{'é' * 10_000}",
        ]
    ),
)
hostile_json_lines = st.one_of(
    st.text(max_size=30).filter(lambda text: "\n" not in text and "\r" not in text),
    st.text(max_size=30).map(lambda text: json.dumps({"trin": "51", "date": "2025-11-01", "label": text})),
    st.sampled_from(
        [
            '{"trin": "51", "date": "2025-11-01", "label": "\\ud800"}',
            '{"trin": "51", "date": "2025-11-01", "\\udfff": "x"}',
            '{"trin": "51", "date": "2025-11-01", "kvalifikationsloen": ' + "9" * 5000 + "}",
            '{"trin": "51", "date": "2025-11-01", "kvalifikationsloen": 1e999999}',
            '{"trin": "51", "date": "2025-11-01", "kvalifikationsloen": 123456789012345678901234567}',
            '{"trin": "51", "date": "2025-11-01", "kvalifikationsloen": 0.000000000000000000000000001}',
            "[" * 100_000 + "]" * 100_000,
            '{"a": ' * 10_000 + "1" + "}" * 10_000,
            '{"trin": "51", "date": "2025-11-01", "label": "' + "x" * 1_000_000 + '"}',
            "\x00",
        ]
    ),
)


def run_batch(name: str, content: bytes) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(content)
        result = CliRunner().invoke(app, ["batch", str(path), "--format", "jsonl"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1)
    return result.exit_code, result.stdout, result.stderr


def good_results(stdout: str) -> list[dict[str, object]]:
    produced = [json.loads(line) for line in stdout.splitlines()]
    assert not any(INTERNAL_ERROR in str(row["error"]) for row in produced)
    return [row for row in produced if row["label"] == "god" and row["error"] is None]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    bad=st.lists(hostile_csv_lines, max_size=4),
    goods=st.integers(1, 3),
    encoding=st.sampled_from(["utf-8", "utf-8-sig"]),
)
def test_csv_rows_of_any_shape_never_cost_a_good_row(bad: list[str], goods: int, encoding: str) -> None:
    TRIED["hostile csv rows"] = TRIED.get("hostile csv rows", 0) + len(bad)
    lines = ["trin,date,label", GOOD_CSV, *bad, *[GOOD_CSV] * goods]
    code, stdout, stderr = run_batch("rows.csv", "\n".join(lines).encode(encoding, errors="surrogatepass") + b"\n")
    assert len(good_results(stdout)) >= goods + 1
    assert code == (1 if any(json.loads(line)["error"] for line in stdout.splitlines()) else 0)
    assert stderr.splitlines()[-1].startswith(("batch: ", "Error: batch: "))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(bad=st.lists(hostile_json_lines, max_size=4), goods=st.integers(1, 3))
def test_json_lines_of_any_shape_never_cost_a_good_row(bad: list[str], goods: int) -> None:
    TRIED["hostile json lines"] = TRIED.get("hostile json lines", 0) + len(bad)
    lines = [GOOD_JSON, *bad, *[GOOD_JSON] * goods]
    code, stdout, stderr = run_batch("rows.jsonl", "\n".join(lines).encode("utf-8", errors="surrogatepass"))
    assert len(good_results(stdout)) == goods + 1
    assert code == (1 if any(json.loads(line)["error"] for line in stdout.splitlines()) else 0)
    assert stderr.splitlines()[-1].startswith(("batch: ", "Error: batch: "))


def test_a_quote_left_open_is_reported_not_swallowed() -> None:
    small = 'trin,date,label\n51,2025-11-01,"open\n51,2025-11-01,a\n51,2025-11-01,b\n'
    code, stdout, stderr = run_batch("small.csv", small.encode())
    assert code == 1
    assert "row 2: lines 2-4 are read as one row: is a quote left open?" in stderr
    large = 'trin,date,label\n51,2025-11-01,"open\n' + f"{GOOD_CSV}\n" * 20_000
    code, stdout, stderr = run_batch("large.csv", large.encode())
    assert code == 1
    assert stderr.startswith(f"row 2: line 2: a field is longer than {LIMIT:,} characters".replace(",", "."))
    assert len(good_results(stdout)) > 10_000  # the rows after the limit are read again


DEEP = "[" * 100_000 + "]" * 100_000


BAD_JSON = (
    b'[\n  {"trin": "51", "date": "2025-11-01", "label": "god"},\n'
    b'  {"trin": "51", "date": "2025-11-01", "kvalifikationsloen": ' + b"9" * 5000 + b"},\n"
    b'  {"trin": "51", "date": "2025-11-01", "label": ' + DEEP.encode() + b"},\n"
    b'  {"trin": "51", "date": "2025-11-01", "label": "S\xf8ren"},\n'
    b'  {"trin": "51", "trin": "52", "date": "2025-11-01"},\n'
    b'  {"trin": "51", "date": "2025-11-01", "label": "god"}\n]\n'
)


BAD_TOML = (
    b'[[scenario]]\ntrin = "51"\ndate = 2025-11-01\nlabel = "god"\n\n'
    b"[[scenario]]\ntrin = 9" + b"9" * 5000 + b"\ndate = 2025-11-01\n\n"
    b'[[scenario]]\ntrin = "51"\ndate = 2025-11-01\nlabel = ' + DEEP.encode() + b"\n\n"
    b'[[scenario]]\ntrin = "51"\ndate = 2025-11-01\nlabel = "S\xf8ren"\n\n'
    b'[[scenario]]\ntrin = "51"\ntrin = "52"\ndate = 2025-11-01\n\n'
    b'[[scenario]]\ntrin = "51"\ndate = 2025-11-01\nlabel = "god"\n'
)


def test_one_bad_scenario_of_a_json_or_toml_file_is_that_rows_error() -> None:
    code, stdout, stderr = run_batch("rows.json", BAD_JSON)
    assert (code, len(good_results(stdout))) == (1, 2)
    assert stderr.splitlines() == [
        "row 3: not valid JSON: a number of thousands of digits",
        "row 4: not valid JSON: nested too deeply",
        "row 5: not valid UTF-8",
        "row 6: field 'trin' is given twice; give each field once",
        "Error: batch: 6 rows, 2 succeeded, 4 failed",
    ]
    code, stdout, stderr = run_batch("rows.toml", BAD_TOML)
    assert (code, len(good_results(stdout))) == (1, 2)
    assert stderr.splitlines() == [
        "row 6: not valid TOML: a number of thousands of digits",
        "row 10: not valid TOML: nested too deeply",
        "row 15: not valid UTF-8",
        "row 20: not valid TOML: Cannot overwrite a value (at line 22, column 12)",  # the file's line
        "Error: batch: 6 rows, 2 succeeded, 4 failed",
    ]


def test_a_json_file_cut_short_fails_saying_where_and_a_toml_file_keeps_its_whole_scenarios() -> None:
    cut = f"[\n  {GOOD_JSON},\n  {GOOD_JSON[:30]}"
    code, stdout, stderr = run_batch("cut.json", cut.encode())
    assert (code, stdout) == (1, "")
    assert stderr.endswith(
        ": cannot be read: what starts here is never closed; is the file cut short? (line 3, column 3)\n"
    )
    assert len(stderr.splitlines()) == 1
    scenario = '[[scenario]]\ntrin = "51"\ndate = 2025-11-01\nlabel = "god"\n\n'
    code, stdout, stderr = run_batch("cut.toml", (scenario * 2 + scenario[: scenario.index("god") + 2]).encode())
    assert (code, len(good_results(stdout))) == (1, 2)
    assert stderr.splitlines()[0] == "row 11: not valid TOML: Unterminated string (at end of document)"
