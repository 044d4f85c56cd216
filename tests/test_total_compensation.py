"""Pension taken as pay (fritvalg), the særlig feriegodtgørelse, and net pay month by month, against hand
arithmetic from the published figures: the factor 1,198008 (RLTN 1.4.2026), the direktør posting's grundbeløb
(reference §1), the 21,59 % pension and its 15 % floor (§5), 2,49 % ferietillæg (§6) and the 2026 tax rules (§7)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from typer.testing import CliRunner

from chefloen import api
from chefloen.calc import compute
from chefloen.cli.app import app
from chefloen.errors import InputError
from chefloen.loading.scales import load_scales
from chefloen.model import Fritvalg, Scenario
from tests.test_tax import expected_net

F_2026 = Decimal("1.198008")  # RLTN lønoversigt 1.4.2026
TRIN_52, DIREKTOER_SUPPLEMENT = 649262, 267225  # DM's trin 52; the posting's difference (reference §1)
TRIN_51 = 570591
AARHUS = "24.52"  # skm.dk kommuneskat 2026


def kroner(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), ROUND_HALF_UP))


def ore(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_direktoer_takes_all_pension_above_the_floor_as_pay_and_its_net_is_the_hand_calculation() -> None:
    code, out, err = invoke(
        "posting", "direktoer-regionssekretariatet", "--date", "1.4.2026", "--fritvalg", "max",
        "--net", "--kommune", "Aarhus", "-f", "json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    basis, supplement = kroner(TRIN_52 * F_2026), kroner(DIREKTOER_SUPPLEMENT * F_2026)
    pay = basis + supplement
    agreed = kroner(pay * Decimal("0.2159"))
    kept = kroner(pay * Decimal("0.15"))
    assert data["annual_pay"] == str(pay)
    assert data["pension"] == str(kept)
    assert data["fritvalg"]["points"] == "6.59"
    assert data["fritvalg"]["pension_rate_kept"] == "15.00"
    assert data["fritvalg"]["annual"] == str(agreed - kept)
    # The pension's low end (the difference to the level not pensionable) is at 15 % too.
    assert data["pension_low"] == str(kroner(basis * Decimal("0.15")))
    assert data["fritvalg"]["annual_low"] == str(kroner(basis * Decimal("0.2159")) - kroner(basis * Decimal("0.15")))
    # Pay and pension together are what they were: the pension given up is paid as pay.
    assert data["total"] == str(pay + agreed)
    # The fritvalgstillæg is taxed (AM-bidrag and income tax), so the net is that of pay + fritvalgstillæg.
    taxable = pay + agreed - kept
    assert data["taxable_pay"] == str(taxable)
    assert data["net"]["gross"] == str(taxable)
    assert data["net"]["net_annual"] == str(expected_net(taxable, AARHUS, "0"))
    # Not pensionable: the pension base is the pay lines alone.
    assert data["pensionable_pay"] == str(pay)
    assert [note["code"] for note in data["notes"]][-2:] == ["fritvalg", "holiday_pay"]
    note = next(note["message"] for note in data["notes"] if note["code"] == "fritvalg")
    assert "forhøjede fritvalgsbidrag er ikke medregnet" in note
    assert "--fritvalg-gulv" in note


def test_the_table_names_each_part_and_the_pension_left() -> None:
    code, out, _ = invoke("quote", "-t", "51", "-d", "1.4.2026", "--fritvalg", "max")
    assert code == 0
    pay = kroner(TRIN_51 * F_2026)
    fritvalg = kroner(pay * Decimal("0.2159")) - kroner(pay * Decimal("0.15"))
    for label, figure in [
        ("Fritvalgstillæg 6,59 %", fritvalg),
        ("Løn inkl. fritvalgstillæg", pay + fritvalg),
        ("Pension 15 %", kroner(pay * Decimal("0.15"))),
    ]:
        # Tables keep a no-break space before "%", so that a label never breaks there.
        line = next(line for line in out.replace("\u00a0", " ").splitlines() if label in line)
        assert f"{figure:,}".replace(",", ".") + " kr." in line, line


def test_a_regionsdirektoer_may_take_684_points(tmp_path: object) -> None:
    scales = load_scales()
    on = dt.date(2026, 4, 1)
    scenario = Scenario(on=on, step="55", pension_group="regionsdirektoer", fritvalg=Fritvalg())
    breakdown = compute(scenario, scales)
    assert breakdown.fritvalg is not None
    assert breakdown.fritvalg.points == Decimal("6.84")
    assert breakdown.kept_rate == Decimal("15.00")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fritvalg", "7"], "fritvalg of 7 points is more than the 6,59 points"),
        (["--fritvalg", "-1"], "fritvalg"),
        (["--fritvalg", "lidt"], "fritvalg"),
        (["--fritvalg-gulv", "16"], "fritvalg_gulv needs fritvalg"),
        (["--fritvalg", "max", "--fritvalg-gulv", "100"], "fritvalg_gulv"),
    ],
)
def test_fritvalg_beyond_the_room_or_malformed_is_one_line(args: list[str], message: str) -> None:
    code, out, err = invoke("quote", "-t", "51", "-d", "1.4.2026", *args)
    assert code != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert message in err, err


def test_a_floor_of_ones_own_is_marked_as_such() -> None:
    breakdown = api.quote("51", "1.4.2026", fritvalg="max", fritvalg_gulv="16")
    data = breakdown.to_data()["fritvalg"]
    assert (data["points"], data["floor"], data["floor_status"]) == ("5.59", "16", "user")
    assert "angivet af brugeren" in next(n.message for n in breakdown.notes if n.code == "fritvalg")


def test_fritvalg_of_some_points_and_none() -> None:
    pay = kroner(TRIN_51 * F_2026)
    some = api.quote("51", "1.4.2026", fritvalg="3,5 %")
    assert some.pension == kroner(pay * (Decimal("0.2159") - Decimal("0.035")))
    assert some.fritvalg_annual == kroner(pay * Decimal("0.2159")) - some.pension
    none = api.quote("51", "1.4.2026", fritvalg="0")
    assert (none.pension, none.fritvalg_annual) == (Decimal(kroner(pay * Decimal("0.2159"))), Decimal(0))


def test_the_ferietillaeg_and_the_whole_package() -> None:
    pay = kroner(TRIN_51 * F_2026)
    plain = api.quote("51", "1.12.2026")
    assert plain.holiday == kroner(pay * Decimal("0.0249"))
    assert plain.total_compensation == pay + kroner(pay * Decimal("0.2159")) + plain.holiday
    taken = api.quote("51", "1.12.2026", fritvalg="max")
    fritvalg = kroner(pay * Decimal("0.2159")) - kroner(pay * Decimal("0.15"))
    assert taken.holiday == kroner((pay + fritvalg) * Decimal("0.0249"))  # ferieberettiget: pay incl. fritvalg
    assert taken.total == plain.total  # pay and pension unchanged in all
    # Before 1.5.2024 the rate is 1,95 % (inferred: 2,49 - 0,54), and the result says so.
    early = api.quote("51", "1.10.2023")
    assert early.holiday == kroner(early.annual_pay * Decimal("0.0195"))
    assert "inferred_holiday_rate" in {notice.code for notice in early.notices}


def test_earnings_pays_the_ferietillaeg_in_may_and_august_on_the_months_earned() -> None:
    result = api.earnings("51", start="1.1.2026", end="31.5.2027")
    by_month = {month.first_day: month for month in result.months}
    pays = {day: month.pay for day, month in by_month.items()}

    def pay_of(year: int, months: range) -> Decimal:
        return sum((pays[dt.date(year, m, 1)] for m in months), Decimal(0))

    # May 2026: the ferielov's 1 % of January–May; nothing of 2025 (not employed then).
    assert by_month[dt.date(2026, 5, 1)].holiday == ore(pay_of(2026, range(1, 6)) / 100)
    assert by_month[dt.date(2026, 8, 1)].holiday == ore(pay_of(2026, range(6, 9)) / 100)
    # May 2027: 1 % of September 2026–May 2027, and the other 1,49 % of all of 2026.
    law = pay_of(2026, range(9, 13)) + pay_of(2027, range(1, 6))
    assert by_month[dt.date(2027, 5, 1)].holiday == ore(law / 100 + pay_of(2026, range(1, 13)) * Decimal("0.0149"))
    # 1,49 % of January–May 2027 is paid in May 2028, after the period.
    assert result.holiday_outstanding == ore(pay_of(2027, range(1, 6)) * Decimal("0.0149"))
    assert sum(1 for month in result.months if month.holiday) == 3


def test_earnings_net_over_2026_sums_to_the_years_net_estimate() -> None:
    result = api.earnings("51", start="1.1.2026", end="31.12.2026", kommune="Aarhus", fritvalg="max")
    gross = sum((month.pay + month.fritvalg + month.holiday for month in result.months), Decimal(0))
    assert result.years[0].estimate.gross == gross
    # The net of the year's income, by hand; the months add up to it to the øre.
    year_net = expected_net(gross, AARHUS, "0")  # type: ignore[arg-type]
    assert result.net == year_net
    assert sum((month.net or Decimal(0) for month in result.months), Decimal(0)) == year_net
    # Months of the same gross have the same net; the month with the ferietillæg more.
    nets = {month.first_day.month: month.net for month in result.months}
    assert nets[6] == nets[7]
    assert nets[5] is not None
    assert nets[6] is not None
    assert nets[5] > nets[6]


def test_earnings_net_in_json_and_csv_and_without_a_kommune() -> None:
    args = ["earnings", "-t", "51", "--from", "1.1.2026", "--to", "31.12.2027"]
    code, out, err = invoke(*args, "--net", "--kommune", "Viborg", "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [year["year"] for year in data["years"]] == [2026, 2027]
    # 2027's rules are not known: the 2026 rules are used, and a warning says so.
    assert "tax_year_missing" in {warning["code"] for warning in data["warnings"]}
    assert all(month["net"] is not None for month in data["months"])
    code, out, _ = invoke(*args, "--net", "--kommune", "Viborg", "-f", "csv")
    assert code == 0
    assert out.splitlines()[0].endswith(",fritvalg,holiday_pay,net")
    code, out, err = invoke(*args, "--net")
    assert (code, out, err.strip()) == (2, "", "Error: --net needs --kommune, e.g. --kommune Viborg")


def test_batch_rows_take_fritvalg_and_give_the_package() -> None:
    rows = list(api.batch([{"trin": "51", "date": "1.4.2026", "fritvalg": "max"}, {"trin": "51", "fritvalg": "9"}]))
    data = rows[0].to_data()
    quote = api.quote("51", "1.4.2026", fritvalg="max")
    assert (data["fritvalgstillaeg"], data["pension"]) == (str(quote.fritvalg_annual), str(quote.pension))
    assert (data["holiday_pay"], data["total_compensation"]) == (str(quote.holiday), str(quote.total_compensation))
    assert rows[1].error is not None
    assert "more than the 6,59 points" in rows[1].error


def test_a_scenario_refuses_a_floor_at_or_above_the_rate_room() -> None:
    with pytest.raises(InputError, match="more than the 0 points"):
        api.quote("51", "1.4.2026", fritvalg="1", fritvalg_gulv="21,59")
