"""Amounts and names as users give them: kroner where a grundbeløb is wanted, the old 31.3.2000 level, a lønramme
for a trin, names in any case; and the warnings for what a user cannot see (afkøb counted twice, a tax year the
data does not have). Expected figures come from published ones (reference §2–§4), not from the program."""

from __future__ import annotations

import csv
import datetime as dt
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
from chefloen.calc import compute
from chefloen.cli.app import app
from chefloen.model import PartTime, Scales, Scenario
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


# --- what the review of the first version found -------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["40.000 kr. kr.", "kr. 40.000 kr.", "DKK 40.000 kr.", "40.000krkr", "40.000 kr.,-", "40 t.kr. kr.", "@2000"],
)
def test_a_unit_given_twice_or_an_amount_missing_is_refused(written: str) -> None:
    result = invoke("quote", "-t", "51", "--kvalifikationsloen", written)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1


def test_kroner_the_danish_way_with_both_marks_are_one_unit() -> None:
    data = quote_json("-t", "51", "-d", "1.11.2025", "--kvalifikationsloen", "kr. 40.000,-")
    assert [line["annual"] for line in data["lines"] if line["key"] == "kvalifikationsloen"] == ["40000"]


def test_the_amount_limit_holds_after_the_2000_level_is_converted() -> None:
    result = invoke("quote", "-t", "51", "--kvalifikationsloen", "1.000.000.000@2000")
    assert result.exit_code == 2
    assert "too large at the 31.3.2018 level" in result.stderr


def test_kroner_for_a_grundbeloeb_are_whole_kroner() -> None:
    result = invoke("quote", "-t", "51", "--kvalifikationsloen", "40.000,50 kr.")
    assert result.exit_code == 2
    assert "are whole kroner" in result.stderr


def test_thousands_of_kroner_are_read_where_kroner_are_wanted() -> None:
    data = json.loads(invoke("convert", "25 t.kr.", "--to", "grundbeloeb", "-d", "1.11.2025", "-f", "json").stdout)
    assert data["amount"] == "25000"


@pytest.mark.parametrize("written", ["X=40000, Y=5000", "X=40 t.kr.; Y=5 kr."])
def test_a_tillaeg_holding_two_is_refused_not_read_as_one(written: str) -> None:
    result = invoke("quote", "-t", "51", "--tillaeg", written)
    assert result.exit_code == 2
    assert "holds more than one '='" in result.stderr


@pytest.mark.parametrize("word", ["i dag", " today ", "I DAG"])
def test_a_date_cell_may_say_today(tmp_path: Path, word: str) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(f"trin,date\n51,{word}\n", encoding="utf-8")
    (row,) = json.loads(invoke("batch", str(rows), "-f", "json").stdout)
    today = __import__("datetime").date.today()
    assert row["date"] == today.isoformat()
    compared = invoke("compare", "-s", f"A | trin=51 | date={word}", "-s", "B | trin=52", "-f", "json")
    assert json.loads(compared.stdout)["summary"][0]["date"] == today.isoformat()
    (library,) = chefloen.batch([{"trin": "51", "date": word}])
    assert library.error is None


def test_a_two_digit_year_after_dashes_is_not_guessed() -> None:
    result = invoke("quote", "-t", "51", "-d", "26-12-31")
    assert result.exit_code == 2
    assert "is ambiguous" in result.stderr


def test_the_library_takes_a_datetime_and_refuses_other_types_as_its_own_error() -> None:
    import datetime as dt

    assert chefloen.quote(51, dt.datetime(2025, 11, 1, 12)).annual_pay == 667552
    with pytest.raises(chefloen.ChefloenError):
        chefloen.quote(51, 20261201)
    one = chefloen.quote(51, "2026-12-01", assume="2026-10-01:+0,54%")  # one assumption, not its characters
    assert one.factor.entry.status == "assumed"


