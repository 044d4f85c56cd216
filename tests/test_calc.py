"""The engine's rules, each checked against arithmetic done here from the published inputs."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chefloen import compute
from chefloen.errors import InputError, NotCoveredError, UnknownKeyError
from chefloen.model import Afkoeb, PartTime, Scales, Scenario, Supplement

NOV_2025 = dt.date(2025, 11, 1)
F_NOV_2025 = Decimal("1.169930")  # RLTN pay table 1.11.2025, KRL 16,9930 (reference §3)
TRIN_51 = Decimal(570591)
TRIN_53 = Decimal(712865)


def kroner(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), ROUND_HALF_UP)


def lines_by_key(scenario: Scenario, scales: Scales) -> dict[str, Decimal]:
    return {line.key: line.annual for line in compute(scenario, scales).lines}


def test_kvalifikationsloen_and_funktionsloen_are_regulated_and_pensionable(scales: Scales) -> None:
    scenario = Scenario(on=NOV_2025, step="51", kvalifikationsloen=Decimal(50000), funktionsloen=Decimal(12345))
    breakdown = compute(scenario, scales)
    expected = [kroner(TRIN_51 * F_NOV_2025), kroner(50000 * F_NOV_2025), kroner(12345 * F_NOV_2025)]
    assert [line.annual for line in breakdown.lines] == expected
    assert all(line.pensionable for line in breakdown.lines)
    assert breakdown.pension == kroner(sum(expected) * Decimal("0.2159"))


def test_named_supplements_each_get_a_line(scales: Scales) -> None:
    scenario = Scenario(
        on=NOV_2025,
        step="51",
        supplements=(Supplement("Ledelse", Decimal(20000)), Supplement("Rådighed", Decimal(5000), pensionable=False)),
    )
    breakdown = compute(scenario, scales)
    assert [line.label for line in breakdown.lines] == ["Basisløn, trin 51", "Tillæg: Ledelse", "Tillæg: Rådighed"]
    assert breakdown.lines[2].annual == kroner(5000 * F_NOV_2025)
    assert breakdown.pensionable_pay == kroner(TRIN_51 * F_NOV_2025) + kroner(20000 * F_NOV_2025)


def test_afkoeb_percent_of_pay_not_pensionable_by_default(scales: Scales) -> None:
    breakdown = compute(Scenario(on=NOV_2025, step="53", afkoeb=Afkoeb("percent", Decimal(10))), scales)
    basis = kroner(TRIN_53 * F_NOV_2025)
    afkoeb = breakdown.lines[-1]
    assert (afkoeb.key, afkoeb.annual, afkoeb.pensionable) == ("afkoeb", kroner(basis * Decimal("0.10")), False)
    assert breakdown.pension == kroner(basis * Decimal("0.2159"))


def test_afkoeb_pensionable_when_asked(scales: Scales) -> None:
    afkoeb = Afkoeb("percent", Decimal(10), pensionable=True)
    breakdown = compute(Scenario(on=NOV_2025, step="53", afkoeb=afkoeb), scales)
    assert breakdown.pension == kroner(breakdown.annual_pay * Decimal("0.2159"))


def test_afkoeb_amount_is_a_regulated_grundbeloeb(scales: Scales) -> None:
    lines = lines_by_key(Scenario(on=NOV_2025, step="51", afkoeb=Afkoeb("amount", Decimal(25000))), scales)
    assert lines["afkoeb"] == kroner(25000 * F_NOV_2025)


def test_afkoeb_hours_a_week(scales: Scales) -> None:
    # 5 hours a week all year = 5 × 52 / 1924 of annual pay (reference §2.5).
    lines = lines_by_key(Scenario(on=NOV_2025, step="51", afkoeb=Afkoeb("hours", Decimal(5))), scales)
    pay = kroner(TRIN_51 * F_NOV_2025)
    assert lines["afkoeb"] == kroner(pay * 5 * 52 / 1924)


def test_afkoeb_hours_for_a_part_timer_uses_the_full_time_hourly_rate(scales: Scales) -> None:
    scenario = Scenario(
        on=NOV_2025, step="51", afkoeb=Afkoeb("hours", Decimal(2)), part_time=PartTime("hours", Decimal(30))
    )
    lines = lines_by_key(scenario, scales)
    part_pay = kroner(TRIN_51 * F_NOV_2025 * 30 / 37)
    assert lines["afkoeb"] == kroner(part_pay / (Decimal(30) / 37) * 2 * 52 / 1924)


def test_one_off_is_not_regulated_nor_pensionable_by_default(scales: Scales) -> None:
    breakdown = compute(Scenario(on=NOV_2025, step="51", one_off=Decimal("30000.40")), scales)
    line = breakdown.lines[-1]
    expected = ("engangsvederlag", None, Decimal(30000), False)
    assert (line.key, line.base_amount, line.annual, line.pensionable) == expected
    pensionable = compute(Scenario(on=NOV_2025, step="51", one_off=Decimal(30000), one_off_pensionable=True), scales)
    assert pensionable.pension == kroner((kroner(TRIN_51 * F_NOV_2025) + 30000) * Decimal("0.2159"))


@pytest.mark.parametrize(
    ("part_time", "fraction"),
    [(PartTime("fraction", Decimal("0.8")), Decimal("0.8")), (PartTime("hours", Decimal(30)), Decimal(30) / 37)],
    ids=["fraction", "hours"],
)
def test_part_time_scales_every_regulated_component(scales: Scales, part_time: PartTime, fraction: Decimal) -> None:
    scenario = Scenario(
        on=NOV_2025, posting="kontorchef-sundhed-praksis", kvalifikationsloen=Decimal(50000), part_time=part_time
    )
    lines = lines_by_key(scenario, scales)
    assert lines == {
        "basisloen": kroner(TRIN_51 * F_NOV_2025 * fraction),
        "opslagstillaeg": kroner(106434 * F_NOV_2025 * fraction),
        "kvalifikationsloen": kroner(50000 * F_NOV_2025 * fraction),
    }


def test_pension_rate_in_force_and_overrides(scales: Scales) -> None:
    before = compute(Scenario(on=dt.date(2022, 3, 31), step="51"), scales)
    after = compute(Scenario(on=dt.date(2022, 4, 1), step="51"), scales)
    assert (before.pension_rate.percent, after.pension_rate.percent) == (Decimal("21.11"), Decimal("21.59"))
    assert before.pension == kroner(before.annual_pay * Decimal("0.2111"))
    assert any(notice.code == "inferred_pension_rate" for notice in before.notices)
    director = compute(Scenario(on=NOV_2025, step="55+", pension_group="regionsdirektoer"), scales)
    assert director.pension == kroner(director.annual_pay * Decimal("0.2184"))
    custom = compute(Scenario(on=NOV_2025, step="51", pension_percent=Decimal(17)), scales)
    assert custom.pension_overridden
    assert custom.pension == kroner(custom.annual_pay * Decimal("0.17"))


def test_director_posting_shows_pension_both_ways(scales: Scales) -> None:
    breakdown = compute(Scenario(on=NOV_2025, posting="direktoer-regionssekretariatet"), scales)
    assert breakdown.pension == kroner(Decimal(1072226) * Decimal("0.2159"))
    # Reference §1: trin 52 is 759.591 kr. at 1.11.2025; the low end leaves the difference to the level out.
    assert breakdown.pension_low == kroner(Decimal(759591) * Decimal("0.2159"))
    assert breakdown.total_low == 1072226 + breakdown.pension_low
    assert "level_includes_afkoeb" in {notice.code for notice in breakdown.notices}


def test_only_a_level_with_afkoeb_has_a_pension_range(scales: Scales) -> None:
    breakdown = compute(Scenario(on=NOV_2025, posting="kontorchef-sundhed-praksis"), scales)
    assert (breakdown.pension_low, breakdown.total_low) == (None, None)


def test_posting_reindexes_to_another_date(scales: Scales) -> None:
    breakdown = compute(Scenario(on=dt.date(2023, 10, 1), posting="kontorchef-sundhed-praksis"), scales)
    # DM 1.10.2023: trin 51 626.064; the difference grundbeløb 106.434 (reference §1) at 1,09722.
    assert breakdown.annual_pay == 626064 + kroner(106434 * Decimal("1.09722"))


@pytest.mark.parametrize(
    ("on", "codes"),
    [
        # Before 1.5.2024 the særlig feriegodtgørelse, 1,95 %, is inferred (2,49 - 0,54), and says so.
        pytest.param(dt.date(2023, 10, 1), {"inferred_holiday_rate"}, id="sourced"),
        pytest.param(dt.date(2024, 4, 1), {"inferred_factor", "inferred_holiday_rate"}, id="inferred"),
        pytest.param(NOV_2025, set(), id="sourced-ok24"),
        pytest.param(dt.date(2026, 4, 1), set(), id="sourced-ok26"),
        pytest.param(dt.date(2026, 4, 2), {"after_last_regulation"}, id="after-last"),
        pytest.param(dt.date(2026, 11, 23), {"after_last_regulation"}, id="after-last-today"),
    ],
)
def test_warnings_follow_the_factor_used(scales: Scales, on: dt.date, codes: set[str]) -> None:
    assert {notice.code for notice in compute(Scenario(on=on, step="51"), scales).notices} == codes


@pytest.mark.parametrize(
    ("scenario", "error"),
    [
        pytest.param(Scenario(on=dt.date(2018, 3, 30), step="51"), NotCoveredError, id="before-first-factor"),
        pytest.param(Scenario(on=NOV_2025, step="56"), UnknownKeyError, id="unknown-trin"),
        pytest.param(Scenario(on=NOV_2025, posting="nope"), UnknownKeyError, id="unknown-posting"),
        pytest.param(Scenario(on=NOV_2025), InputError, id="neither-trin-nor-posting"),
        pytest.param(Scenario(on=NOV_2025, step="51", kvalifikationsloen=Decimal(-1)), InputError, id="negative"),
        pytest.param(
            Scenario(on=NOV_2025, step="51", part_time=PartTime("hours", Decimal(40))), InputError, id="over-full-time"
        ),
        pytest.param(
            Scenario(on=dt.date(2022, 3, 1), step="51", pension_group="regionsdirektoer"),
            NotCoveredError,
            id="no-rate-yet",
        ),
    ],
)
def test_rule_errors(scales: Scales, scenario: Scenario, error: type[Exception]) -> None:
    with pytest.raises(error):
        compute(scenario, scales)


# --- properties ------------------------------------------------------------------------------

dates = st.dates(min_value=dt.date(2018, 3, 31), max_value=dt.date(2030, 12, 31))
amounts = st.integers(min_value=0, max_value=500_000).map(Decimal)


@settings(max_examples=200, deadline=None)
@given(on=dates, kval=amounts, afkoeb=st.integers(min_value=0, max_value=30).map(Decimal))
def test_totals_are_sums_of_rounded_lines(scales: Scales, on: dt.date, kval: Decimal, afkoeb: Decimal) -> None:
    scenario = Scenario(on=on, step="52", kvalifikationsloen=kval, afkoeb=Afkoeb("percent", afkoeb))
    breakdown = compute(scenario, scales)
    assert breakdown.annual_pay == sum(line.annual for line in breakdown.lines)
    assert all(line.annual == line.annual.to_integral_value() for line in breakdown.lines)
    assert breakdown.pension == kroner(breakdown.pensionable_pay * breakdown.pension_rate.percent / 100)
    assert breakdown.total == breakdown.annual_pay + breakdown.pension
    assert abs(sum(line.monthly for line in breakdown.lines) * 12 - breakdown.annual_pay) <= Decimal("0.06") * len(
        breakdown.lines
    )


@settings(max_examples=100, deadline=None)
@given(on=dates)
def test_pay_rises_with_trin(scales: Scales, on: dt.date) -> None:
    pays = [compute(Scenario(on=on, step=step), scales).annual_pay for step in scales.steps]
    assert pays == sorted(pays)
    assert len(set(pays)) == len(pays)


def half_up(value: Fraction) -> Decimal:
    return Decimal(math.floor(value + Fraction(1, 2)))


@settings(max_examples=300, deadline=None)
@given(
    on=dates, step=st.sampled_from(["49", "51", "53", "55+"]), kval=st.integers(min_value=0, max_value=90_000),
    hours=st.integers(min_value=1, max_value=37), afkoeb_hours=st.integers(min_value=1, max_value=12),
)  # fmt: skip
# 116.871 / 6 = 19.478,50 exactly; dividing by 6/37 rounded to 28 digits once gave 19.478.
@example(on=dt.date(2018, 4, 1), step="53", kval=0, hours=6, afkoeb_hours=1)
def test_part_time_hours_are_exact_at_every_half_krone(
    scales: Scales, on: dt.date, step: str, kval: int, hours: int, afkoeb_hours: int
) -> None:
    """Weekly hours of 37 repeat forever as a decimal; no line may depend on where that was cut off."""
    factor = Fraction(scales.regulation.at(on).entry.value)
    share = Fraction(hours, 37)
    bases = [Fraction(scales.steps[step].base_amount)] + ([Fraction(kval)] if kval else [])
    regulated = [half_up(base * factor * share) for base in bases]
    full_time_pay = Fraction(sum(half_up(base * factor) for base in bases))  # the hourly rate is a full-timer's
    worktime = scales.worktime
    hours_paid = afkoeb_hours * Fraction(worktime.weeks_per_year)
    afkoeb = half_up(full_time_pay * hours_paid / Fraction(worktime.annual_hours))
    scenario = Scenario(
        on=on,
        step=step,
        kvalifikationsloen=Decimal(kval),
        part_time=PartTime("hours", Decimal(hours)),
        afkoeb=Afkoeb("hours", Decimal(afkoeb_hours)),
    )
    assert [line.annual for line in compute(scenario, scales).lines] == [*regulated, afkoeb]


def test_afkoeb_in_hours_is_the_same_for_a_part_timer(scales: Scales) -> None:
    """The kontorchef posting (792.072 kr. at 1.11.2025) pays 5 t/uge × 52 / 1.924 t: 107.037 kr. (107.037,4),
    at 1 t/uge part time too. Rebuilding full-time pay from the rounded part-time pay gave 107.035."""
    posting = "kontorchef-sundhed-praksis"
    afkoeb = Afkoeb("hours", Decimal(5))
    for hours in ["1", *map(str, range(18, 37))]:
        part_time = PartTime("hours", Decimal(hours))
        scenario = Scenario(on=dt.date(2025, 11, 1), posting=posting, part_time=part_time, afkoeb=afkoeb)
        assert compute(scenario, scales).lines[-1].annual == 107037


def test_every_line_says_how_it_was_computed(scales: Scales) -> None:
    part_time = compute(
        Scenario(NOV_2025, step="51", part_time=PartTime("hours", Decimal(30)), afkoeb=Afkoeb("hours", Decimal(5))),
        scales,
    )
    basis = kroner(TRIN_51 * F_NOV_2025 * 30 / 37)
    full_time = f"{kroner(basis * 37 / 30):,}".replace(",", ".")
    assert [line.rule for line in part_time.lines] == [
        "570.591 × 1,169930 × 0,8108 (deltid), afrundet til hele kr.",
        f"5 t/uge × 52 uger × timeløn ({full_time} kr. / 1.924 t), afrundet til hele kr.",
    ]
    full = compute(Scenario(NOV_2025, step="51", afkoeb=Afkoeb("percent", Decimal(10)), one_off=Decimal(15000)), scales)
    assert [line.rule for line in full.lines] == [
        "570.591 × 1,169930, afrundet til hele kr.",
        "10 % af løn 667.552 kr., afrundet til hele kr.",
        "Aftalt beløb i aktuelle kroner; reguleres ikke",
    ]
