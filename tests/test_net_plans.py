"""Net pay in plans: the net differences of ``compare --net``, ``solve --target-net`` and the net on the offer
sheet, against net pay worked by hand from the published 2026 rates (reference §7)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from typer.testing import CliRunner

from chefloen.cli.app import app

# 2026 (reference §7): AM-bidrag 8 %, bundskat 12,01 %, personfradrag 54.100, beskæftigelsesfradrag 12,75 % up to
# 63.300, jobfradrag 4,5 % above 235.200 up to 3.100, mellemskat 7,5 % above 641.200, topskat 7,5 % above 777.900,
# skatteloft 44,57 %; the employee's ATP 1.188 kr. a year. Kommune- and kirkeskat from skm.dk's list.
AM, BUND, MELLEM, TOP, LOFT = Decimal("0.08"), Decimal("0.1201"), Decimal("0.075"), Decimal("0.075"), Decimal("0.4457")
PERSONFRADRAG, ATP = Decimal(54100), Decimal(1188)
KOMMUNESKAT = {"Aarhus": (Decimal("24.52"), Decimal("0.74")), "Viborg": (Decimal("25.50"), Decimal("0.93"))}
KRONE, ORE = Decimal(1), Decimal("0.01")

# Published pay at 1.11.2025 (RLTN): trin 51 55.629,33 kr. a month, trin 52 759.591 kr. a year.
TRIN_51, TRIN_52 = Decimal(667552), Decimal(759591)


def net_by_hand(gross: Decimal, kommune: str, *, church: bool = False) -> Decimal:
    """Annual net pay of ``gross`` as a payroll clerk works it out: every tax on its base, the personfradrag off
    the bases of bundskat, kommune- and kirkeskat, the skatteloft cutting the mellemskat; whole kroner."""
    k, c = KOMMUNESKAT[kommune]
    local = (k + (c if church else 0)) / 100
    am_base = gross - ATP
    am = am_base * AM
    personal = am_base - am
    besk = min(am_base * Decimal("0.1275"), Decimal(63300))
    job = min(max(am_base - 235200, Decimal(0)) * Decimal("0.045"), Decimal(3100))
    bund = max(personal - PERSONFRADRAG, Decimal(0)) * BUND
    kommune_and_church = max(personal - besk - job - PERSONFRADRAG, Decimal(0)) * local
    cut = max(k / 100 + BUND + MELLEM - LOFT, Decimal(0))
    mellem = max(personal - 641200, Decimal(0)) * (MELLEM - cut)
    top = max(personal - 777900, Decimal(0)) * TOP
    net = gross - ATP - am - bund - kommune_and_church - mellem - top
    return net.quantize(KRONE, ROUND_HALF_UP)


def a_month(annual: Decimal) -> Decimal:
    return (annual / 12).quantize(ORE, ROUND_HALF_UP)


def run_json(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, [*args, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


COMPARE = ["compare", "--date", "2025-11-01", "-s", "A | trin=51", "-s", "B | trin=52", "-s", "C | trin=52 | afkoeb=5t"]


def test_compare_net_differences_are_those_of_the_nets_worked_by_hand(runner: CliRunner) -> None:
    summary = run_json(runner, *COMPARE, "--net", "--kommune", "Aarhus")["summary"]
    assert [Decimal(row["annual_pay"]) for row in summary[:2]] == [TRIN_51, TRIN_52]
    # Trin 51 lies below the mellemskat; trin 52 above it, and trin 52 with afkøb above the topskat as well.
    nets = [net_by_hand(TRIN_51, "Aarhus"), net_by_hand(TRIN_52, "Aarhus")]
    nets.append(net_by_hand(Decimal(summary[2]["annual_pay"]), "Aarhus"))
    assert [Decimal(row["net_annual"]) for row in summary] == nets
    assert [Decimal(row["diff_net_annual"]) for row in summary] == [net - nets[0] for net in nets]
    # A month's difference is the difference of the monthly nets, as the table shows them.
    monthly = [a_month(net) for net in nets]
    assert [Decimal(row["diff_net_monthly"]) for row in summary] == [net - monthly[0] for net in monthly]
    # The first is the reference, as with diff_pay: its differences are 0.
    assert (summary[0]["diff_pay"], summary[0]["diff_net_annual"], summary[0]["diff_net_monthly"]) == ("0", "0", "0.00")


def test_compare_net_differences_in_the_table_add_up(runner: CliRunner) -> None:
    result = runner.invoke(app, [*COMPARE[:-2], "--net", "--kommune", "Aarhus"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    rows = {line.split("│")[1].strip(): line.split("│")[2:-1] for line in result.stdout.splitlines() if "│" in line}
    cells = {label: [cell.strip() for cell in values] for label, values in rows.items()}
    first, second = a_month(net_by_hand(TRIN_51, "Aarhus")), a_month(net_by_hand(TRIN_52, "Aarhus"))
    danish = f"{second - first:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert cells["Forskel netto pr. måned"] == ["", f"+{danish} kr."]
    annual = net_by_hand(TRIN_52, "Aarhus") - net_by_hand(TRIN_51, "Aarhus")
    assert cells["Forskel netto pr. år"] == ["", f"+{annual:,}".replace(",", ".") + " kr."]
    assert list(cells).index("Forskel netto pr. måned") == list(cells).index("Nettoløn pr. måned (skøn)") + 1


def test_compare_net_differences_in_csv(runner: CliRunner) -> None:
    result = runner.invoke(app, [*COMPARE, "--net", "--kommune", "Viborg", "--kirke", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    header, *rows = [line.split(",") for line in result.stdout.splitlines()]
    assert header[-4:] == ["net_annual", "net_monthly", "diff_net_annual", "diff_net_monthly"]
    nets = [Decimal(row[-4]) for row in rows]
    assert nets[0] == net_by_hand(TRIN_51, "Viborg", church=True)
    assert [Decimal(row[-2]) for row in rows] == [net - nets[0] for net in nets]


def test_compare_without_net_has_no_net_columns(runner: CliRunner) -> None:
    summary = run_json(runner, *COMPARE)["summary"]
    assert not any(key.startswith(("net_", "diff_net")) for row in summary for key in row)
    table = runner.invoke(app, COMPARE).stdout
    assert "netto" not in table.lower()
