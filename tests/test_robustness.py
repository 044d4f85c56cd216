"""Generated input, typed the many ways people type it: every case ends in a result or in one error line with
exit 1 or 2, never a traceback, and a batch never drops a good row."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from chefloen.cli.app import app
from chefloen.loading.paths import FILES
from tests.helpers import SCALES_DIR, TRIED

NOTATIONS = ["50.000", "50000,50", "50,000.50", "-3", "1e9", "abc", "", " ", "50,000", "1.5", "0", "007",
             "99999999999999999999999999999", "1.000.000.000,01", "∞", "NaN", "50 000", "50000 kr.", "٣"]  # fmt: skip
amounts = st.one_of(st.sampled_from(NOTATIONS), st.text(max_size=12), st.integers(-10, 10**12).map(str))
percents = st.one_of(st.sampled_from(["10%", "10,5 %", "99.99", "100", "-1%", "%", "1e2%"]), st.text(max_size=6))
hours = st.one_of(st.sampled_from(["5t", "7,5t", "37t", "38t", "0t", "169t", "t"]), st.text(max_size=5))
dates = st.one_of(
    st.dates().map(str),
    st.dates().map(lambda day: f"{day.day}.{day.month}.{day.year}"),
    st.sampled_from(["2025-02-30", "31.2.2025", "2018-03-30", "9999-12-31", "today", ""]),
)
trin = st.one_of(st.sampled_from(["49", "51", "55+", "56", "0", "-1", "x"]), st.text(max_size=4))
postings = st.one_of(
    st.sampled_from(["kontorchef-sundhed-praksis", "direktoer-regionssekretariatet"]), st.text(max_size=8)
)


def check(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    TRIED["CLI invocations"] = TRIED.get("CLI invocations", 0) + 1
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2), args
    if result.exit_code:
        assert result.stderr.startswith("Error: "), (args, result.stderr)
        assert result.stderr.count("\n") == 1, (args, result.stderr)


@settings(max_examples=300, deadline=None)
@given(
    trin=trin, date=dates, kval=amounts, afkoeb=st.one_of(amounts, percents, hours), pension=percents,
    deltid=st.one_of(hours, st.sampled_from(["0.8", "0,5", "1", "1.5", "0"])), fmt=st.sampled_from(["json", "csv"]),
)  # fmt: skip
def test_quote_never_crashes(trin: str, date: str, kval: str, afkoeb: str, pension: str, deltid: str, fmt: str) -> None:
    check(["quote", "--trin", trin, "--date", date, "--kvalifikationsloen", kval, "--afkoeb", afkoeb,
           "--pension", pension, "--deltid", deltid, "--format", fmt])  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(posting=postings, date=dates, amount=amounts, assume=st.text(max_size=16), target=amounts)
def test_other_commands_never_crash(posting: str, date: str, amount: str, assume: str, target: str) -> None:
    check(["posting", posting, "--date", date, "--tillaeg", f"X={amount}", "-f", "json"])
    check(["convert", amount, "--date", date, "--to", "grundbeloeb", "-f", "json"])
    check(["quote", "--trin", "51", "--date", date, "--assume", assume, "-f", "json"])
    check(["solve", "--trin", "51", "--date", date, "--target-pay", target, "-f", "json"])
    check(["net", "--gross", amount, "--kommune", posting, "-f", "json"])
    check(["earnings", "--trin", "51", "--from", date, "--to", "2025-12-31", "-f", "json"])


GOOD = {"label": "god", "trin": "51", "date": "2025-11-01"}
cells = st.one_of(amounts, dates, st.text(max_size=10), st.sampled_from(["51", "55+", "10%", "5t"]))
COLUMN_NAMES = ["kvalifikationsloen", "afkoeb", "pension", "deltid", "funktionsloen", "trin", "date"]
columns = st.sampled_from(COLUMN_NAMES)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bad_rows=st.lists(st.dictionaries(columns, cells, max_size=5), max_size=6),
    good_positions=st.sets(st.integers(0, 8), min_size=1, max_size=4),
    extra_column=st.booleans(),
    garbage=st.binary(max_size=20),
)
def test_batch_never_drops_a_good_row(
    bad_rows: list[dict[str, str]], good_positions: set[int], extra_column: bool, garbage: bytes
) -> None:
    TRIED["batch files"] = TRIED.get("batch files", 0) + 1
    header = ["label", "trin", "posting", "date", "kvalifikationsloen", "afkoeb", "pension", "deltid", "funktionsloen"]
    rows: list[dict[str, str]] = [dict(row) for row in bad_rows]
    for position in sorted(good_positions):
        rows.insert(min(position, len(rows)), dict(GOOD))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header + (["wrong"] if extra_column else []), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    content = buffer.getvalue().encode("utf-8") + garbage
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "rows.csv"
        path.write_bytes(content)
        result = CliRunner().invoke(app, ["batch", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    if extra_column:  # a file-level problem: one line, nothing half-done
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr.startswith("Error: rows.csv: unknown column 'wrong'")
        return
    produced = list(csv.DictReader(io.StringIO(result.stdout)))
    good = [row for row in produced if row["label"] == "god" and not row["error"]]
    assert len(good) >= len(good_positions)
    assert all(row["annual_pay"] == "667552" for row in good)
    assert result.stderr.splitlines()[-1].startswith(("batch: ", "Error: batch: "))
    assert result.exit_code == (1 if any(row["error"] for row in produced) else 0)


OPTIONAL = ["posting", "kvalifikationsloen", "afkoeb", "pension", "deltid", "funktionsloen"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bad_rows=st.lists(st.dictionaries(columns, cells, max_size=5), max_size=5),
    good_positions=st.sets(st.integers(0, 6), min_size=1, max_size=3),
    dropped=st.sets(st.sampled_from(OPTIONAL)),
    date_column=st.booleans(),
    latin1_rows=st.sets(st.integers(0, 8)),
)
def test_batch_with_missing_columns_and_mixed_encodings(
    bad_rows: list[dict[str, str]],
    good_positions: set[int],
    dropped: set[str],
    date_column: bool,
    latin1_rows: set[int],
) -> None:
    """Columns left out of the header, and rows saved by another program in Latin-1: still no good row lost."""
    TRIED["batch files"] = TRIED.get("batch files", 0) + 1
    header = ["label", "trin", *(["date"] if date_column else []), *(name for name in OPTIONAL if name not in dropped)]
    rows = [{key: value for key, value in row.items() if key in header} for row in bad_rows]
    good = {"label": "god", "trin": "51", **({"date": "1.11.2025"} if date_column else {})}
    for position in sorted(good_positions):
        rows.insert(min(position, len(rows)), dict(good))
    lines = []
    for number, row in enumerate(rows):
        buffer = io.StringIO()
        csv.DictWriter(buffer, fieldnames=header, lineterminator="\n").writerow(row)
        # A bad row may come from a program that saved it in Latin-1; a good row is always UTF-8.
        encoding = "latin-1" if number in latin1_rows and row != good else "utf-8"
        lines.append(buffer.getvalue().encode(encoding, errors="replace"))
    content = (",".join(header) + "\n").encode() + b"".join(lines)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "rows.csv"
        path.write_bytes(content)
        result = CliRunner().invoke(app, ["batch", str(path), *([] if date_column else ["--date", "2025-11-01"])])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    produced = list(csv.DictReader(io.StringIO(result.stdout)))
    good_results = [row for row in produced if row["label"] == "god" and not row["error"]]
    assert len(good_results) >= len(good_positions)
    assert all(row["annual_pay"] == "667552" for row in good_results)
    assert result.exit_code == (1 if any(row["error"] for row in produced) else 0)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
json_rows = st.one_of(
    st.dictionaries(st.sampled_from([*COLUMN_NAMES, "label", "wrong"]), json_values, max_size=5),
    json_values,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bad_rows=st.lists(json_rows, max_size=6), good_positions=st.sets(st.integers(0, 8), min_size=1, max_size=3))
def test_jsonl_batch_with_any_json(bad_rows: list[object], good_positions: set[int]) -> None:
    """Any JSON value on a line (numbers beyond float range, nested objects, arrays, null): no good row lost."""
    TRIED["batch files"] = TRIED.get("batch files", 0) + 1
    rows: list[object] = list(bad_rows)
    for position in sorted(good_positions):
        rows.insert(min(position, len(rows)), dict(GOOD))
    text = "".join(json.dumps(row, allow_nan=True) + "\n" for row in rows) + "{not json\n"
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "rows.jsonl"
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["batch", str(path), "--format", "jsonl"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    produced = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(produced) == len(rows) + 1  # every line answered, the broken last one too
    good = [row for row in produced if row["label"] == "god" and row["error"] is None]
    assert len(good) >= len(good_positions)
    assert all(row["annual_pay"] == "667552" for row in good)
    assert result.exit_code == 1  # the last line is not JSON


VALUE = re.compile(r"^(\s*[\w.]+\s*=\s*)(.+)$", re.MULTILINE)
NUMBER = re.compile(r"^[\d._+-]+$")
HOSTILE = ["0", "-1", "-0.5", "1e400", "nan", "inf", '""', '"x"', "2205-01-01", "1900-01-01", "[]", "{}", "true",
           "= =", "1.0.0", '"\\u0000"', "99999999999999999999999999999999", "1000000001", "1e30",
           "[[factor]]"]  # fmt: skip
DATA_FILES = [*(f"scales/{name}" for name in FILES), "tax/2026.toml"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(DATA_FILES),
    numbers_only=st.booleans(),
    which=st.integers(min_value=0, max_value=10_000),
    replacement=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=10)),
)
def test_hostile_data_files_never_compute(name: str, numbers_only: bool, which: int, replacement: str) -> None:
    """Any value in any data file (half the time a number) replaced by something hostile: the program computes
    with valid data only, and anything else is one error line that names a data file."""
    TRIED["data files"] = TRIED.get("data files", 0) + 1
    with tempfile.TemporaryDirectory() as directory:
        data = Path(directory) / "data"
        shutil.copytree(SCALES_DIR.parent, data)
        path = data / name
        text = path.read_text(encoding="utf-8")
        values = [match for match in VALUE.finditer(text) if not numbers_only or NUMBER.match(match[2])]
        chosen = values[which % len(values)]
        path.write_text(text[: chosen.start(2)] + replacement + text[chosen.end(2) :], encoding="utf-8")
        result = CliRunner().invoke(
            app,
            [
                "--scales-dir",
                str(data / "scales"),
                "quote",
                "-t",
                "51",
                "-d",
                "2025-11-01",
                "--net",
                "--kommune",
                "Viborg",
            ],
            env={"CHEFLOEN_TAX_DIR": str(data / "tax")},
        )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1)
    if result.exit_code == 1:
        assert result.stdout == ""  # nothing computed
        # Usually the file changed; a renamed key is reported where it is referred to (a posting's group).
        assert re.match(rf"Error: ({'|'.join(re.escape(Path(file).name) for file in DATA_FILES)}): ", result.stderr)
        assert result.stderr.count("\n") == 1


SWEEP = {
    "numbers": ["0", "-1", "1e30", "99999999999999999999999999999999", "nan"],
    # Keys, names, statuses and references; free prose (titles, urls, bases) may be any text.
    "words": ['"x"', '""'],
}
PROSE = re.compile(r"\s*(title|url|basis|note)\b")
# Between them these reach every value in the data: every trin, every factor date, a posting with
# afkøb in hours and part time (work-time norms), and a net-pay estimate (tax rules, Viborg's rates).
SWEEP_COMMANDS = [
    ["steps", "-d", "2025-11-01", "-f", "json"],
    ["history", "--trin", "55+", "-f", "json"],
    ["posting", "direktoer-regionssekretariatet", "--afkoeb", "5t", "--deltid", "30t", "--net", "--kommune", "Viborg"],
]


def values_in(name: str, text: str, kind: str) -> list[re.Match[str]]:
    """The numeric or the word values of a data file: all of them, or for the tax table its rules and Viborg's."""
    values = [m for m in VALUE.finditer(text) if bool(NUMBER.match(m[2])) == (kind == "numbers")]
    values = [m for m in values if not PROSE.match(m[1])]
    if name.startswith("tax/"):
        viborg = text.index('name = "Viborg"')
        rules_end = text.index("[[kommune]]")
        values = [m for m in values if m.start() < rules_end or viborg < m.start() < text.index("\n\n", viborg)]
    return values


