"""Golden files: every command's JSON, CSV and table output, byte for byte, as reviewed in tests/golden/.

After a deliberate change of output, regenerate them with
``python -m pytest tests/test_golden.py --update-golden`` and review the diff before committing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chefloen import labels
from chefloen.cli.app import app

GOLDEN = Path(__file__).with_name("golden")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# One invocation a command, chosen to exercise its lines, notes and warnings; dates are fixed.
CASES = {
    "quote": ["quote", "--trin", "51", "--date", "2025-11-01", "--kvalifikationsloen", "40000", "--afkoeb", "5t"],
    "quote-net": ["quote", "--trin", "53", "--date", "2026-04-01", "--net", "--kommune", "Viborg"],
    "quote-after-last": ["quote", "--trin", "50", "--date", "2026-12-01", "--deltid", "30t"],
    "posting": ["posting", "kontorchef-sundhed-praksis", "--date", "2025-11-01"],
    "posting-reindexed": ["posting", "kontorchef-sundhed-praksis", "--date", "2026-12-01"],
    "posting-range": ["posting", "direktoer-regionssekretariatet", "--date", "2026-04-01"],
    "postings": ["postings"],
    "steps": ["steps", "--date", "2025-11-01"],
    "index": ["index"],
    "convert": ["convert", "1.000", "--date", "2025-11-01"],
    "scenarios": [
        "scenarios", "--trin", "51", "--date", "2025-11-01", "--kvalifikationsloen-range", "0:50000:25000",
        "--afkoeb", "0", "--afkoeb", "10%",
    ],
    "compare": [
        "compare", "--date", "2025-11-01", "--scenario", "A | trin=51", "--scenario", "B | trin=52 | afkoeb=5t",
        "--net", "--kommune", "Aarhus",
    ],
    "solve": ["solve", "--trin", "51", "--date", "2025-11-01", "--target-total", "1000000"],
    "earnings": ["earnings", "--trin", "51", "--from", "2025-09-15", "--to", "2026-05-31"],
    "net": ["net", "--gross", "792072", "--kommune", "Viborg", "--kirke"],
    "history": ["history", "--posting", "direktoer-regionssekretariatet"],
}  # fmt: skip
FORMATS = {"table": "txt", "json": "json", "csv": "csv"}


def check(name: str, output: str, *, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(output, encoding="utf-8")
    assert path.exists(), f"{path.name} is missing; run pytest tests/test_golden.py --update-golden"
    assert output == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_command_output_is_golden(runner: CliRunner, case: str, fmt: str, request: pytest.FixtureRequest) -> None:
    result = runner.invoke(app, [*CASES[case], "--format", fmt], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    check(f"{case}.{FORMATS[fmt]}", result.stdout, update=request.config.getoption("--update-golden"))


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "excel-da"])
def test_batch_output_is_golden(runner: CliRunner, fmt: str, request: pytest.FixtureRequest) -> None:
    """Plain CSV and JSON lines with their keys; the CSV for Danish Excel with its headings and texts."""
    options = ["--format", "csv", "--csv-dialect", fmt] if fmt == "excel-da" else ["--format", fmt]
    result = runner.invoke(app, ["batch", str(EXAMPLES / "scenarios.csv"), *options])
    assert result.exit_code == 0, result.output
    name = "batch-excel-da.csv" if fmt == "excel-da" else f"batch.{fmt}"
    check(name, result.stdout, update=request.config.getoption("--update-golden"))


def test_offer_sheet_is_golden(runner: CliRunner, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    target = tmp_path / "tilbud.html"
    args = ["offer", "--posting", "kontorchef-sundhed-praksis", "--kvalifikationsloen", "30000", "-d", "1.12.2026"]
    args += ["-o", str(target)]
    result = runner.invoke(app, [*args, "--net", "--kommune", "Viborg"])
    assert result.exit_code == 0, result.output
    # The sheet is dated the day it is made; the golden file has it made on the day it prices.
    made = f'<p class="sub">Dato: {labels.date(dt.date.today())}</p>'
    page = target.read_text(encoding="utf-8")
    assert page.count(made) == 1
    page = page.replace(made, '<p class="sub">Dato: 1.12.2026</p>')
    check("offer.html", page, update=request.config.getoption("--update-golden"))
