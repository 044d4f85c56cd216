"""Scenario grids, comparisons, solving, assumed regulations and calendar earnings, checked by hand arithmetic."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chefloen.cli.app import app

F_NOV_2025 = Decimal("1.169930")  # RLTN pay table 1.11.2025, KRL 16,9930 (reference §3)
TRIN_51 = Decimal(570591)
PENSION = Decimal("0.2159")


def kroner(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), ROUND_HALF_UP)


def ore(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def run_json(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


F_APR_2026 = Decimal("1.198008")  # RLTN pay table 1.4.2026: OK26 +2,40 % (reference §3)
OK26_START = Decimal("1.169930")  # the level at 31.3.2026
SIX = Decimal("0.000001")


def test_an_assumption_inside_ok26_adds_on_ok26_start_level(runner: CliRunner) -> None:
    """Reference §2 item 4: inside a known period, pct × that period's start level (OK26: 1,169930)."""
    data = run_json(runner, "quote", "--trin", "51", "--date", "2026-10-01", "--assume", "2026-10-01:+0,54%")
    factor = (F_APR_2026 + Decimal("0.0054") * OK26_START).quantize(SIX, ROUND_HALF_UP)
    assert data["index"]["factor"] == str(factor) == "1.204326"
    assert data["index"]["status"] == "assumed"
    assert Decimal(data["annual_pay"]) == kroner(TRIN_51 * factor)
    assert "assumed_factor" in {warning["code"] for warning in data["warnings"]}
    day_before = run_json(runner, "quote", "--trin", "51", "--date", "2026-09-30", "--assume", "2026-10-01:+0,54%")
    assert day_before["index"]["factor"] == "1.198008"


def test_after_the_last_period_ends_an_assumption_opens_a_new_one(runner: CliRunner) -> None:
    """OK26 ends 31.3.2029: the first event after it opens a period at the level of the day before, and
    later events in that period add on the same start level."""
    args = ["--assume", "2026-10-01:+0,54%", "--assume", "2029-04-01:+3%", "--assume", "2029-10-01:+1%"]
    data = run_json(runner, "index", *args)
    in_ok26 = (F_APR_2026 + Decimal("0.0054") * OK26_START).quantize(SIX, ROUND_HALF_UP)
    opened = (in_ok26 + Decimal("0.03") * in_ok26).quantize(SIX, ROUND_HALF_UP)
    later = (opened + Decimal("0.01") * in_ok26).quantize(SIX, ROUND_HALF_UP)
    assert [factor["factor"] for factor in data["factors"][-3:]] == [str(in_ok26), str(opened), str(later)]
    assert data["periods"][-1] == {
        "name": "ny periode fra 1.4.2029",
        "first_regulation": "2029-04-01",
        "last_day": None,
        "start_level": str(in_ok26),
    }


def test_assumptions_add_on_the_named_period_start(runner: CliRunner) -> None:
    args = ["--assume", "2026-10-01:+2%", "--assume", "2027-04-01:+1,5%", "--period-start", "OK24"]
    data = run_json(runner, "quote", "--trin", "51", "--date", "2027-04-01", *args)
    ok24 = Decimal("1.09722")
    first = (F_APR_2026 + Decimal("0.02") * ok24).quantize(SIX, ROUND_HALF_UP)
    second = (first + Decimal("0.015") * ok24).quantize(SIX, ROUND_HALF_UP)
    assert data["index"]["factor"] == str(second)


@pytest.mark.parametrize(
    ("assume", "code", "message"),
    [
        (
            "2025-04-01:+2%",
            2,
            "Error: assumed regulation 2025-04-01 must come after the last known regulation 2026-04-01",
        ),
        ("2026-04-01", 2, "Error: assumption '2026-04-01' must be DATE:+PCT%, e.g. 2026-04-01:+2.5%"),
        (
            "2026-04-01:+x%",
            2,
            "Error: assumption '2026-04-01:+x%' must be DATE:+PCT%, e.g. 2026-04-01:+2.5%",
        ),
        # KRL publishes the reguleringsprocent to four decimals; seven raised IndexError where the basis was shown.
        (
            "2026-10-01:+0,1234567%",
            2,
            "Error: assumed percentage '2026-10-01:+0,1234567%' has 7 decimals; give at most 4",
        ),
    ],
)
def test_bad_assumptions(runner: CliRunner, assume: str, code: int, message: str) -> None:
    result = runner.invoke(app, ["quote", "--trin", "51", "--assume", assume])
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


