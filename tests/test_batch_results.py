"""Batch results: every column with its English key and its Danish heading; each row with what it gave and
every line it has; Danish in the spreadsheets (headings, statuses, warnings, errors); and a results file, in
every format, given back to batch gives the same results."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import chefloen
from chefloen import batch_input, labels
from chefloen.batch_rows import INTERNAL_ERROR, results
from chefloen.cli.app import app
from chefloen.columns import COMPUTED, GIVEN_AS, KNOWN, RESULT_COLUMNS, RESULTS, column_name, fold, read_as
from chefloen.loading.scales import load_scales
from chefloen.render.files import DANISH_HEADINGS
from tests.helpers import TRIED
from tests.test_batch_paths import SEEDS, columns_of, generate

# Published: RLTN 1.11.2025, factor 1,169930; trin 51 grundbeløb 570.591 (DM), 667.552 kr. a year.
F_NOV_2025, TRIN_51 = Decimal("1.169930"), Decimal(667552)


def kroner(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), ROUND_HALF_UP)


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_every_result_column_has_an_english_key_and_a_danish_heading_that_reads_back() -> None:
    assert tuple(RESULTS) == RESULT_COLUMNS
    assert DANISH_HEADINGS == [RESULTS[key] for key in RESULT_COLUMNS]
    assert all(key == fold(key) and heading.strip() for key, heading in RESULTS.items())
    assert len({fold(heading) for heading in RESULTS.values()}) == len(RESULTS)  # no two alike as read
    for key, heading in RESULTS.items():
        assert column_name(key) == column_name(heading) == column_name(heading.upper()) == key
    # Read back: what a row gave is read, what was computed is read past.
    read = dict(zip(RESULT_COLUMNS, read_as(RESULT_COLUMNS), strict=True))
    assert {key for key, name in read.items() if name is None} == COMPUTED | {"trin", "pension"}
    assert {name for name in read.values() if name is not None} == KNOWN
    assert read["trin_given"] == GIVEN_AS["trin_given"] == "trin"
    assert read["pension_percent"] == "pension"
    # the columns scripts rely on are there still
    assert {"row", "label", "date", "trin", "trin_as_posted", "posting", "annual_pay", "monthly_pay", "pension",
            "total", "pension_low", "total_low", "fritvalgstillaeg", "holiday_pay", "total_compensation",
            "factor_status", "warnings", "error"} <= set(RESULT_COLUMNS)  # fmt: skip


def test_the_readme_and_the_batch_floor_count_the_result_columns() -> None:
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    speed = (root / "benchmarks" / "speed.py").read_text(encoding="utf-8")
    assert f"batch's {len(RESULT_COLUMNS)} columns" in readme
    assert "len(RESULT_COLUMNS)" in speed  # the floor writes as many columns as the batch, counted there
    for key, heading in RESULTS.items():  # the README's table of the results has every key and heading
        assert f"`{key}`" in readme, key
        assert heading.split(",")[0] in readme, heading


def test_a_result_carries_what_its_row_gave_and_every_line(runner: CliRunner, tmp_path: Path) -> None:
    """Hand arithmetic at 1.11.2025 (factor 1,169930): each grundbeløb × the factor, rounded per line."""
    source = tmp_path / "alt.csv"
    source.write_text(
        "Navn;Trin;Dato;Kvalifikationsløn;Funktionsløn;Tillæg;Afkøb;Engangsvederlag;Pension;Fritvalg\n"
        "Alt;51;1.11.2025;40.000 kr.;10000;Ledelse=20000|Rådighed=5.000;10%;30000;21,59;max\n",
        encoding="utf-8",
    )
    code, out, err = run(runner, "batch", str(source), "-f", "json")
    assert code == 0, err
    (row,) = json.loads(out)
    regulated = [kroner(Decimal(base) * F_NOV_2025) for base in (570591, 34190, 10000, 20000, 5000)]
    basis, kval, funk, ledelse, raadighed = regulated
    # 40.000 kr. is the grundbeløb 34.190: 34.190 × 1,169930 = 39.999,91, and 34.189 gives 39.998,74
    assert kval == 40000
    regulated_pay = sum(regulated, Decimal(0))
    afkoeb = kroner(regulated_pay / 10)
    pay = regulated_pay + afkoeb + 30000
    # max: the pension above the 15 % floor, on the pensionable pay (the regulated lines; afkøb and the
    # engangsvederlag are not pensionable unless said)
    fritvalg = kroner(regulated_pay * Decimal("0.2159")) - kroner(regulated_pay * Decimal("0.15"))
    assert {key: row[key] for key in RESULT_COLUMNS[:20]} == {
        "row": 2, "label": "Alt", "date": "2025-11-01", "trin": "51", "trin_as_posted": None, "posting": None,
        "trin_given": "51", "loenramme": None, "kvalifikationsloen": "40.000 kr.", "funktionsloen": "10000",
        "tillaeg": "Ledelse=20000|Rådighed=5.000", "afkoeb": "10%", "afkoeb_pensionsgivende": None,
        "engangsvederlag": "30000", "engangsvederlag_pensionsgivende": None, "pension_percent": "21,59",
        "pensionsgruppe": None, "deltid": None, "fritvalg": "max", "fritvalg_gulv": None,
    }  # fmt: skip
    assert {key: row[key] for key in RESULT_COLUMNS[20:33]} == {
        "kvalifikationsloen_grundbeloeb": "34190", "funktionsloen_grundbeloeb": "10000",
        "tillaeg_grundbeloeb": "Ledelse=20000|Rådighed=5000", "afkoeb_grundbeloeb": None,
        "basisloen_annual": str(basis), "opslagstillaeg_annual": None, "kvalifikationsloen_annual": "40000",
        "funktionsloen_annual": str(funk), "tillaeg_annual": str(ledelse + raadighed),
        "tillaeg_names": "Ledelse|Rådighed", "afkoeb_annual": str(afkoeb), "engangsvederlag_annual": "30000",
        "fritvalgstillaeg": str(fritvalg),
    }  # fmt: skip
    assert (row["annual_pay"], row["error"]) == (str(pay), None)
    # a posting's difference to its level (reference §1: 124.520 kr. at 1.11.2025), and afkøb as a grundbeløb
    rows = [{"posting": "kontorchef-sundhed-praksis", "date": "1.11.2025", "afkoeb": "20000"}]
    (posted,) = (result.to_data() for result in chefloen.batch(rows))
    assert (posted["basisloen_annual"], posted["opslagstillaeg_annual"]) == (str(TRIN_51), "124520")
    assert (posted["afkoeb_grundbeloeb"], posted["afkoeb_annual"]) == ("20000", str(kroner(20000 * F_NOV_2025)))


def test_a_failed_row_carries_what_it_gave_as_it_gave_it() -> None:
    row = {"label": " Forkert ", "trin": " 99 ", "date": "1.11.2025", "kvalifikationsloen": "50.000 kr.",
           "pension": "21,59", "fritvalg": "max"}  # fmt: skip
    (failed,) = chefloen.batch([row])
    data = failed.to_data()
    assert failed.error == data["error"] == "unknown trin '99'; known: 49, 50, 51, 52, 53, 54, 55, 55+"
    assert {key: data[key] for key in ("label", "date", "trin", "trin_given", "kvalifikationsloen")} == {
        "label": " Forkert ", "date": "1.11.2025", "trin": " 99 ", "trin_given": " 99 ", "kvalifikationsloen":
        "50.000 kr."}  # fmt: skip
    assert (data["pension_percent"], data["fritvalg"], data["pension"], data["annual_pay"]) == (
        "21,59",
        "max",
        *[None] * 2,
    )


# --- read back --------------------------------------------------------------------------------------------------

FORMATS = {"csv": ("csv", []), "excel-da": ("csv", ["--csv-dialect", "excel-da"]), "jsonl": ("jsonl", []),
           "json": ("json", []), "xlsx": ("xlsx", [])}  # fmt: skip
# A results file numbers its rows as any batch file does: by its own lines (or sheet rows). Its first result is on
# line 2 below a header, and in a JSON array below its "["; on line 1 of JSON lines.
FIRST_LINE = {"csv": 2, "excel-da": 2, "jsonl": 1, "json": 2, "xlsx": 2}


def records(path: Path, name: str) -> list[dict[str, Any]]:
    """The results a file holds, each as a dict of its columns."""
    if name == "xlsx":
        sheet = load_workbook(path).worksheets[0]
        header, *lines = sheet.iter_rows(values_only=True)
        assert list(header) == DANISH_HEADINGS
        return [dict(zip(DANISH_HEADINGS, line, strict=True)) for line in lines]
    text = path.read_text(encoding="utf-8")
    if name == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    if name == "excel-da":
        assert text.startswith("\ufeff")
        table = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
        assert list(table[0]) == DANISH_HEADINGS
        return table
    if name == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    loaded: list[dict[str, Any]] = json.loads(text)
    return loaded


def numbered(found: list[dict[str, Any]]) -> tuple[list[int], list[dict[str, Any]]]:
    """The row numbers of results, and the results without them."""
    key = "Række" if found and "Række" in found[0] else "row"
    return [int(item[key]) for item in found], [{k: v for k, v in item.items() if k != key} for item in found]


def headers(seed: int, columns: list[str]) -> list[str] | None:
    """The header of generated file ``seed``: the keys, the Danish headings, or those in capitals."""
    if seed % 3 == 0:
        return None
    danish = [RESULTS[column] for column in columns]
    return danish if seed % 3 == 1 else [heading.upper() for heading in danish]


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("seed", SEEDS[:4])
def test_a_results_file_given_back_gives_the_same_results(
    runner: CliRunner, tmp_path: Path, seed: int, name: str
) -> None:
    """Generated files, good rows and hostile ones (tests/test_batch_paths.py), under English, Danish or capital
    headings: their results in each format, given back to batch, give those results again, in every column."""
    columns = columns_of(seed)
    source = tmp_path / "rows.csv"
    generate(source, 120, seed, columns, headers(seed, columns))
    kind, options = FORMATS[name]
    first, second = tmp_path / f"first.{kind}", tmp_path / f"second.{kind}"
    code, _, err = run(runner, "batch", str(source), "-f", kind, *options, "-o", str(first))
    assert code in (0, 1), err
    assert "Traceback" not in err
    code, _, err = run(runner, "batch", str(first), "-f", kind, *options, "-o", str(second))
    assert code in (0, 1), err
    before, after = records(first, name), records(second, name)
    numbers, before_rows = numbered(before)
    renumbered, after_rows = numbered(after)
    assert len(after_rows) == len(before_rows) > 100
    assert after_rows == before_rows
    assert renumbered == list(range(FIRST_LINE[name], FIRST_LINE[name] + len(before)))
    if name != "jsonl":  # the generated file has no blank lines: its rows were lines 2, 3, … too
        assert numbers == renumbered
    failed = sum(bool(item.get("error") or item.get("Fejl")) for item in before)
    assert 0 < failed < len(before)  # both kinds are read back
    TRIED["batch results read back"] = TRIED.get("batch results read back", 0) + len(before)


def test_the_computed_columns_of_a_results_file_are_read_past(runner: CliRunner, tmp_path: Path) -> None:
    """What a batch computed (the lines, totals, status, warnings, error, the grundbeløb) is recognised and not
    read: changing it changes nothing. What a row gave is read; ``trin`` and ``pension``, beside ``trin_given``
    and ``pension_percent``, are the trin priced and the pension in kroner."""
    source = tmp_path / "in.csv"
    source.write_text("label,posting,date,pension\nA,kontorchef-sundhed-praksis,2025-11-01,20\n", encoding="utf-8")
    _, first, _ = run(runner, "batch", str(source))
    header, line = list(csv.reader(io.StringIO(first)))
    changed = [
        value if name not in COMPUTED | {"trin", "pension"} else "nonsense"
        for name, value in zip(header, line, strict=True)
    ]
    edited = tmp_path / "edited.csv"
    edited.write_text(",".join(header) + "\n" + ",".join(changed) + "\n", encoding="utf-8")
    code, again, err = run(runner, "batch", str(edited))
    assert (code, again) == (0, first), err
    (row,) = csv.DictReader(io.StringIO(first))
    assert (row["trin"], row["trin_given"], row["pension_percent"]) == ("51", "", "20")
    assert row["pension"] == str(kroner(Decimal(792072) * Decimal("0.20")))


def test_the_library_reads_its_own_results_back() -> None:
    rows = [{"trin": "51", "date": "2025-11-01", "afkoeb": "5t"}, {"trin": "99", "date": "2025-11-01"},
            {"posting": "direktoer-regionssekretariatet", "date": "2025-11-01", "pension": "21"}]  # fmt: skip
    first = [row.to_data() for row in chefloen.batch(rows)]
    assert [row.to_data() for row in chefloen.batch(first)] == first


# --- Danish in spreadsheets ----------------------------------------------------------------------------------


def test_a_spreadsheet_says_the_status_warnings_and_errors_in_danish(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("label,trin,posting,date\nA,,direktoer-regionssekretariatet,1.11.2025\nB,99,,1.11.2025\n")
    code, _, _ = run(runner, "batch", str(source), "-o", str(tmp_path / "out.xlsx"))
    assert code == 1
    first, second = records(tmp_path / "out.xlsx", "xlsx")
    assert (first["Faktorstatus"], first["Advarsler"], first["Fejl"]) == (
        "kildebelagt",
        labels.warn_level_includes_afkoeb(),
        None,
    )
    assert second["Fejl"] == "ukendt trin '99'; kendte: 49, 50, 51, 52, 53, 54, 55, 55+"
    code, _, _ = run(runner, "batch", str(source), "--csv-dialect", "excel-da", "-o", str(tmp_path / "out.csv"))
    danish = records(tmp_path / "out.csv", "excel-da")
    assert [row["Faktorstatus"] for row in danish] == ["kildebelagt", ""]
    assert danish[0]["Advarsler"] == labels.warn_level_includes_afkoeb()
    assert danish[1]["Fejl"] == second["Fejl"]
    _, plain, _ = run(runner, "batch", str(source))  # plain CSV keeps the keys, the codes and English
    assert [(row["factor_status"], row["warnings"]) for row in csv.DictReader(io.StringIO(plain))] == [
        ("sourced", "level_includes_afkoeb"),
        ("", ""),
    ]


# Errors the generated files do not give: one row or file each, that gives it.
CRAFTED_ROWS = [
    {"trin": "51", "date": "26-12-31"}, {"trin": "51", "date": "1.1.1800"}, {"trin": "52+1", "date": "1.11.2025"},
    {"posting": "kontorchef", "date": "1.11.2025"}, {"trin": "51", "pensionsgruppe": "direktor", "date": "1.11.2025"},
    {"loenramme": "99", "date": "1.11.2025"}, {"trin": "5", "date": "1.11.2025"},
    {"trin": "51", "trinn": "1"}, {"trin": "51", "hvad": "1"}, {"trin": "51", "deltid": "0t"},
    {"trin": "51", "deltid": "0%"}, {"trin": "51", "tillaeg": "X=1=2"},
    {"trin": "51", "kvalifikationsloen": "1.234,567"},
    {"trin": "51", "pension": "21,123456"}, {"trin": "51", "date": "x" * 50}, {"trin": "51", "afkoeb": "200t"},
    {"trin": "51", "kvalifikationsloen": "40.000,50 kr."}, {"trin": "51", "kvalifikationsloen": "40.000 kr. kr."},
]  # fmt: skip
CRAFTED_FILES = {
    "rows.csv": 'label,trin,date\nA,51,1.11.2025,x\n"B,51,1.11.2025\nC,51,1.11.2025\n',
    "long.csv": "label,trin,date\n" + "x" * 140_000 + ",51,1.11.2025\n",
    "rows.jsonl": '[1]\n{"Trin": 51, "trin": 52}\n{"trin": 51, "trin": 52}\n'
    '{"trin": 10000000000000000000000000000000}\n{"trin": [51]}\n{not json\n',
}


def error_corpus(tmp_path: Path) -> list[str]:
    """The errors batch rows give: of generated files, hostile rows among them, and of rows made to give the
    rest; each as a batch says it."""
    scales = load_scales()
    found: list[str] = []
    for seed in SEEDS:
        path = tmp_path / f"rows-{seed}.csv"
        generate(path, 400, seed, columns_of(seed))
        with batch_input.open_rows(path) as opened:
            found += [row.error for row in results(opened.rows, scales) if row.error]
    for name, text in CRAFTED_FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        with batch_input.open_rows(tmp_path / name) as opened:
            found += [row.error for row in results(opened.rows, scales) if row.error]
    rows = [{"date": "1.11.2025", **row} for row in CRAFTED_ROWS]
    found += [row.error for row in chefloen.batch(rows, scales=scales) if row.error]
    return [*found, f"{INTERNAL_ERROR} (ValueError)"]


def test_every_error_a_batch_row_gives_is_put_in_danish_and_every_translation_is_used(tmp_path: Path) -> None:
    """ERRORS_DANISH against the errors rows really give: each is translated, and each translation matches
    one, so a changed English text fails here instead of staying English in a spreadsheet."""
    corpus = error_corpus(tmp_path)
    untranslated = sorted({error for error in corpus if labels.danish_error(error) == error})
    assert untranslated == []
    patterns = labels._errors_danish()
    unused = [english for (english, _), (pattern, _) in zip(labels.ERRORS_DANISH, patterns, strict=True)
              if not any(pattern.fullmatch(error) for error in corpus)]  # fmt: skip
    assert unused == []
    TRIED["batch errors put in Danish"] = TRIED.get("batch errors put in Danish", 0) + len(corpus)


def test_a_date_of_a_failed_row_stays_as_it_was_given_in_danish_csv(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("trin,date\n99,1.11.2025\n", encoding="utf-8")
    run(runner, "batch", str(source), "--csv-dialect", "excel-da", "-o", str(tmp_path / "out.csv"))
    (row,) = records(tmp_path / "out.csv", "excel-da")
    assert (row["Dato"], row["Angivet trin"]) == ("1.11.2025", "99")
    run(runner, "batch", str(source), "-o", str(tmp_path / "out.xlsx"))
    (cells,) = records(tmp_path / "out.xlsx", "xlsx")
    assert cells["Dato"] == dt.datetime(2025, 11, 1)  # a workbook has it as a date, where it reads as one
