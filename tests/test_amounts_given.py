"""Amounts and names as users give them: kroner where a grundbeløb is wanted, the old 31.3.2000 level, a lønramme
for a trin, names in any case; and the warnings for what a user cannot see (afkøb counted twice, a tax year the
data does not have). Expected figures come from published ones (reference §2–§4), not from the program."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import chefloen
from chefloen.cli.app import app
from chefloen.money import base_amount_for
from tests.helpers import SCALES_DIR

# Reference §3, the factors of the shipped series a quote can be priced at.
FACTORS = ["1.011000", "1.020238", "1.097220", "1.156970", "1.169930", "1.198008"]
# Reference §4: lønramme 35–42 are trin 49–55+.
LOENRAMMER = dict(zip(range(35, 43), ["49", "50", "51", "52", "53", "54", "55", "55+"], strict=True))


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def quote_json(*args: str) -> Any:
    result = invoke("quote", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def whole(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), ROUND_HALF_UP)


@given(kroner=st.integers(min_value=1, max_value=2_000_000), factor=st.sampled_from(FACTORS))
def test_kroner_become_the_grundbeloeb_that_gives_them_back(kroner: int, factor: str) -> None:
    """The rounding rule: the whole grundbeløb that gives the kroner back wherever one exists, else øre."""
    value = Decimal(factor)
    base = base_amount_for(Decimal(kroner), value)
    assert whole(base * value) == kroner
    exact = [g for g in range(int(kroner / value) - 2, int(kroner / value) + 3) if g > 0 and whole(g * value) == kroner]
    if exact:
        assert base in exact
        assert base == base.to_integral_value()


@pytest.mark.parametrize(
    "written", ["40.000 kr.", "kr. 40.000", "40.000,- ", "40 t.kr.", "40.000 DKK", "DKK 40.000", "40000kr"]
)
@pytest.mark.parametrize("date", ["2025-11-01", "2026-04-01"])
def test_kroner_in_every_notation_are_the_kroner_typed_at_the_date(written: str, date: str) -> None:
    data = quote_json("-t", "51", "-d", date, "--kvalifikationsloen", written)
    (line,) = [line for line in data["lines"] if line["key"] == "kvalifikationsloen"]
    assert line["annual"] == "40000"
    factor = Decimal(data["index"]["factor"])
    assert whole(Decimal(line["base_amount"]) * factor) == 40000
    (note,) = [n["message"] for n in data["notes"] if n["code"] == "converted_amount"]
    day = "1.11.2025" if date == "2025-11-01" else "1.4.2026"
    assert note.startswith(f"Kvalifikationsløn 40.000 kr. pr. {day} = grundbeløb {line['base_amount'][:2]}.")


def test_the_issue_s_kroner_example_is_grundbeloeb_33389_at_1_12_2026() -> None:
    data = quote_json("-t", "51", "-d", "1.12.2026", "--kvalifikationsloen", "40.000 kr.")
    (note,) = [n["message"] for n in data["notes"] if n["code"] == "converted_amount"]
    assert note.startswith("Kvalifikationsløn 40.000 kr. pr. 1.12.2026 = grundbeløb 33.389 ")
    assert whole(Decimal(33389) * Decimal("1.198008")) == 40000  # and 33.388 would be 39.999 kr.
    assert whole(Decimal(33388) * Decimal("1.198008")) == 39999


@pytest.mark.parametrize(
    ("option", "written", "key"),
    [
        ("--funktionsloen", "25.000 kr.", "funktionsloen"),
        ("--tillaeg", "Rådighed=kr. 25.000", "tillaeg"),
        ("--afkoeb", "25.000,-", "afkoeb"),
    ],
)
def test_kroner_are_read_in_every_grundbeloeb_option(option: str, written: str, key: str) -> None:
    data = quote_json("-t", "51", "-d", "1.11.2025", option, written)
    (line,) = [line for line in data["lines"] if line["key"] == key]
    assert line["annual"] == "25000"


def test_kroner_in_batch_cells_and_library_arguments(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("trin,date,kvalifikationsloen\n51,2025-11-01,40.000 kr.\n51,2026-04-01,40 t.kr.\n", "utf-8")
    result = invoke("batch", str(rows), "-f", "json")
    assert result.exit_code == 0, result.stderr
    first, second = json.loads(result.stdout)
    # Trin 51 is 667.552 kr. at 1.11.2025 and 683.573 kr. at 1.4.2026 (RLTN, reference §3).
    assert (first["annual_pay"], second["annual_pay"]) == (str(667552 + 40000), str(683573 + 40000))
    quoted = chefloen.quote(51, "2025-11-01", kvalifikationsloen="40.000 kr.")
    assert quoted.annual_pay == 667552 + 40000


def test_kroner_are_regulated_from_their_date_over_a_period() -> None:
    data = json.loads(
        invoke(
            "earnings", "-t", "51", "--from", "1.11.2025", "--to", "30.4.2026", "--kvalifikationsloen", "40.000 kr.",
            "-f", "json",
        ).stdout
    )  # fmt: skip
    base = base_amount_for(Decimal(40000), Decimal("1.169930"))
    assert base == 34190
    april = data["months"][-1]
    annual = 683573 + whole(base * Decimal("1.198008"))
    assert Decimal(april["pay"]) == (annual / 12).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_a_range_and_convert_to_kroner_still_want_a_grundbeloeb() -> None:
    for args in (["scenarios", "-t", "51", "--kvalifikationsloen-range", "0:40.000 kr.:10000"], ["convert", "5 kr."]):
        result = invoke(*args)
        assert result.exit_code == 2
        assert "is in kroner; a grundbeløb (31.3.2018 level) is wanted here;" in result.stderr


@pytest.mark.parametrize("written", ["106.000@2000", "106.000 @2000", "106.000 (2000-niveau)"])
def test_a_grundbeloeb_at_the_2000_level_is_converted_by_the_published_factor(written: str) -> None:
    """laeger.dk: a tillæg of grundbeløb 106.000 at the 2000 level was 144.042 kr. at 1.4.2018 (1,358890)."""
    data = quote_json("-t", "51", "-d", "2018-04-01", "--tillaeg", f"Ledelse={written}")
    (line,) = [line for line in data["lines"] if line["key"] == "tillaeg"]
    assert whole(Decimal(106000) * Decimal("1.358890")) == 144042
    assert line["annual"] == "144042"
    assert line["base_amount"] == str(whole(Decimal(106000) * Decimal("1.344105"))) == "142475"
    (note,) = [n["message"] for n in data["notes"] if n["code"] == "converted_amount"]
    assert "grundbeløb 106.000 i 31.3.2000-niveau × 1,344105 = grundbeløb 142.475 i 31.3.2018-niveau" in note


def test_the_2000_factor_is_data_with_status_and_source() -> None:
    text = (SCALES_DIR / "region-index.toml").read_text(encoding="utf-8")
    block = text.split("[level_2000]", 1)[1].split("\n\n", 1)[0]
    assert "value = 1.344105" in block
    assert 'status = "sourced"' in block
    assert "source = " in block


def test_an_amount_is_kroner_or_at_a_level_not_both() -> None:
    result = invoke("quote", "-t", "51", "--kvalifikationsloen", "40.000 kr. @2000")
    assert result.exit_code == 2
    assert "either kroner or a grundbeløb at a level" in result.stderr


@pytest.mark.parametrize("loenramme", list(LOENRAMMER))
@pytest.mark.parametrize("form", ["LR{}", "lr {}", "lønramme {}", "Loenramme {}"])
def test_a_loenramme_is_its_trin(loenramme: int, form: str) -> None:
    by_frame = quote_json("-t", form.format(loenramme), "-d", "2023-10-01")
    assert by_frame["subject"]["trin"] == LOENRAMMER[loenramme]
    # The DM table at 1.10.2023 (reference §4).
    published = [529808, 566793, 626064, 712383, 782170, 875206, 987037, 1112438]
    assert by_frame["annual_pay"] == str(published[loenramme - 35])


def test_a_loenramme_column_in_a_batch_file(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("label;Lønramme;date\nA;37;1.10.2023\nB;LR42;1.10.2023\n", encoding="utf-8")
    result = invoke("batch", str(rows), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [(row["trin"], row["annual_pay"]) for row in json.loads(result.stdout)] == [
        ("51", "626064"),
        ("55+", "1112438"),
    ]
    both = tmp_path / "both.csv"
    both.write_text("trin,loenramme,date\n51,37,1.10.2023\n", encoding="utf-8")
    assert "give either trin or loenramme, not both" in invoke("batch", str(both)).stderr


def test_an_unknown_loenramme_lists_the_known_ones() -> None:
    result = invoke("quote", "-t", "LR50")
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        "Error: unknown lønramme 'LR50'; known: 35, 36, 37, 38, 39, 40, 41, 42",
    )


def test_trin_as_a_posting_writes_it_points_to_the_trin_and_the_posting() -> None:
    result = invoke("quote", "-t", "52+1")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: unknown trin '52+1'; that is how a posting writes trin 52 plus its difference to the posted "
        "level; use trin 52, or the posting: direktoer-regionssekretariatet"
    )


def test_names_in_any_case_and_the_closest_one_for_a_typo() -> None:
    upper = json.loads(invoke("posting", "KONTORCHEF-Sundhed-Praksis", "-d", "1.11.2025", "-f", "json").stdout)
    assert upper["annual_pay"] == "792072"
    assert (
        quote_json("-t", "55+", "--pensionsgruppe", "Regionsdirektoer", "-d", "2025-11-01")["pension_rate"] == "21.84"
    )
    typo = invoke("posting", "kontorchef")
    assert typo.stderr.strip() == "Error: unknown posting 'kontorchef'; did you mean: kontorchef-sundhed-praksis"
    group = invoke("quote", "-t", "51", "--pensionsgruppe", "direktor")
    assert group.stderr.strip() == "Error: unknown pension group 'direktor'; did you mean: regionsdirektoer"
    compared = invoke("compare", "-d", "1.11.2025", "-s", "A | Trin=51", "-s", "B | TRIN=52", "-f", "json")
    assert compared.exit_code == 0, compared.stderr
    unknown = invoke("compare", "-s", "A | trinn=51", "-s", "B | trin=52")
    assert "unknown field 'trinn'; did you mean trin?" in unknown.stderr


def afkoeb_codes(*args: str) -> list[str]:
    data = json.loads(invoke("posting", *args, "-d", "1.11.2025", "-f", "json").stdout)
    return [warning["code"] for warning in data["warnings"]]


def test_afkoeb_on_a_level_that_includes_afkoeb_warns_it_may_be_counted_twice(tmp_path: Path) -> None:
    assert "afkoeb_counted_twice" in afkoeb_codes("direktoer-regionssekretariatet", "--afkoeb", "10%")
    assert "afkoeb_counted_twice" in afkoeb_codes("direktoer-regionssekretariatet", "--afkoeb", "5t")
    assert "afkoeb_counted_twice" not in afkoeb_codes("direktoer-regionssekretariatet")
    assert "afkoeb_counted_twice" not in afkoeb_codes("kontorchef-sundhed-praksis", "--afkoeb", "10%")
    table = " ".join(invoke("posting", "direktoer-regionssekretariatet", "--afkoeb", "10%").stdout.split())
    assert "afkøbet kan være talt med to gange" in table
    rows = tmp_path / "rows.csv"
    rows.write_text("posting,date,afkoeb\ndirektoer-regionssekretariatet,2025-11-01,10%\n", encoding="utf-8")
    (row,) = csv.DictReader(io.StringIO(invoke("batch", str(rows)).stdout))
    assert "afkoeb_counted_twice" in row["warnings"].split()


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_net_pay_for_a_year_without_tax_rules_says_which_year_it_used(fmt: str) -> None:
    result = invoke("quote", "-t", "51", "-d", "1.3.2027", "--net", "--kommune", "Viborg", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    said = " ".join((result.stdout + result.stderr).split())
    assert "skøn efter skattereglerne for 2026: der er ingen regler for 2027, datoens år" in said
    chosen = invoke("quote", "-t", "51", "-d", "1.3.2027", "--net", "--kommune", "Viborg", "--skatteaar", "2026")
    in_year = invoke("quote", "-t", "51", "-d", "1.6.2026", "--net", "--kommune", "Viborg", "-f", fmt)
    for other in (chosen, in_year):
        assert "der er ingen regler for" not in other.stdout + other.stderr


def test_net_pay_of_an_earlier_year_warns_too() -> None:
    data = json.loads(
        invoke("quote", "-t", "51", "-d", "1.3.2019", "--net", "--kommune", "Viborg", "-f", "json").stdout
    )
    assert data["net"]["year"] == 2026
    assert "tax_year_missing" in [warning["code"] for warning in data["net"]["warnings"]]
