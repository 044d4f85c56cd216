"""Published figures the program must reproduce to the krone (shared/reference/aftale-for-chefer.md)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from chefloen.calc import compute
from chefloen.indexing import convert
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
        pytest.param(dt.date(2025, 11, 1), "51", 667552, id="rltn-trin51-2025-11-01"),
        pytest.param(dt.date(2025, 11, 1), "52", 759591, id="reference-trin52-2025-11-01"),
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
        # Reference §1: the difference to the posted level at the 1.11.2025 factor 1,169930.
        pytest.param("kontorchef-sundhed-praksis", 792072, 124520, 106434, id="kontorchef"),
        pytest.param("direktoer-regionssekretariatet", 1072226, 312635, 267225, id="direktoer"),
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
    assert round_money(result.result * Decimal("1.169930")) == 25000
    assert result.check == 25000


# RLTN lønoversigter for the regions: chef trin 51, monthly pay at each regulation date (reference §3).
# RLTN prints monthly amounts; the annual amount is the monthly one × 12, rounded to whole kroner.
RLTN_TRIN_51_MONTHLY = {
    dt.date(2024, 10, 1): Decimal("55013.08"),
    dt.date(2025, 4, 1): Decimal("55013.08"),  # unchanged at 1.4.2025
    dt.date(2025, 10, 1): Decimal("55242.75"),
    dt.date(2025, 11, 1): Decimal("55629.33"),
    dt.date(2026, 4, 1): Decimal("56964.42"),
}
# The factor at each date as KRL's satstabel publishes it (reguleringsprocent 15,6970 -> 1,156970), and
# for 1.4.2026 as the RLTN table and OK26 give it (1,16993 + 0,024 × 1,16993).
PUBLISHED_FACTORS = {
    dt.date(2024, 10, 1): Decimal("1.156970"),
    dt.date(2025, 4, 1): Decimal("1.156970"),
    dt.date(2025, 10, 1): Decimal("1.161800"),
    dt.date(2025, 11, 1): Decimal("1.169930"),
    dt.date(2026, 4, 1): Decimal("1.198008"),
}
# DM's chef trin table (reference §4): annual grundbeløb at the 31.3.2018 level.
DM_GRUNDBELOEB = {
    "49": 482864,
    "50": 516572,
    "51": 570591,
    "52": 649262,
    "53": 712865,
    "54": 797658,
    "55": 899580,
    "55+": 1013870,
}
OK26_DATES = list(RLTN_TRIN_51_MONTHLY)


def annual_of_monthly(monthly: Decimal) -> Decimal:
    return (monthly * 12).quantize(Decimal(1), ROUND_HALF_UP)


@pytest.mark.parametrize("on", OK26_DATES, ids=str)
def test_trin_51_reproduces_the_rltn_monthly_table(scales: Scales, on: dt.date) -> None:
    breakdown = compute(Scenario(on=on, step="51"), scales)
    assert breakdown.annual_pay == annual_of_monthly(RLTN_TRIN_51_MONTHLY[on])
    assert breakdown.factor.entry.value == PUBLISHED_FACTORS[on]
    assert breakdown.factor.entry.status == "sourced"


@pytest.mark.parametrize("on", OK26_DATES[1:], ids=str)
def test_trin_51_the_day_before_each_date_is_the_previous_table(scales: Scales, on: dt.date) -> None:
    previous = OK26_DATES[OK26_DATES.index(on) - 1]
    breakdown = compute(Scenario(on=on - dt.timedelta(days=1), step="51"), scales)
    assert breakdown.annual_pay == annual_of_monthly(RLTN_TRIN_51_MONTHLY[previous])


@pytest.mark.parametrize("on", OK26_DATES, ids=str)
@pytest.mark.parametrize("step", DM_GRUNDBELOEB, ids=lambda step: f"trin-{step}")
def test_every_chef_trin_at_every_ok24_and_ok26_date(scales: Scales, step: str, on: dt.date) -> None:
    """DM's grundbeløb × the published factor, rounded half up (reference §2), and the day before at the
    factor before it (1.10.2024: the 1.4.2024 factor 1,141109)."""
    expected = (DM_GRUNDBELOEB[step] * PUBLISHED_FACTORS[on]).quantize(Decimal(1), ROUND_HALF_UP)
    assert compute(Scenario(on=on, step=step), scales).annual_pay == expected
    before = PUBLISHED_FACTORS.get(OK26_DATES[OK26_DATES.index(on) - 1]) if on != OK26_DATES[0] else None
    before_expected = (DM_GRUNDBELOEB[step] * (before or Decimal("1.141109"))).quantize(Decimal(1), ROUND_HALF_UP)
    assert compute(Scenario(on=on - dt.timedelta(days=1), step=step), scales).annual_pay == before_expected


def test_the_forecasts_made_at_ok24_are_gone(scales: Scales) -> None:
    values = {factor.value for factor in scales.regulation.factors}
    assert values.isdisjoint({Decimal("1.160420"), Decimal("1.166674"), Decimal("1.168869")})
    assert all(factor.status == "sourced" for factor in scales.regulation.factors if factor.effective >= OK26_DATES[0])


def test_ok26_opens_with_2_40_percent_of_its_start_level(scales: Scales) -> None:
    ok26 = next(period for period in scales.regulation.periods if period.name == "OK26")
    assert (ok26.first_regulation, ok26.last_day, ok26.start_level) == (
        dt.date(2026, 4, 1),
        dt.date(2029, 3, 31),
        Decimal("1.169930"),
    )
    opened = (Decimal("1.16993") + Decimal("0.024") * Decimal("1.16993")).quantize(Decimal("0.000001"), ROUND_HALF_UP)
    assert scales.regulation.at(dt.date(2026, 4, 1)).entry.value == opened == Decimal("1.198008")


@pytest.mark.parametrize(
    ("posting_id", "on", "published"),
    [
        # Reference §1: the posted levels at their own date.
        pytest.param("kontorchef-sundhed-praksis", dt.date(2025, 11, 1), 792072, id="kontorchef-own-date"),
        pytest.param("direktoer-regionssekretariatet", dt.date(2025, 11, 1), 1072226, id="direktoer-own-date"),
    ],
)
def test_postings_at_their_own_date(scales: Scales, posting_id: str, on: dt.date, published: int) -> None:
    assert compute(Scenario(on=on, posting=posting_id), scales).annual_pay == published


def test_director_posting_reindexed_to_its_start_date_1_april_2026(scales: Scales) -> None:
    """Trin 52 (DM 649.262) and the difference grundbeløb 267.225 (reference §1), each × 1,198008 and rounded."""
    breakdown = compute(Scenario(on=dt.date(2026, 4, 1), posting="direktoer-regionssekretariatet"), scales)
    trin = (Decimal(649262) * Decimal("1.198008")).quantize(Decimal(1), ROUND_HALF_UP)
    difference = (Decimal(267225) * Decimal("1.198008")).quantize(Decimal(1), ROUND_HALF_UP)
    assert [line.annual for line in breakdown.lines] == [trin, difference]
    assert breakdown.annual_pay == trin + difference == 1097959
    high = (breakdown.annual_pay * Decimal("0.2159")).quantize(Decimal(1), ROUND_HALF_UP)
    low = (trin * Decimal("0.2159")).quantize(Decimal(1), ROUND_HALF_UP)
    assert (breakdown.pension, breakdown.pension_low) == (high, low)
    assert (breakdown.total, breakdown.total_low) == (breakdown.annual_pay + high, breakdown.annual_pay + low)
