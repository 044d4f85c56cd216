"""Net pay in plans: the net differences of ``compare --net``, ``solve --target-net`` and the net on the offer
sheet, against net pay worked by hand from the published 2026 rates (reference §7)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import chefloen
from chefloen.cli.app import app
from chefloen.loading import load_tax_year
from chefloen.tax import NetPay, net_pay

# 2026 (reference §7): AM-bidrag 8 %, bundskat 12,01 %, personfradrag 54.100, beskæftigelsesfradrag 12,75 % up to
# 63.300, jobfradrag 4,5 % above 235.200 up to 3.100, mellemskat 7,5 % above 641.200, topskat 7,5 % above 777.900,
# skatteloft 44,57 %; the employee's ATP 1.188 kr. a year. Kommune- and kirkeskat from skm.dk's list.
AM, BUND, MELLEM, TOP, LOFT = Decimal("0.08"), Decimal("0.1201"), Decimal("0.075"), Decimal("0.075"), Decimal("0.4457")
PERSONFRADRAG, ATP = Decimal(54100), Decimal(1188)
KOMMUNESKAT = {"Aarhus": (Decimal("24.52"), Decimal("0.74")), "Viborg": (Decimal("25.50"), Decimal("0.93"))}
KRONE, ORE = Decimal(1), Decimal("0.01")

# Published pay at 1.11.2025 (RLTN): trin 51 55.629,33 kr. a month, trin 52 759.591 kr. a year; the factor
# 1,169930 on a grundbeløb (KRL 16,9930).
TRIN_51, TRIN_52 = Decimal(667552), Decimal(759591)
F_NOV_2025 = Decimal("1.169930")


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


def danish(value: Decimal | int, places: int = 0) -> str:
    """A number as the tables write it: 1.234.567,89."""
    return f"{value:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


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
    assert cells["Forskel netto pr. måned"] == ["", f"+{danish(second - first, 2)} kr."]
    annual = net_by_hand(TRIN_52, "Aarhus") - net_by_hand(TRIN_51, "Aarhus")
    assert cells["Forskel netto pr. år"] == ["", f"+{danish(annual)} kr."]
    assert list(cells).index("Forskel netto pr. måned") == list(cells).index("Nettoløn pr. måned (skøn)") + 1


def test_compare_net_differences_in_csv(runner: CliRunner) -> None:
    result = runner.invoke(app, [*COMPARE, "--net", "--kommune", "Viborg", "--kirke", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    # One column a scenario, one row a figure, as the table shows them.
    rows = {row[0]: row[2:] for row in (line.split(",") for line in result.stdout.splitlines()[1:])}
    nets = [Decimal(value) for value in rows["net_annual"]]
    assert nets[0] == net_by_hand(TRIN_51, "Viborg", church=True)
    assert [Decimal(value) for value in rows["diff_net_annual"]] == [net - nets[0] for net in nets]
    monthly = [Decimal(value) for value in rows["net_monthly"]]
    assert [Decimal(value) for value in rows["diff_net_monthly"]] == [net - monthly[0] for net in monthly]


def test_compare_without_net_has_no_net_columns(runner: CliRunner) -> None:
    summary = run_json(runner, *COMPARE)["summary"]
    assert not any(key.startswith(("net_", "diff_net")) for row in summary for key in row)
    table = runner.invoke(app, COMPARE).stdout
    assert "netto" not in table.lower()


# (options, target, per month): targets below the mellemskat, in it, above the topskat, with øre; a year; kirkeskat,
# afkøb on top and part time, each of which changes what one krone of grundbeløb is worth.
TARGETS = [
    pytest.param([], "38.000", True, id="aarhus-month-below-mellemskat"),
    pytest.param([], "41.234,56", True, id="aarhus-month-with-oere"),
    pytest.param([], "45.000", True, id="aarhus-month-above-topskat"),
    pytest.param(["--per", "aar"], "600.000", False, id="aarhus-year"),
    pytest.param(["--per", "år"], "487.321", False, id="aarhus-year-below-mellemskat"),
    pytest.param(["--kirke"], "44.000", True, id="aarhus-church"),
    pytest.param(["--afkoeb", "10%"], "47.500", True, id="aarhus-afkoeb"),
    pytest.param(["--deltid", "80%"], "33.000", True, id="aarhus-part-time"),
]


def net_with(grundbeloeb: Decimal, options: list[str]) -> NetPay:
    """The net of trin 51 at 1.11.2025 with this kvalifikationsløn, estimated afresh from the breakdown's taxed pay
    by the tax module; without afkøb or deltid, the pay and the net are worked out by hand as well."""
    church = "--kirke" in options
    if "--afkoeb" in options:
        breakdown = chefloen.quote(51, "1.11.2025", kvalifikationsloen=str(grundbeloeb), afkoeb="10%")
    elif "--deltid" in options:
        breakdown = chefloen.quote(51, "1.11.2025", kvalifikationsloen=str(grundbeloeb), deltid="80%")
    else:
        breakdown = chefloen.quote(51, "1.11.2025", kvalifikationsloen=str(grundbeloeb))
        kval = (grundbeloeb * F_NOV_2025).quantize(KRONE, ROUND_HALF_UP)
        assert breakdown.taxable_pay == TRIN_51 + kval
    estimate = net_pay(breakdown.taxable_pay, "Aarhus", church=church, rules=load_tax_year(2026))
    if not {"--afkoeb", "--deltid"} & set(options):
        assert estimate.net_annual == net_by_hand(breakdown.taxable_pay, "Aarhus", church=church)
    return estimate


@pytest.mark.parametrize(("options", "target", "monthly"), TARGETS)
def test_solve_target_net_lands_within_a_krone_a_month(
    runner: CliRunner, options: list[str], target: str, monthly: bool
) -> None:
    args = ["solve", "-t", "51", "-d", "1.11.2025", "--target-net", target, "--kommune", "Aarhus", *options]
    data = run_json(runner, *args, "--skatteaar", "2026")
    wanted = Decimal(target.replace(".", "").replace(",", "."))
    assert (data["target"], data["target_kind"]) == (str(wanted), "net_monthly" if monthly else "net_annual")
    base = Decimal(data["kvalifikationsloen_base_amount"])
    assert base > 0

    def shown(net: NetPay) -> Decimal:
        return net.net_monthly if monthly else net.net_annual

    reached, one_less = net_with(base, options), net_with(base - 1, options)
    assert Decimal(data["reached"]) == shown(reached) >= wanted > shown(one_less)
    assert (shown(reached) - wanted) / (1 if monthly else 12) < 1  # less than a krone a month over
    assert Decimal(data["within"]) == (Decimal(1) if monthly else Decimal(12))
    assert (data["net_monthly"], data["net_annual"]) == (str(reached.net_monthly), str(reached.net_annual))
    assert data["net"]["gross"] == data["breakdown"]["annual_pay"] == str(reached.gross)
    assert data["already_reached"] is False
    assert data["warnings"] == [{"code": "inferred_tax_rule", "message": reached.notices[0].message}]


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=3_550_000, max_value=12_000_000))
def test_solve_net_for_any_monthly_target(target_ore: int) -> None:
    """Any target from just above trin 51's own net up to 120.000 kr. a month, to the øre, in the library."""
    target = Decimal(target_ore) / 100
    solved = chefloen.solve(trin=51, date="1.11.2025", target_net=target, kommune="Viborg", skatteaar=2026)
    rules = load_tax_year(2026)
    net = net_pay(solved.breakdown.taxable_pay, "Viborg", church=False, rules=rules)
    assert net.net_monthly == solved.reached
    assert Decimal(0) <= net.net_monthly - target < 1
    less = chefloen.quote(51, "1.11.2025", kvalifikationsloen=str(solved.base_amount - 1))
    assert net_pay(less.taxable_pay, "Viborg", church=False, rules=rules).net_monthly < target