def ends_well(result: Result) -> bool:
    """A result, or one error line that names a data file with nothing on stdout; never a traceback."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return False
    if result.exit_code == 0:
        return True
    if result.stdout != "" or result.stderr.count("\n") != 1:
        return False
    if result.exit_code == 2:  # the key the command asks for was renamed: now unknown, as typed
        return result.stderr.startswith("Error: unknown ")
    return result.exit_code == 1 and re.match(r"Error: [\w-]+\.toml: ", result.stderr) is not None


@pytest.mark.parametrize("kind", SWEEP)
def test_every_value_in_the_data_replaced_by_a_hostile_one(kind: str) -> None:
    """Each number in each data file, in turn, made zero, negative, enormous or not a number; each key, name,
    status and reference made a stranger or empty."""
    failures = []
    with tempfile.TemporaryDirectory() as directory:
        data = Path(directory) / "data"
        for name in DATA_FILES:
            original = (SCALES_DIR.parent / name).read_text(encoding="utf-8")
            for match, hostile in ((m, h) for m in values_in(name, original, kind) for h in SWEEP[kind]):
                TRIED[f"data file {kind}"] = TRIED.get(f"data file {kind}", 0) + 1
                shutil.rmtree(data, ignore_errors=True)
                shutil.copytree(SCALES_DIR.parent, data)
                (data / name).write_text(original[: match.start(2)] + hostile + original[match.end(2) :], "utf-8")
                for command in SWEEP_COMMANDS:
                    args = ["--scales-dir", str(data / "scales"), *command]
                    result = CliRunner().invoke(app, args, env={"CHEFLOEN_TAX_DIR": str(data / "tax")})
                    if not ends_well(result):
                        failures.append((name, match[0].strip(), hostile, command[0], repr(result.exception)))
    assert failures == []
