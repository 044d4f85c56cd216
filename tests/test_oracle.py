"""Published figures the program must reproduce to the krone (shared/reference/aftale-for-chefer.md)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from chefloen import compute, convert
from chefloen.model import Scales, Scenario
from chefloen.money import ORE, round_money

# DM "Regionalt ansat leder", chef table at 1.10.2023 (factor 1,09722): printed annual amounts.
DM_2023_10_01 = {
    "49": 529808,
    "50": 566793,
    "51": 626064,
    "52": 712383,
    "53": 782170,
    "54": 875206,
    "55": 987037,
    "55+": 1112438,
}


@pytest.mark.parametrize(("step", "published"), DM_2023_10_01.items(), ids=lambda v: f"dm-{v}")
def test_dm_chef_table_2023_10_01(scales: Scales, step: str, published: int) -> None:
    breakdown = compute(Scenario(on=dt.date(2023, 10, 1), step=step), scales)
    assert breakdown.annual_pay == published


@pytest.mark.parametrize(
    ("on", "step", "published"),
    [
        pytest.param(dt.date(2018, 4, 1), "51", 576868, id="laeger-trin51-2018-04-01"),
        pytest.param(dt.date(2021, 4, 1), "51", 605467, id="laeger-trin51-2021-04-01"),
        pytest.param(dt.date(2025, 11, 1), "51", 666946, id="reference-trin51-2025-11-01"),
        pytest.param(dt.date(2025, 11, 1), "52", 758902, id="reference-trin52-2025-11-01"),
    ],
)
def test_printed_single_amounts(scales: Scales, on: dt.date, step: str, published: int) -> None:
    assert compute(Scenario(on=on, step=step), scales).annual_pay == published


def test_printed_amount_in_ore_at_2024_04_01(scales: Scales) -> None:
    # laeger.dk: 9.800 kr. (31.3.2018 level) is 11.182,87 kr. from 1.4.2024.
    factor = scales.regulation.at(dt.date(2024, 4, 1)).entry.value
    assert round_money(Decimal(9800) * factor, ORE) == Decimal("11182.87")


@pytest.mark.parametrize(
    ("posting_id", "level", "supplement", "supplement_base"),
    [
        pytest.param("kontorchef-sundhed-praksis", 792072, 125126, 107049, id="kontorchef"),
        pytest.param("direktoer-regionssekretariatet", 1072226, 313324, 268057, id="direktoer"),
    ],
)
def test_postings_reproduce_their_published_level(
    scales: Scales, posting_id: str, level: int, supplement: int, supplement_base: int
) -> None:
    breakdown = compute(Scenario(on=dt.date(2025, 11, 1), posting=posting_id), scales)
    assert breakdown.annual_pay == level
    line = next(line for line in breakdown.lines if line.key == "opslagstillaeg")
    assert (line.annual, line.base_amount) == (Decimal(supplement), Decimal(supplement_base))


def test_kontorchef_pension_total_and_monthly(scales: Scales) -> None:
    breakdown = compute(Scenario(on=dt.date(2025, 11, 1), posting="kontorchef-sundhed-praksis"), scales)
    pension = (Decimal(792072) * Decimal("0.2159")).quantize(Decimal(1), ROUND_HALF_UP)
    assert pension == 171008  # 171.008,34 before rounding
    assert breakdown.pension == pension
    assert breakdown.total == 792072 + 171008
    data_monthly = (Decimal(792072) / 12).quantize(ORE, ROUND_HALF_UP)
    assert data_monthly == Decimal("66006.00")
    assert breakdown.lines[0].monthly + breakdown.lines[1].monthly == data_monthly


@pytest.mark.parametrize(
    ("before", "percent", "period_start", "after_date"),
    [
        # 1,083866 + 0,0077 × 1,053224 = 1,091976 (published 1.1.2023)
        pytest.param(dt.date(2022, 10, 1), "0.77", "OK21", dt.date(2023, 1, 1), id="ok21-2023-01-01"),
        # 1,09722 + 0,04 × 1,09722 = 1,141109 (1.4.2024)
        pytest.param(dt.date(2023, 10, 1), "4", "OK24", dt.date(2024, 4, 1), id="ok24-2024-04-01"),
    ],
)
def test_additive_rule_reproduces_published_factors(
    scales: Scales, before: dt.date, percent: str, period_start: str, after_date: dt.date
) -> None:
    start = next(period.start_level for period in scales.regulation.periods if period.name == period_start)
    old = scales.regulation.at(before).entry.value
    expected = (old + Decimal(percent) / 100 * start).quantize(Decimal("0.000001"), ROUND_HALF_UP)
    assert scales.regulation.at(after_date).entry.value == expected


def test_convert_25000_kroner_today_round_trips(scales: Scales) -> None:
    result = convert(Decimal(25000), dt.date(2025, 11, 1), scales, to="grundbeloeb")
    assert round_money(result.result * Decimal("1.168869")) == 25000
    assert result.check == 25000