def test_solve_target_net_table_says_what_it_found(runner: CliRunner) -> None:
    args = ["solve", "-t", "51", "-d", "1.11.2025", "--target-net", "45.000", "--kommune", "Aarhus"]
    result = runner.invoke(app, args, env={"COLUMNS": "1000"})
    assert result.exit_code == 0, result.stderr
    data = run_json(runner, *args)
    base, annual = int(data["kvalifikationsloen_base_amount"]), int(data["kvalifikationsloen_annual"])
    monthly, yearly = Decimal(data["net_monthly"]), int(data["net_annual"])
    first = result.stdout.splitlines()[0]
    assert first == (
        f"For at nå en nettoløn (skøn) på 45.000,00 kr. om måneden kræves kvalifikationsløn med grundbeløb "
        f"{danish(base)} (= {danish(annual)} kr. pr. 1.11.2025). Kontrol: nettolønnen bliver {danish(monthly, 2)} kr. "
        f"om måneden ({danish(yearly)} kr. om året), {danish(monthly - 45000, 2)} kr. over målet: inden for 1 kr. "
        "om måneden."
    )
    # The breakdown, its net estimate, and the warnings of both.
    for text in ("Kvalifikationsløn", "Nettoløn (skøn) 2026, Aarhus uden kirkeskat", "Nettoløn pr. måned"):
        assert text in result.stdout
    assert "Advarsel: Nettolønnen er et skøn efter skattereglerne for 2026: der er ingen regler for 2025" in (
        result.stdout
    )
    assert [warning["code"] for warning in data["warnings"]] == ["tax_year_missing", "inferred_tax_rule"]