def test_scenario_grid_rows_and_differences(runner: CliRunner) -> None:
    data = run_json(
        runner, "scenarios", "--trin", "51", "--date", "2025-11-01", "--date", "2023-10-01",
        "--kvalifikationsloen-range", "0:50000:25000", "--afkoeb", "0", "--afkoeb", "10%",
    )  # fmt: skip
    rows = data["rows"]
    assert len(rows) == 2 * 3 * 2
    first_pay = kroner(TRIN_51 * F_NOV_2025)
    assert Decimal(rows[0]["annual_pay"]) == first_pay
    kval = kroner(25000 * F_NOV_2025)
    with_afkoeb = first_pay + kval + kroner((first_pay + kval) * Decimal("0.10"))
    assert (rows[3]["kvalifikationsloen_base_amount"], rows[3]["afkoeb"]) == ("25000", "10%")
    assert Decimal(rows[3]["annual_pay"]) == with_afkoeb
    first_total = first_pay + kroner(first_pay * PENSION)
    assert Decimal(rows[3]["diff_total"]) == with_afkoeb + kroner((first_pay + kval) * PENSION) - first_total
    assert rows[6]["date"] == "2023-10-01"
    assert Decimal(rows[6]["annual_pay"]) == 626064  # DM 1.10.2023


def test_compare_the_posting_with_negotiated_options(runner: CliRunner) -> None:
    data = run_json(
        runner, "compare", "--date", "2025-11-01",
        "-s", "Som opslået | posting=kontorchef-sundhed-praksis",
        "-s", "Med kvalifikationsløn | posting=kontorchef-sundhed-praksis | kvalifikationsloen=60.000",
        "-s", "Trin 53 med afkøb | trin=53 | afkoeb=10%",
    )  # fmt: skip
    summary = data["summary"]
    assert [row["label"] for row in summary] == ["Som opslået", "Med kvalifikationsløn", "Trin 53 med afkøb"]
    kval = kroner(60000 * F_NOV_2025)
    assert Decimal(summary[1]["diff_pay"]) == kval
    assert Decimal(summary[1]["diff_total"]) == kval + kroner((792072 + kval) * PENSION) - 171008
    trin_53 = kroner(Decimal(712865) * F_NOV_2025)
    assert Decimal(summary[2]["annual_pay"]) == trin_53 + kroner(trin_53 * Decimal("0.10"))
    assert len(data["scenarios"]) == 3