@pytest.mark.parametrize("command", ["earnings", "history", "compare"])
def test_every_plan_says_how_kroner_became_a_grundbeloeb(command: str) -> None:
    kval = ["--kvalifikationsloen", "40.000 kr."]
    args = {
        "earnings": ["earnings", "-t", "51", *kval, "--from", "1.12.2025", "--to", "30.4.2026"],
        "history": ["history", "-t", "51", *kval],
        "compare": [
            "compare",
            "-d",
            "1.12.2025",
            "-s",
            "A | trin=51 | kvalifikationsloen=40.000 kr.",
            "-s",
            "B|trin=52",
        ],
    }[command]
    table = " ".join(invoke(*args).stdout.split())
    assert "Kvalifikationsløn 40.000 kr. pr. " in table
    assert "= grundbeløb " in table


def test_a_posting_of_ones_own_takes_a_loenramme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHEFLOEN_USER_DIR", str(tmp_path))
    added = invoke(
        "postings", "add", "lr-test", "--trin", "LR37", "--level", "700000", "--level-date", "2025-11-01",
        "--title", "Test",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    data = json.loads(invoke("posting", "LR-TEST", "-d", "1.11.2025", "-f", "json").stdout)
    assert (data["subject"]["trin"], data["annual_pay"]) == ("51", "700000")
    assert invoke("postings", "remove", "LR-Test").exit_code == 0


def test_a_pension_group_written_with_oe() -> None:
    assert quote_json("-t", "51", "--pensionsgruppe", "Regionsdirektør", "-d", "2025-11-01")["pension_rate"] == "21.84"


def test_a_tiny_share_of_full_time_is_a_plain_decimal(scales: Scales) -> None:
    """Below what can be typed (six decimals), as the library's records may hold it."""
    scenario = Scenario(on=dt.date(2025, 11, 1), step="51", part_time=PartTime("fraction", Decimal("0.0000001")))
    assert compute(scenario, scales).to_data()["employment_fraction"] == "0.0000001"


def test_kroner_given_at_part_time_are_said_to_be_full_time_kroner() -> None:
    data = quote_json("-t", "51", "--deltid", "0,8", "-d", "2025-11-01", "--kvalifikationsloen", "40.000 kr.")
    (note,) = [n["message"] for n in data["notes"] if n["code"] == "converted_amount"]
    assert note.startswith("Kvalifikationsløn 40.000 kr. ved fuld tid pr. 1.11.2025")


def one_number_workbook(tmp_path: Path, column: str, number: float, number_format: str) -> Path:
    """A workbook of one scenario, trin 51 at 1.11.2025, whose ``column`` holds ``number`` in ``number_format``."""
    from openpyxl import Workbook

    path = tmp_path / "rows.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["trin", "date", column])
    sheet.append(["51", "2025-11-01", number])
    sheet["C2"].number_format = number_format
    book.save(path)
    return path


def test_a_workbook_cell_shown_in_kroner_is_kroner(tmp_path: Path) -> None:
    book_path = one_number_workbook(tmp_path, "kvalifikationsloen", 40000, '#,##0 "kr."')
    (row,) = json.loads(invoke("batch", str(book_path), "-f", "json").stdout)
    assert row["annual_pay"] == str(667552 + 40000)  # 40.000 kr. as the sheet shows it, not grundbeløb 40.000


def test_batch_from_standard_input_refuses_to_write_over_that_input(tmp_path: Path) -> None:
    import subprocess
    import sys

    rows = tmp_path / "k.csv"
    rows.write_text("trin,date\n51,2025-11-01\n", encoding="utf-8")
    with rows.open("rb") as stdin:
        result = subprocess.run(
            [sys.executable, "-m", "chefloen", "batch", "-", "-o", str(rows)],
            stdin=stdin, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 2
    assert "it is the batch file itself" in result.stderr
    assert rows.read_text(encoding="utf-8") == "trin,date\n51,2025-11-01\n"


def test_an_assumption_file_name_with_a_nul_is_one_line() -> None:
    result = invoke("quote", "-t", "51", "--assume", "@a\x00b")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: assumption file ")
    assert len(result.stderr.splitlines()) == 1


def test_a_computed_percent_cell_is_read_as_excel_shows_it(tmp_path: Path) -> None:
    # 0.21600000000000003 as a binary float, 21,60 % shown
    book_path = one_number_workbook(tmp_path, "pension", 0.1 + 0.116, "0.00%")
    (row,) = json.loads(invoke("batch", str(book_path), "-f", "json").stdout)
    assert row["error"] is None
    assert row["pension"] == str(whole(Decimal(667552) * Decimal("0.216")))
