"""Small things users noticed: Danish notation in Danish text, one rounding rule for a month, kroner where a
grundbeløb is wanted, afkøb limits that agree, and what solve and offer say."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chefloen import labels
from chefloen.cli.app import app
from chefloen.model import Scales

TABLES = [
    ["solve", "-t", "51", "-d", "2025-11-01", "--target-total", "1.000.000"],
    ["solve", "-t", "51", "-d", "2025-11-01", "--target-pay", "100"],
    ["solve", "-t", "51", "-d", "2025-11-01", "--target-net", "41.234,56", "--kommune", "Aarhus"],
    ["solve", "-t", "51", "-d", "2025-11-01", "--target-net", "30.000", "--per", "aar", "--kommune", "Aarhus"],
    ["history", "-p", "direktoer-regionssekretariatet", "--assume", "2026-10-01:+0.54%"],
    ["index", "--assume", "2026-10-01:+0.54%", "--assume", "2027-04-01:+1,255%"],
    ["earnings", "-t", "51", "--from", "2025-09-15", "--to", "2027-01-31", "--assume", "2026-10-01:+0,54%"],
    ["scenarios", "-t", "51", "-d", "2025-11-01", "--afkoeb", "0", "--afkoeb", "10%", "--afkoeb", "5t"],
    ["quote", "-t", "51", "-d", "2025-11-01", "--afkoeb", "10%", "--net", "--kommune", "Aarhus"],
    ["postings"],
    ["steps", "-d", "2025-11-01"],
]


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("args", TABLES, ids=[" ".join(args[:2]) for args in TABLES])
def test_danish_text_is_written_the_danish_way(runner: CliRunner, args: list[str]) -> None:
    code, out, err = run(runner, *args)
    assert code == 0, err
    assert "kr.." not in out
    # No decimal point in a Danish text: 1,169930 and 0,54, not 1.169930 or 0.54. A point with exactly three
    # digits after it groups thousands (1.000), and a date has two (1.11.2025).
    assert not re.search(r"(?<![\d.])\d+\.(?:\d{1,2}|\d{4,})(?![\d.])", out), out
    assert re.search(r"\d%", out) is None  # 10 %, with the space Danish puts before the sign
    assert "(user)" not in out


def test_an_assumed_factor_is_explained_in_danish_notation(runner: CliRunner) -> None:
    _, out, _ = run(runner, "index", "--assume", "2026-10-01:+0.54%", "-f", "json")
    assumed = json.loads(out)["factors"][-1]
    assert assumed["basis"] == "+0,54 % × startniveau 1,169930 (OK26)"
    assert assumed["factor"] == "1.204326"  # the README's worked example: 1,198008 + 0,0054 × 1,169930


def test_a_month_of_earnings_is_the_month_a_quote_shows(runner: CliRunner, scales: Scales) -> None:
    """One rule: a month's pay and pension are each annual / 12 to øre, and its total is their sum."""
    quotes = [["quote", "-t", step] for step in scales.steps] + [["posting", posting] for posting in scales.postings]
    for quote_args in quotes:
        subject = quote_args[1:] if quote_args[0] == "quote" else ["-p", quote_args[1]]
        for date in ("2025-11-01", "2026-05-01"):
            extra = ["--deltid", "0,8", "--kvalifikationsloen", "12345"]
            _, quoted, _ = run(runner, *quote_args, "-d", date, *extra, "-f", "json")
            month_end = date[:8] + ("30" if date[5:7] == "11" else "31")
            _, earned, _ = run(runner, "earnings", *subject, *extra, "--from", date, "--to", month_end, "-f", "json")
            quote, month = json.loads(quoted), json.loads(earned)["months"][0]
            assert month["pay"] == quote["monthly_pay"]
            assert month["pension"] == quote["pension_monthly"]
            assert month["total"] == quote["total_monthly"]
            assert Decimal(quote["total_monthly"]) == Decimal(quote["monthly_pay"]) + Decimal(quote["pension_monthly"])


@pytest.mark.parametrize(
    "args",
    [
        ["quote", "-t", "51", "--kvalifikationsloen", "40.000 kr."],
        ["quote", "-t", "51", "--tillaeg", "Ledelse=20.000 kr"],
        ["quote", "-t", "51", "--afkoeb", "25.000 DKK"],
        ["scenarios", "-t", "51", "--kvalifikationsloen", "40.000 kr."],
        ["convert", "50.000 kr."],
    ],
)
def test_kroner_where_a_grundbeloeb_is_wanted_are_converted_at_the_date(runner: CliRunner, args: list[str]) -> None:
    if args[0] == "convert":  # grundbeløb to kroner: kroner in are refused, with the way back
        code, _, err = run(runner, *args)
        assert code == 2
        assert err.rstrip().endswith(
            "is in kroner; a grundbeløb (31.3.2018 level) is wanted here; "
            "to turn kroner into a grundbeløb, add --to grundbeloeb"
        )
        return
    code, out, err = run(runner, *args, "-d", "2025-11-01", "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    typed = Decimal(re.sub(r"\D", "", args[-1].split("=")[-1]))  # 40.000 kr. -> 40000
    if args[0] == "scenarios":
        assert Decimal(data["rows"][0]["kvalifikationsloen_annual"]) == typed
        return
    (converted,) = [note["message"] for note in data["notes"] if note["code"] == "converted_amount"]
    assert f"{labels.kr(typed)} pr. 1.11.2025 = grundbeløb " in converted
    (line,) = [line for line in data["lines"] if line["key"] in ("kvalifikationsloen", "tillaeg", "afkoeb")]
    assert Decimal(line["annual"]) == typed  # the kroner typed, given back at that date


def test_kroner_are_fine_where_kroner_are_wanted(runner: CliRunner) -> None:
    assert run(runner, "convert", "58.497 kr.", "--to", "grundbeloeb", "-d", "2025-11-01")[0] == 0
    assert run(runner, "quote", "-t", "51", "--engangsvederlag", "10.000 kr.")[0] == 0
    assert run(runner, "solve", "-t", "51", "--target-pay", "750.000 kr.")[0] == 0


def test_afkoeb_limits_agree_below_a_full_job(runner: CliRunner) -> None:
    """100 % and 37 hours a week are both a second full job: both refused; just below is fine."""
    assert run(runner, "quote", "-t", "51", "--afkoeb", "99,99%")[0] == 0
    assert run(runner, "quote", "-t", "51", "--afkoeb", "36,9t")[0] == 0
    for too_much in ("100%", "37t", "40t"):
        code, _, err = run(runner, "quote", "-t", "51", "--afkoeb", too_much)
        assert code == 2, too_much
        assert "must be below" in err


def test_solve_says_when_the_target_is_already_reached(runner: CliRunner) -> None:
    code, out, _ = run(runner, "solve", "-t", "51", "-d", "2025-11-01", "--target-pay", "600.000")
    assert code == 0
    assert out.startswith("Målet er allerede nået uden kvalifikationsløn: årsløn pr. 1.11.2025 er 667.552 kr.")
    assert "grundbeløb 0" not in out
    _, data, _ = run(runner, "solve", "-t", "51", "-d", "2025-11-01", "--target-pay", "600.000", "-f", "json")
    assert json.loads(data)["already_reached"] is True


def test_offer_says_where_the_sheet_is_in_a_sentence(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "tilbud.html"
    code, out, err = run(runner, "offer", "-t", "51", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"Tilbudsarket er gemt i {target}\n"