def test_compare_needs_two(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", "-s", "A | trin=51"])
    assert (result.exit_code, result.stderr) == (2, "Error: compare needs at least two scenarios\n")


@pytest.mark.parametrize(("target_option", "target"), [("--target-total", 1000000), ("--target-pay", 850000)])
def test_solve_round_trip(runner: CliRunner, target_option: str, target: int) -> None:
    data = run_json(runner, "solve", "--trin", "51", "--date", "2025-11-01", target_option, str(target))
    base = Decimal(data["kvalifikationsloen_base_amount"])

    def reached(grundbeloeb: Decimal) -> Decimal:
        pay = kroner(TRIN_51 * F_NOV_2025) + kroner(grundbeloeb * F_NOV_2025)
        return pay + kroner(pay * PENSION) if target_option == "--target-total" else pay

    assert reached(base) >= target > reached(base - 1)
    assert Decimal(data["kvalifikationsloen_annual"]) == kroner(base * F_NOV_2025)
    assert Decimal(data["reached"]) == reached(base)


def test_solve_with_a_posting_at_its_level_date_needs_nothing_to_reach_its_level(runner: CliRunner) -> None:
    args = ["--posting", "kontorchef-sundhed-praksis", "--date", "1.11.2025", "--target-pay", "792072"]
    data = run_json(runner, "solve", *args)
    assert (data["kvalifikationsloen_base_amount"], data["reached"]) == ("0", "792072")


def test_earnings_for_a_calendar_year_across_two_regulations(runner: CliRunner) -> None:
    data = run_json(runner, "earnings", "--trin", "51", "--from", "2025-01-01", "--to", "2025-12-31")
    factors = [Decimal("1.156970")] * 9 + [Decimal("1.161800")] + [F_NOV_2025] * 2
    pays = [ore(kroner(TRIN_51 * factor) / 12) for factor in factors]
    # RLTN's monthly table for trin 51: 55.013,08 (1.10.2024 and 1.4.2025), 55.242,75, 55.629,33.
    assert sorted(set(pays)) == [Decimal("55013.08"), Decimal("55242.75"), Decimal("55629.33")]
    pensions = [ore(kroner(kroner(TRIN_51 * factor) * PENSION) / 12) for factor in factors]
    assert [Decimal(month["pay"]) for month in data["months"]] == pays
    assert Decimal(data["pay"]) == sum(pays)
    assert Decimal(data["pension"]) == sum(pensions)
    assert Decimal(data["total"]) == sum(pays) + sum(pensions)


def test_earnings_for_the_director_starting_1_april_2026(runner: CliRunner) -> None:
    data = run_json(
        runner, "earnings", "--posting", "direktoer-regionssekretariatet", "--from", "2026-04-01", "--to", "2026-12-31"
    )
    assert data["months"][0]["month"] == "2026-04"
    assert len(data["months"]) == 9
    # Trin 52 (DM 649.262) and the difference to the posted level (grundbeløb 267.225), each × 1,198008.
    trin, difference = kroner(649262 * F_APR_2026), kroner(267225 * F_APR_2026)
    annual = trin + difference
    assert Decimal(data["pay"]) == 9 * ore(annual / 12)
    assert Decimal(data["pension"]) == 9 * ore(kroner(annual * PENSION) / 12)
    assert Decimal(data["pension_low"]) == 9 * ore(kroner(trin * PENSION) / 12)
    assert Decimal(data["total_low"]) == Decimal(data["pay"]) + Decimal(data["pension_low"])
    assert all(month["pension_low"] is not None for month in data["months"])


def test_earnings_mid_month_start_is_paid_by_calendar_days(runner: CliRunner) -> None:
    data = run_json(runner, "earnings", "--trin", "51", "--from", "2025-03-15", "--to", "2025-03-31")
    (month,) = data["months"]
    annual = kroner(TRIN_51 * Decimal("1.156970"))
    assert Decimal(month["pay"]) == ore(annual / 12 * 17 / 31)


def test_assumptions_from_a_file(runner: CliRunner, tmp_path: Path) -> None:
    events = tmp_path / "ok26.txt"
    events.write_text("# OK26 guess\n2026-10-01:+0,54%\n\n2027-04-01:+1%  # second step\n", encoding="utf-8")
    data = run_json(runner, "quote", "--trin", "51", "--date", "2027-04-01", "--assume", f"@{events}")
    first = (F_APR_2026 + Decimal("0.0054") * OK26_START).quantize(SIX, ROUND_HALF_UP)
    second = (first + Decimal("0.01") * OK26_START).quantize(SIX, ROUND_HALF_UP)
    assert data["index"]["factor"] == str(second)
    missing = runner.invoke(app, ["quote", "--trin", "51", "--assume", f"@{tmp_path / 'nope.txt'}"])
    assert missing.exit_code == 2
    assert missing.stderr.count("\n") == 1


def test_compare_csv_and_workbook_carry_the_lines_one_column_a_scenario(runner: CliRunner, tmp_path: Path) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    specs = ["-s", "Med tillæg | trin=51 | tillaeg=Ledelse=10000", "-s", "Trin 52 | trin=52"]
    result = runner.invoke(app, ["compare", "--date", "2025-11-01", *specs, "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert header == ["key", "label", "Med tillæg", "Trin 52"]
    by_key = {row[0]: row[2:] for row in rows}
    # DM 1.11.2025: trin 51 667.552 kr., trin 52 759.591 kr. (reference §1); the tillæg at the factor.
    ledelse = kroner(10000 * F_NOV_2025)
    assert by_key["basisloen"] == ["667552", "759591"]
    assert by_key["tillaeg:Ledelse"] == [str(ledelse), ""]
    assert by_key["annual_pay"] == [str(667552 + ledelse), "759591"]
    assert by_key["diff_total"][0] == "0"
    target = tmp_path / "sammenligning.xlsx"
    result = runner.invoke(app, ["compare", "--date", "2025-11-01", *specs, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(target).worksheets[0]
    values = {row[0]: row[2:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert values["basisloen"] == (667552, 759591)  # numbers, not text
