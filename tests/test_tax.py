"""Net pay against hand arithmetic from the published 2026 rates, and its properties."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chefloen.errors import InputError, ScaleFileError, UnknownKeyError
from chefloen.loading import load_tax_year
from chefloen.tax import net_pay
from tests.helpers import SCALES_DIR

# Published 2026 figures (reference §7; skatteloft per bracket from martinsen.dk / kroyerpedersen.dk).
AM, BUND, MELLEM, TOP, TOPTOP = Decimal("0.08"), Decimal("0.1201"), Decimal("0.075"), Decimal("0.075"), Decimal("0.05")
PERSONFRADRAG, ATP = Decimal(54100), Decimal(1188)
LOFT_MELLEM = Decimal("0.4457")


def expected_net(gross: int, kommune: str, church: str) -> Decimal:
    """Net pay the way a payroll clerk would do it: taxes on bases, then the personfradrag's tax value."""
    k, c = Decimal(kommune) / 100, Decimal(church) / 100
    am_base = Decimal(gross) - ATP
    am = am_base * AM
    personal = am_base - am
    besk = min(am_base * Decimal("0.1275"), Decimal(63300))
    job = min(max(am_base - 235200, Decimal(0)) * Decimal("0.045"), Decimal(3100))
    taxable = personal - besk - job
    # Tax on the full base, less the tax value of the personfradrag at the same rates.
    bund = personal * BUND - PERSONFRADRAG * BUND
    local = taxable * (k + c) - PERSONFRADRAG * (k + c)
    cut = max(k + BUND + MELLEM - LOFT_MELLEM, Decimal(0))  # skatteloft: only the mellemskat bracket can bind
    mellem = max(personal - 641200, Decimal(0)) * (MELLEM - cut)
    top = max(personal - 777900, Decimal(0)) * TOP
    toptop = max(personal - 2592700, Decimal(0)) * TOPTOP
    net = Decimal(gross) - ATP - am - bund - local - mellem - top - toptop
    return net.quantize(Decimal(1), ROUND_HALF_UP)


CASES = [
    pytest.param(400000, "København", "23.39", "0.80", True, id="koebenhavn-church-below-mellemskat"),
    pytest.param(700000, "Aarhus", "24.52", "0", False, id="aarhus-just-into-mellemskat"),
    pytest.param(792072, "Viborg", "25.50", "0.93", True, id="viborg-kontorchef-mellemskat-with-loft"),
    pytest.param(1072226, "Læsø", "26.30", "1.30", True, id="laesoe-direktoer-topskat-with-loft"),
    pytest.param(3000000, "Gentofte", "24.14", "0", False, id="gentofte-toptopskat"),
]


@pytest.mark.parametrize(("gross", "kommune", "k", "c", "church"), CASES)
def test_net_pay_worked_cases(gross: int, kommune: str, k: str, c: str, church: bool) -> None:
    result = net_pay(Decimal(gross), kommune, church=church, rules=load_tax_year(2026))
    assert result.net_annual == expected_net(gross, k, c if church else "0")
    assert result.net_monthly == (result.net_annual / 12).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_marginal_rate_in_the_mellemskat_bracket_with_the_loft() -> None:
    # Viborg 25,50 %: 25,50 + 12,01 + 7,5 = 45,01 % > 44,57 %, so the loft binds: 8 % + 92 % × 44,57 %.
    result = net_pay(Decimal(792072), "Viborg", church=False, rules=load_tax_year(2026))
    assert result.marginal_rate == (Decimal("0.08") + Decimal("0.92") * LOFT_MELLEM).quantize(Decimal("0.0001")) * 100


