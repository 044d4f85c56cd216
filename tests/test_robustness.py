"""Generated input, typed the many ways people type it: every case ends in a result or in one error line with
exit 1 or 2, never a traceback, and a batch never drops a good row."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chefloen.cli import app
from tests.conftest import TRIED

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
columns = st.sampled_from(["kvalifikationsloen", "afkoeb", "pension", "deltid", "funktionsloen", "trin", "date"])


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
    assert all(row["annual_pay"] == "666946" for row in good)
    assert result.stderr.splitlines()[-1].startswith("batch: ")
    assert result.exit_code == (1 if any(row["error"] for row in produced) else 0)
