"""Net pay in the CLI, the history view and the HTML offer sheet, rendered in a real headless Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chefloen.cli.app import app
from tests.helpers import chromium

POSTINGS = ["kontorchef-sundhed-praksis", "direktoer-regionssekretariatet"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


def test_net_command_json_interface(runner: CliRunner) -> None:
    result = runner.invoke(app, ["net", "--gross", "792072", "--kommune", "Viborg", "--year", "2026", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"net_annual", "net_monthly", "marginal_rate", "effective_rate", "lines", "disclaimer"} <= data.keys()
    assert data["estimate"] is True
    assert data["rates_in"] == "percent"
    assert [line["key"] for line in data["lines"]][:2] == ["atp", "am_bidrag"]
    assert data["lines"][1]["amount"] == str((Decimal(792072 - 1188) * Decimal("0.08")).quantize(Decimal(1)))


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["net", "--gross", "792072"], 2, "Error: give --kommune, e.g. --kommune Viborg"),
        (["net", "--gross", "792072", "--kommune", "Viborg", "--year", "2019"], 2, "Error: no tax rules for 2019"),
        (["quote", "-t", "51", "--net"], 2, "Error: --net needs --kommune, e.g. --kommune Viborg"),
    ],
)
def test_net_errors(runner: CliRunner, args: list[str], code: int, message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == code
    assert result.stderr.startswith(message)


def test_net_on_quote_posting_and_compare(runner: CliRunner) -> None:
    quote = json.loads(
        runner.invoke(
            app, ["posting", POSTINGS[0], "-d", "1.11.2025", "--net", "--kommune", "Viborg", "-f", "json"]
        ).stdout
    )
    assert quote["annual_pay"] == "792072"
    assert quote["net"]["gross"] == "792072"
    compare = runner.invoke(
        app,
        ["compare", "--date", "2025-11-01", "-s", f"A | posting={POSTINGS[0]}", "-s", f"B | posting={POSTINGS[1]}",
         "--net", "--kommune", "Viborg", "-f", "json"],
    )  # fmt: skip
    summary = json.loads(compare.stdout)["summary"]
    assert Decimal(summary[1]["net_annual"]) > Decimal(summary[0]["net_annual"])
    table = runner.invoke(app, ["quote", "-t", "51", "--date", "2025-11-01", "--net", "--kommune", "Viborg"])
    assert "Nettoløn" in table.stdout
    assert "Skøn" in table.stdout


@pytest.mark.parametrize("posting", POSTINGS)
def test_history_for_both_postings(runner: CliRunner, posting: str) -> None:
    data = json.loads(runner.invoke(app, ["history", "--posting", posting, "-f", "json"]).stdout)["history"]
    assert [row["date"] for row in data][:3] == ["2018-03-31", "2018-04-01", "2018-10-01"]
    posted = {row["date"]: row for row in data}["2025-11-01"]
    assert posted["annual_pay"] == ("792072" if posting == POSTINGS[0] else "1072226")
    assert data[-1]["date"] == "2026-04-01"
    director = posting == POSTINGS[1]
    assert all((row["pension_low"] is not None) == director for row in data)
    assert all(row["trin_as_posted"] == ("52+1" if director else "51") for row in data)
    table = runner.invoke(app, ["history", "--posting", posting, "--assume", "2026-10-01:+0,54%"])
    assert table.exit_code == 0
    assert "█" in table.stdout
    assert "1.10.2026" in table.stdout
    assert ("I alt lav" in table.stdout) == director


def render(page: Path, screenshot: Path) -> str:
    """Render ``page`` in headless Chromium: the DOM after layout, and a PNG screenshot."""
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ]  # fmt: skip
    browser = chromium()
    assert browser is not None
    with tempfile.TemporaryDirectory() as profile:
        common = [browser, *flags, f"--user-data-dir={profile}"]
        subprocess.run(
            [*common, "--window-size=1000,2400", f"--screenshot={screenshot}", page.as_uri()],
            check=True,
            capture_output=True,
            timeout=120,
        )
        dom = subprocess.run(
            [*common, "--dump-dom", page.as_uri()], check=True, capture_output=True, text=True, timeout=120
        )
    return dom.stdout


@pytest.mark.parametrize("posting", POSTINGS)
def test_offer_sheet_renders_in_a_real_browser(runner: CliRunner, tmp_path: Path, posting: str) -> None:
    if chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium (installed by .ci/run)")
        pytest.skip("chromium is not installed")
    page = tmp_path / "tilbud.html"
    # At the postings' level date, where their published figures hold.
    args = ["offer", "--posting", posting, "-d", "1.11.2025", "--net", "--kommune", "Viborg", "-o", str(page)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "<script" not in html
    assert "<link" not in html
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / f"offer-{posting}.png"
    dom = render(page, screenshot)
    director = posting == POSTINGS[1]
    level = "1.072.226 kr." if director else "792.072 kr."
    texts = [level, "Nettoløn (skøn)", "Løn ved hver regulering siden 2018", "kildebelagt", "<svg"]
    texts += ["Forskel til opslagsniveau", "ikke et aftalt tillæg", "trin 52+1" if director else "trin 51"]
    if director:  # both ends of the pension range, in the table and the chart's table
        texts += ["163.996 kr.", "231.494 kr.", "I alt med pension (lav)"]
    for text in texts:
        assert text in dom
    assert screenshot.stat().st_size > 10_000
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_offer_refuses_a_non_html_name(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["offer", "--trin", "51", "-o", str(tmp_path / "tilbud.pdf")])
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: tilbud.pdf: chefloen offer writes .html, .htm; give one of those\n",
    )
    assert list(tmp_path.iterdir()) == []