def test_marginal_rate_below_every_bracket() -> None:
    # At 400.000 kr. the beskæftigelsesfradrag (12,75 %) is below its cap, so it still shrinks the local
    # tax base at the margin; the jobfradrag is capped. The next krone: AM-bidrag, bundskat on 92 øre,
    # kommune- and kirkeskat on 92 - 12,75 øre.
    result = net_pay(Decimal(400000), "København", church=True, rules=load_tax_year(2026))
    local = Decimal("0.2339") + Decimal("0.008")
    expected = Decimal("0.08") + Decimal("0.92") * BUND + (Decimal("0.92") - Decimal("0.1275")) * local
    assert result.marginal_rate == (expected * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert result.effective_rate == ((400000 - result.net_exact) / 4000).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_unknown_year_and_kommune_name_what_is_known() -> None:
    with pytest.raises(InputError, match=r"^no tax rules for 2025; known years: 2026$"):
        load_tax_year(2025)
    with pytest.raises(UnknownKeyError, match=r"^unknown kommune 'Atlantis'; none is close: write it as"):
        net_pay(Decimal(1), "Atlantis", church=False, rules=load_tax_year(2026))
    with pytest.raises(UnknownKeyError, match=r"^unknown kommune 'Silkborg'; did you mean: Silkeborg"):
        net_pay(Decimal(1), "Silkborg", church=False, rules=load_tax_year(2026))


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Århus", "Aarhus"),
        ("aarhus kommune", "Aarhus"),
        ("A\u030arhus", "Aarhus"),  # NFD, as macOS file names and some keyboards give it
        ("Kobenhavn", "København"),
        ("KØBENHAVNS KOMMUNE", "København"),
        ("Hoeje-Taastrup", "Høje-Taastrup"),
        ("høje taastrup", "Høje-Taastrup"),
        ("Aeroe", "Ærø"),
        ("Faaborg Midtfyn", "Faaborg-Midtfyn"),
        ("Lyngby-Taarbaek", "Lyngby-Taarbæk"),
    ],
)
def test_municipality_names_are_read_as_people_write_them(written: str, name: str) -> None:
    assert load_tax_year(2026).kommune(written)[0] == name


def test_every_municipality_is_found_by_its_own_name_in_every_spelling() -> None:
    import unicodedata

    rules = load_tax_year(2026)
    for found, _, _ in rules.kommuner.values():
        for spelling in (found, found.upper(), unicodedata.normalize("NFD", found), f"{found} Kommune"):
            assert rules.kommune(spelling)[0] == found


def test_all_98_municipalities_are_there() -> None:

    assert len(load_tax_year(2026).kommuner) == 98


KOMMUNER = ["København", "Viborg", "Læsø", "Gentofte", "Randers", "Aarhus"]


@settings(max_examples=300, deadline=None)
@given(
    gross=st.integers(min_value=0, max_value=4_000_000),
    raise_by=st.integers(min_value=1, max_value=50_000),
    kommune=st.sampled_from(KOMMUNER),
    church=st.booleans(),
)
def test_net_never_falls_when_gross_rises(gross: int, raise_by: int, kommune: str, church: bool) -> None:
    lower = net_pay(Decimal(gross), kommune, church=church, rules=load_tax_year(2026))
    higher = net_pay(Decimal(gross + raise_by), kommune, church=church, rules=load_tax_year(2026))
    assert higher.net_annual >= lower.net_annual
    assert 0 <= higher.marginal <= 1


def tax_dir_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (SCALES_DIR.parent / "tax" / "2026.toml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "2026.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def test_a_bracket_new_to_the_tax_file_shows_under_its_own_name(tmp_path: Path) -> None:
    rules = load_tax_year(2026, tax_dir_with(tmp_path, 'name = "toptopskat"', 'name = "millionaerskat"'))
    net = net_pay(Decimal(3_000_000), "Viborg", church=False, rules=rules)
    assert [line["label"] for line in net.to_data()["lines"] if line["key"] == "millionaerskat"] == ["Millionaerskat"]


def test_two_brackets_of_one_name_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ScaleFileError, match=r"^2026.toml: bracket.1.name: 'mellemskat' is already the name of"):
        load_tax_year(2026, tax_dir_with(tmp_path, 'name = "topskat"', 'name = "mellemskat"'))