def test_solve_target_net_csv_and_its_warnings(runner: CliRunner) -> None:
    args = ["solve", "-t", "51", "-d", "1.11.2025", "--target-net", "540.000", "--per", "AAR", "--kommune", "Aarhus"]
    result = runner.invoke(app, [*args, "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    header, row = (line.split(",") for line in result.stdout.splitlines())
    assert header == [
        "target", "target_kind", "kvalifikationsloen_base_amount", "kvalifikationsloen_annual", "reached", "within",
        "already_reached", "net_monthly", "net_annual",
    ]  # fmt: skip
    assert (row[0], row[1], row[5], row[6]) == ("540000", "net_annual", "12.00", "false")
    assert "Advarsel: Nettolønnen er et skøn efter skattereglerne for 2026" in result.stderr


def test_solve_target_net_already_reached(runner: CliRunner) -> None:
    args = ["solve", "-t", "51", "-d", "1.11.2025", "--target-net", "30.000", "--kommune", "Aarhus"]
    data = run_json(runner, *args)
    assert (data["kvalifikationsloen_base_amount"], data["already_reached"], data["within"]) == ("0", True, None)
    assert Decimal(data["reached"]) == a_month(net_by_hand(TRIN_51, "Aarhus"))
    table = runner.invoke(app, args, env={"COLUMNS": "1000"}).stdout
    assert table.startswith(
        "Målet er allerede nået uden kvalifikationsløn: nettolønnen (skøn) pr. 1.11.2025 er 35.429,17 kr. om "
        "måneden, og målet var 30.000,00 kr. om måneden."
    )


SOLVE = ["solve", "-t", "51", "-d", "1.11.2025"]
BAD = [
    pytest.param(
        ["--target-net", "45000"], "Error: --target-net needs --kommune, e.g. --kommune Viborg", id="no-kommune"
    ),
    pytest.param(
        ["--target-net=-45000", "--kommune", "Aarhus"], "Error: amount '-45000' must not be negative", id="negative"
    ),
    pytest.param(
        ["--target-net", "45000", "--kommune", "Aarhus", "--per", "uge"],
        "Error: unknown unit 'uge'; known: maaned (måned), aar (år)",
        id="unit",
    ),
    pytest.param(
        ["--target-net", "45000", "--kommune", "Aarhus", "--per", ""],
        "Error: unknown unit ''; known: maaned (måned), aar (år)",
        id="empty-unit",
    ),
    pytest.param(
        ["--target-net", "fyrretusind", "--kommune", "Aarhus"],
        "Error: amount 'fyrretusind' is not a number; write e.g. 50000, 50.000 or 50.000,50",
        id="not-a-number",
    ),
    pytest.param(
        ["--target-net", "45000", "--target-pay", "900000", "--kommune", "Aarhus"],
        "Error: give one target, not --target-pay and --target-net",
        id="two-targets",
    ),
    pytest.param([], "Error: give one of --target-pay, --target-total or --target-net", id="no-target"),
    pytest.param(["--target-pay", "900000", "--per", "aar"], "Error: --per goes with --target-net", id="stray-per"),
    pytest.param(
        ["--target-pay", "900000", "--kommune", "Aarhus"], "Error: --kommune goes with --target-net", id="stray-kommune"
    ),
    pytest.param(["--target-total", "1", "--kirke"], "Error: --kirke goes with --target-net", id="stray-kirke"),
    pytest.param(
        ["--target-net", "45000", "--kommune", "Atlantis"],
        "Error: unknown kommune 'Atlantis'; none is close: write it as the municipality is named, e.g. København",
        id="unknown-kommune",
    ),
    pytest.param(
        ["--target-net", "45000", "--kommune", "Aarhus", "--skatteaar", "2019"],
        "Error: no tax rules for 2019; known years: 2026",
        id="unknown-tax-year",
    ),
    pytest.param(
        ["--target-net", "900.000.000", "--kommune", "Aarhus"],
        "Error: no kvalifikationsløn below 100.000.000 reaches a net pay of 900000000 a month",
        id="out-of-reach",
    ),
]


@pytest.mark.parametrize(("options", "message"), BAD)
def test_bad_net_targets_are_one_line(runner: CliRunner, options: list[str], message: str) -> None:
    result = runner.invoke(app, [*SOLVE, *options])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_library_solve_with_a_net_target_is_the_cli_json(runner: CliRunner) -> None:
    cli = run_json(runner, "solve", "-t", "51", "-d", "1.11.2025", "--target-net", "600.000", "--per", "aar",
                   "--kommune", "Viborg", "--kirke")  # fmt: skip
    solved = chefloen.solve(trin=51, date="1.11.2025", target_net=600000, per="år", kommune="Viborg", kirke=True)
    assert solved.to_data() == cli
    with pytest.raises(chefloen.InputError, match=r"^target_net needs kommune, e.g. kommune='Viborg'$"):
        chefloen.solve(trin=51, target_net="45.000")
    with pytest.raises(chefloen.InputError, match=r"^per goes with target_net$"):
        chefloen.solve(trin=51, target_pay="900.000", per="aar")
    with pytest.raises(chefloen.InputError, match=r"^give one of target_pay, target_total or target_net$"):
        chefloen.solve(trin=51, target_pay="900.000", target_net="45.000", kommune="Viborg")


def test_library_compare_with_kommune_has_the_net_differences() -> None:
    specs = ["A | trin=51", "B | trin=52"]
    summary = chefloen.compare(specs, "1.11.2025", kommune="Aarhus").to_data()["summary"]
    difference = net_by_hand(TRIN_52, "Aarhus") - net_by_hand(TRIN_51, "Aarhus")
    assert [row["diff_net_annual"] for row in summary] == ["0", str(difference)]


OFFER = ["offer", "--posting", "kontorchef-sundhed-praksis", "-d", "1.11.2025"]


def offer_page(runner: CliRunner, tmp_path: Path, *options: str) -> str:
    page = tmp_path / f"tilbud-{len(list(tmp_path.iterdir()))}.html"
    result = runner.invoke(app, [*OFFER, *options, "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    return page.read_text(encoding="utf-8")


def test_offer_with_a_kommune_shows_the_net_pay_worked_by_hand(runner: CliRunner, tmp_path: Path) -> None:
    page = offer_page(runner, tmp_path, "--kommune", "Viborg")
    # The posting's published level at 1.11.2025 is 792.072 kr.: mellemskat, and Viborg's skatteloft cut.
    net = net_by_hand(Decimal(792072), "Viborg")
    assert "<h2>Nettoløn (skøn) 2026, Viborg uden kirkeskat</h2>" in page
    assert f"<td>Nettoløn pr. år</td><td class='num'>{danish(net)} kr.</td>" in page
    assert f"<td>Nettoløn pr. måned</td><td class='num'>{danish(a_month(net), 2)} kr.</td>" in page
    # The estimate's own warning, as the sheet says it to the candidate.
    assert "Nettolønnen er et skøn efter skattereglerne for 2026: reglerne for 2025 er ikke med i beregningen" in page
    # --kommune alone is what --net --kommune gives.
    assert page == offer_page(runner, tmp_path, "--net", "--kommune", "Viborg")
    church = offer_page(runner, tmp_path, "--kommune", "Viborg", "--kirke", "--skatteaar", "2026")
    assert f"<td class='num'>{danish(net_by_hand(Decimal(792072), 'Viborg', church=True))} kr.</td>" in church
    assert "med kirkeskat" in church
    assert "reglerne for 2025" not in church


def test_offer_without_a_kommune_has_no_net_pay(runner: CliRunner, tmp_path: Path) -> None:
    assert "Nettoløn" not in offer_page(runner, tmp_path)
    result = runner.invoke(app, [*OFFER, "--net", "-o", str(tmp_path / "tilbud.html")])
    assert (result.exit_code, result.stderr) == (2, "Error: --net needs --kommune, e.g. --kommune Viborg\n")
