"""The command line: every command in every format, and every error as one line with the right exit code."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import typer.main
from typer.core import TyperGroup
from typer.testing import CliRunner

from chefloen.cli.app import COMMANDS, app


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    code, out, _ = run(runner, command, "-h")
    assert code == 0
    assert "Usage:" in out


INVOCATIONS = {
    "quote": ["quote", "--trin", "51", "--date", "2025-11-01", "--afkoeb", "5t", "--deltid", "0,8"],
    "posting": ["posting", "direktoer-regionssekretariatet", "--tillaeg", "Ledelse=10000"],
    "postings": ["postings"],
    "steps": ["steps", "--date", "2025-11-01"],
    "index": ["index"],
    "convert": ["convert", "1.000", "--date", "2025-11-01"],
    "scenarios": ["scenarios", "--trin", "51", "--date", "2025-11-01", "--afkoeb", "0", "--afkoeb", "5t"],
    "compare": ["compare", "--date", "2025-11-01", "-s", "A | trin=51", "-s", "B | trin=52"],
    "solve": ["solve", "--trin", "51", "--date", "2025-11-01", "--target-pay", "700000"],
    "earnings": ["earnings", "--trin", "51", "--from", "2025-11-01", "--to", "2026-01-31"],
    "batch": ["batch", str(Path(__file__).resolve().parents[1] / "examples" / "scenarios.csv")],
    "net": ["net", "--gross", "792072", "--kommune", "Viborg"],
    "tax": ["tax"],
    "history": ["history", "--trin", "51"],
    "offer": ["offer", "--trin", "51", "--date", "2025-11-01"],
    "completion": ["completion", "bash"],
}


def formats_of(command: str) -> list[str]:
    """The formats a registered command offers, read from its own --format option."""
    built = typer.main.get_command(app)
    assert isinstance(built, TyperGroup)
    option = next((p for p in built.commands[command].params if p.name == "fmt"), None)
    return [str(choice) for choice in getattr(option.type, "choices", [])] if option is not None else []


def test_every_command_is_exercised() -> None:
    assert sorted(INVOCATIONS) == sorted(COMMANDS)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_in_every_format(runner: CliRunner, command: str, tmp_path: Path) -> None:
    """Over the registry, not a list kept by hand: a new command fails here until it is exercised."""
    formats = formats_of(command)
    assert formats or command in ("offer", "completion")  # the offer sheet is HTML; completion prints a script
    for fmt in formats:
        if fmt == "xlsx":
            assert_workbook(runner, command, tmp_path / "out.xlsx")
            continue
        code, out, err = run(runner, *INVOCATIONS[command], "--format", fmt)
        assert code == 0, err
        if fmt == "json":
            assert isinstance(json.loads(out), list if command == "batch" else dict)
        elif fmt == "jsonl":
            assert all(isinstance(json.loads(line), dict) for line in out.splitlines())
        elif fmt == "csv":
            rows = list(csv.reader(io.StringIO(out)))
            assert len(rows) >= 2
            assert all(len(row) == len(rows[0]) for row in rows)
        else:
            assert "kr." in out or "1,169930" in out
    if command == "offer":
        code, _, err = run(runner, *INVOCATIONS[command], "--output", str(tmp_path / "out.html"))
        assert code == 0, err
        assert (tmp_path / "out.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def assert_workbook(runner: CliRunner, command: str, target: Path) -> None:
    """The workbook, read back: a bold frozen header, the CSV table's rows with real numbers, a notes sheet."""
    from openpyxl import load_workbook

    code, _, err = run(runner, *INVOCATIONS[command], "--output", str(target))  # the format follows the name
    assert code == 0, err
    _, out, _ = run(runner, *INVOCATIONS[command], "--format", "csv")
    header, *rows = list(csv.reader(io.StringIO(out)))
    book = load_workbook(target)
    data, notes = book.worksheets
    if command == "batch":  # a batch's spreadsheets have Danish headings
        from chefloen.columns import RESULTS

        header = [RESULTS[name] for name in header]
    assert [cell.value for cell in data[1]] == header
    assert all(cell.font.b for cell in data[1])
    assert data.freeze_panes == "A2"
    assert data.max_row == len(rows) + 1
    numbers = [cell for line in data.iter_rows(min_row=2) for cell in line if isinstance(cell.value, int | float)]
    assert numbers, "a results sheet without a single real number"
    assert all(cell.number_format != "General" for cell in numbers)
    assert notes.title == "Noter"
    assert notes["A1"].value


def test_the_output_name_says_the_format_and_a_name_that_says_none_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    quote = ["quote", "-t", "51", "-d", "2025-11-01"]
    writes = "chefloen writes .txt (table), .json, .csv, .xlsx; give one of those or --format"
    for name, why in (("tilbud.xls", ""), ("tilbud", "no extension; "), ("tilbud.table", "")):
        assert run(runner, *quote, "-o", str(tmp_path / name)) == (2, "", f"Error: {name}: {why}{writes}\n")
    assert list(tmp_path.iterdir()) == []
    assert run(runner, *quote, "-o", str(tmp_path / "løn.TXT"))[0] == 0
    assert "667.552 kr." in (tmp_path / "løn.TXT").read_text(encoding="utf-8")  # .txt is the table as text
    for name in ("tilbud.xls", "tilbud"):  # with --format, any name
        assert run(runner, *quote, "-f", "json", "-o", str(tmp_path / name))[0] == 0
        assert json.loads((tmp_path / name).read_text(encoding="utf-8"))["annual_pay"] == "667552"
    assert run(runner, *quote, "-o", os.devnull)[:2] == (0, "")
    batch = ["batch", str(Path(__file__).resolve().parents[1] / "examples" / "scenarios.csv")]
    assert run(runner, *batch, "-o", str(tmp_path / "k.txt")) == (
        2,
        "",
        "Error: k.txt: chefloen batch writes .csv, .jsonl, .json, .xlsx; give one of those or --format\n",
    )
    assert run(runner, *batch, "-o", str(tmp_path / "k.jsonl"))[0] == 0
    assert json.loads((tmp_path / "k.jsonl").read_text(encoding="utf-8").splitlines()[0])["row"] == 2


def test_quote_json_shape_and_figures(runner: CliRunner) -> None:
    code, out, err = run(
        runner, "quote", "--trin", "51", "--date", "2025-11-01", "--kvalifikationsloen", "50.000", "-f", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["date"] == "2025-11-01"
    assert {key: data["index"][key] for key in ("effective", "factor", "status")} == {
        "effective": "2025-11-01",
        "factor": "1.169930",
        "status": "sourced",
    }
    assert [line["key"] for line in data["lines"]] == ["basisloen", "kvalifikationsloen"]
    # RLTN 1.11.2025: trin 51 55.629,33 kr. a month, 667.552 kr. a year.
    assert data["lines"][0].items() >= {"base_amount": "570591", "annual": "667552", "pensionable": True}.items()
    kval = (Decimal(50000) * Decimal("1.169930")).quantize(Decimal(1), ROUND_HALF_UP)  # 58.496,5
    assert Decimal(data["annual_pay"]) == 667552 + kval
    assert data["pension_rate"] == "21.59"
    assert Decimal(data["total"]) == Decimal(data["annual_pay"]) + Decimal(data["pension"])
    assert data["warnings"] == []
    assert (data["pension_low"], data["total_low"]) == (None, None)
    assert [note["code"] for note in data["notes"]] == ["holiday_pay"]


def test_posting_at_its_level_date_reproduces_it_in_a_danish_table(runner: CliRunner) -> None:
    code, out, _ = run(runner, "posting", "kontorchef-sundhed-praksis", "--date", "1.11.2025")
    assert code == 0
    for text in (
        "792.072 kr.",
        "66.006,00 kr.",
        "171.008 kr.",
        "963.080 kr.",
        "(trin 51)",
        "Forskel til opslagsniveau",
        "ikke et aftalt tillæg",
        "1,169930",
        "kildebelagt",
    ):
        assert text in out
    assert "Advarsel:" not in out


def test_posting_csv_carries_the_lines_and_totals(runner: CliRunner) -> None:
    code, out, _ = run(runner, "posting", "direktoer-regionssekretariatet", "--date", "2025-11-01", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    keys = ["basisloen", "opslagstillaeg", "annual_pay", "pension", "total", "pension_low", "total_low"]
    keys += ["holiday", "total_compensation", "total_compensation_low"]
    assert [row["key"] for row in rows] == [*keys, "posting_level", "posting_level_at_date"]
    # The posting's published level, beside the pay: at its own date the two are the same.
    assert rows[-2]["annual"] == rows[-1]["annual"] == "1072226"
    assert rows[2]["annual"] == "1072226"
    # Reference §1: the difference to the posted level is 312.635 kr. = grundbeløb 267.225.
    assert rows[1].items() >= {"base_amount": "267225", "annual": "312635", "pensionable": "true"}.items()
    assert rows[1]["label"] == "Forskel til opslagsniveau"
    pension = (Decimal(1072226) * Decimal("0.2159")).quantize(Decimal(1), ROUND_HALF_UP)
    low = (Decimal(759591) * Decimal("0.2159")).quantize(Decimal(1), ROUND_HALF_UP)
    figures = {row["key"]: row["annual"] for row in rows}
    assert (figures["pension"], figures["pension_low"]) == (str(pension), str(low))
    assert (figures["total"], figures["total_low"]) == (str(1072226 + pension), str(1072226 + low))


def test_postings_lists_both(runner: CliRunner) -> None:
    code, out, _ = run(runner, "postings", "-f", "json")
    assert code == 0
    ids = [posting["id"] for posting in json.loads(out)["postings"]]
    assert ids == ["kontorchef-sundhed-praksis", "direktoer-regionssekretariatet"]
    code, out, _ = run(runner, "postings")
    assert "1.072.226 kr." in out


def test_steps_at_the_dm_date(runner: CliRunner) -> None:
    code, out, _ = run(runner, "steps", "--date", "1.10.2023", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["annual"] for row in rows] == [
        "529808",
        "566793",
        "626064",
        "712383",
        "782170",
        "875206",
        "987037",
        "1112438",
    ]
    code, out, _ = run(runner, "steps", "--date", "2023-10-01")
    assert "1.112.438 kr." in out


INDEX_CSV_HEADER = (
    "kind,effective,factor,status,basis,source_id,source_title,source_url,name,first_regulation,last_day,start_level"
)


def test_index_csv_and_workbook_carry_sources_periods_and_what_may_be_missing(
    runner: CliRunner, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    data = json.loads(run(runner, "index", "-f", "json")[1])
    code, out, _ = run(runner, "index", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    factors = [row for row in rows if row["kind"] == "factor"]
    assert [(row["effective"], row["factor"], row["source_title"], row["source_url"]) for row in factors] == [
        (f["effective"], f["factor"], f["source"]["title"], f["source"]["url"]) for f in data["factors"]
    ]
    periods = [row for row in rows if row["kind"] == "period"]
    assert [{key: row[key] for key in ("name", "first_regulation", "last_day", "start_level")} for row in periods] == [
        {key: period[key] or "" for key in period} for period in data["periods"]
    ]
    (upcoming,) = [row for row in rows if row["kind"] == "upcoming"]
    assert (upcoming["effective"], upcoming["source_title"]) == (
        data["upcoming"]["date"],
        data["upcoming"]["source"]["title"],
    )
    assert [row["kind"] for row in rows] == ["factor"] * len(factors) + ["period"] * len(periods) + ["upcoming"]
    code, _, _ = run(runner, "index", "-o", str(tmp_path / "index.xlsx"))
    sheet = load_workbook(tmp_path / "index.xlsx")["Reguleringer"]
    header, *cells = sheet.iter_rows(values_only=True)
    ok26 = dict(zip(header, next(line for line in cells if line[header.index("name")] == "OK26"), strict=True))
    assert code == 0
    assert (ok26["first_regulation"], ok26["start_level"]) == (dt.datetime(2026, 4, 1), 1.16993)  # OK26's start


def test_index_lists_status_and_source(runner: CliRunner) -> None:
    code, out, _ = run(runner, "index", "-f", "json")
    assert code == 0
    factors = json.loads(out)["factors"]
    last = factors[-1]
    assert (last["effective"], last["factor"], last["status"]) == ("2026-04-01", "1.198008", "sourced")
    assert last["source"]["title"].startswith("RLTN lønoversigt 1.4.2026")
    code, out, _ = run(runner, "index", "-f", "csv")
    assert out.splitlines()[0] == INDEX_CSV_HEADER
    code, out, _ = run(runner, "index")
    assert "Seneste kendte regulering: 1.4.2026." in out
    assert "OK26 1.4.2026–31.3.2029 (startniveau 1,169930)" in " ".join(out.split())


# RLTN 1.11.2025: trin 51 is grundbeløb 570.591 at factor 1,169930; at 80 % of full time, rounded half up.
TRIN_51_AT_80 = (Decimal(570591) * Decimal("1.169930") * Decimal("0.8")).quantize(Decimal(1), ROUND_HALF_UP)


@pytest.mark.parametrize(("deltid", "fraction"), [("80%", "0.8"), ("80 %", "0.8"), ("80,5%", "0.805"), ("100%", "1")])
def test_deltid_as_a_percentage(runner: CliRunner, tmp_path: Path, deltid: str, fraction: str) -> None:
    import chefloen

    code, out, err = run(runner, "quote", "-t", "51", "-d", "2025-11-01", "--deltid", deltid, "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["employment_fraction"] == fraction
    as_fraction = json.loads(
        run(runner, "quote", "-t", "51", "-d", "2025-11-01", "--deltid", fraction, "-f", "json")[1]
    )
    assert data["annual_pay"] == as_fraction["annual_pay"]
    assert chefloen.quote(trin=51, date="2025-11-01", deltid=deltid).to_data() == data
    source = tmp_path / "rows.csv"
    source.write_text(f'trin,date,deltid\n51,2025-11-01,"{deltid}"\n', encoding="utf-8")
    (row,) = csv.DictReader(io.StringIO(run(runner, "batch", str(source))[1]))
    assert (row["error"], row["annual_pay"]) == ("", data["annual_pay"])
    if deltid == "80%":
        assert Decimal(data["annual_pay"]) == TRIN_51_AT_80
        assert (
            "Deltid: 80,00\xa0% af fuld tid."
            in run(runner, "quote", "-t", "51", "-d", "2025-11-01", "--deltid", deltid)[1]
        )


@pytest.mark.parametrize(
    ("args", "result", "check"),
    [
        (["convert", "25000", "--date", "2025-11-01", "--to", "grundbeloeb"], "21369", "25000"),
        # Reference §1: grundbeløb 106.434 is 124.520 kr. at 1.11.2025.
        (["convert", "106.434", "--date", "2025-11-01"], "124520", "106434"),
    ],
)
def test_convert_both_ways(runner: CliRunner, args: list[str], result: str, check: str) -> None:
    code, out, _ = run(runner, *args, "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["result"], data["check"]) == (result, check)
    factor = Decimal("1.169930")
    if data["to"] == "grundbeloeb":
        assert (Decimal(result) * factor).quantize(Decimal(1)) == 25000
    code, out, _ = run(runner, *args)
    assert "kr." in out


def test_warning_past_the_last_regulation(runner: CliRunner) -> None:
    code, out, _ = run(runner, "quote", "--trin", "51", "--date", "2026-11-22", "-f", "json")
    assert code == 0
    assert "after_last_regulation" in {warning["code"] for warning in json.loads(out)["warnings"]}


def test_csv_warnings_go_to_stderr_not_into_the_data(runner: CliRunner) -> None:
    code, out, err = run(runner, "quote", "--trin", "51", "--date", "2026-11-23", "-f", "csv")
    assert code == 0
    assert "seneste kendte regulering" in err
    assert "seneste kendte regulering" not in out


def test_supplement_name_cannot_become_a_spreadsheet_formula(runner: CliRunner) -> None:
    code, out, _ = run(
        runner, "quote", "--trin", "51", "--date", "2025-11-01", "--tillaeg", "@HYPERLINK(1)=100", "-f", "csv"
    )
    assert code == 0
    cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
    assert "Tillæg: @HYPERLINK(1)" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not cell[1:2].isdigit())]


ERRORS = [
    pytest.param(
        ["quote", "--trin", "99", "--date", "2025-11-01"],
        2,
        "Error: unknown trin '99'; known: 49, 50, 51, 52, 53, 54, 55, 55+",
        id="unknown-trin",
    ),
    pytest.param(
        ["quote", "--trin", "51", "--date", "2018-01-01"],
        1,
        "Error: the regulation factor is not known before 2018-03-31 (asked for 2018-01-01); "
        "use a date on or after 2018-03-31",
        id="date-before-data",
    ),
    pytest.param(
        ["quote", "--trin", "51", "--date", "2025-13-01"],
        2,
        "Error: date '2025-13-01' does not exist",
        id="bad-date",
    ),
    pytest.param(
        ["quote", "--trin", "51", "--kvalifikationsloen", "abc"],
        2,
        "Error: kvalifikationsløn 'abc' is not a number; write e.g. 50000, 50.000 or 50.000,50",
        id="malformed-amount",
    ),
    pytest.param(
        ["quote", "--trin", "51", "--kvalifikationsloen", "-3"],
        2,
        "Error: kvalifikationsløn '-3' must not be negative",
        id="negative-amount",
    ),
    pytest.param(
        ["quote", "--trin", "51", "--afkoeb", "1e9"],
        2,
        "Error: afkøb '1e9' is not a number; write e.g. 50000, 50.000 or 50.000,50",
        id="exponent",
    ),
    pytest.param(
        ["quote", "--trin", "51", "--pension", "120"],
        2,
        "Error: pension '120' must be below 100 %",
        id="bad-percentage",
    ),
    pytest.param(
        ["quote", "--trin", "51", "--afkoeb", "10,5,5%"],
        2,
        "Error: afkøb '10,5,5%' is not a number; write e.g. 21,59 or 21.59",
        id="malformed-percentage",
    ),
    pytest.param(
        ["quote", "--trin", "51", "--deltid", "1.5"],
        2,
        "Error: deltid '1.5' must be a fraction above 0 and at most 1, a percentage such as 80%, or hours such as 30t",
        id="bad-deltid",
    ),
    pytest.param(
        ["quote", "--trin", "51", "--deltid", "120%"],
        2,
        "Error: deltid '120%' must be above 0 % and at most 100 % (full time)",
        id="deltid-above-full-time",
    ),
    pytest.param(
        ["quote", "--trin", "51", "--tillaeg", "Ledelse"],
        2,
        "Error: tillæg 'Ledelse' must be written NAVN=BELØB, e.g. Ledelsestillæg=20000",
        id="bad-tillaeg",
    ),
    pytest.param(["quote", "--date", "2025-11-01"], 2, "Error: Missing option '--trin' / '-t'.", id="missing-trin"),
    pytest.param(
        ["quote", "--trin", "51", "-f", "xml"],
        2,
        "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'csv', 'xlsx'.",
        id="bad-format",
    ),
    pytest.param(
        ["posting", "nope"],
        2,
        "Error: unknown posting 'nope'; known: kontorchef-sundhed-praksis, direktoer-regionssekretariatet",
        id="unknown-posting",
    ),
    pytest.param(
        ["quote", "--trin", "51", "--pensionsgruppe", "x"],
        2,
        "Error: unknown pension group 'x'; known: chef, regionsdirektoer",
        id="unknown-group",
    ),
    pytest.param(
        ["convert", "50,000", "--date", "2025-11-01"],
        2,
        "Error: amount '50,000' is ambiguous: 50.000 with a Danish decimal comma, or 50000 "
        "with international thousands; write 50.000 or 50000 for fifty thousand, 50,00 for fifty",
        id="ambiguous-amount",
    ),
    pytest.param(["nope"], 2, "Error: No such command 'nope'.", id="unknown-command"),
]


@pytest.mark.parametrize(("args", "code", "message"), ERRORS)
def test_errors_are_one_line_with_exit_code(runner: CliRunner, args: list[str], code: int, message: str) -> None:
    exit_code, out, err = run(runner, *args)
    assert (exit_code, err) == (code, message + "\n")
    assert out == ""


def test_broken_data_file_is_one_line_exit_1(runner: CliRunner, scales_copy: Path) -> None:
    steps = scales_copy / "region-chef-steps.toml"
    steps.write_text(
        steps.read_text(encoding="utf-8").replace("base_amount = 516572", "base_amount = 0"), encoding="utf-8"
    )
    code, out, err = run(runner, "quote", "--trin", "51", env={"CHEFLOEN_SCALES_DIR": str(scales_copy)})
    assert (code, out) == (1, "")
    assert err == "Error: region-chef-steps.toml: step.1.base_amount: Input should be greater than 0\n"
    code, _, err = run(runner, "--scales-dir", str(scales_copy), "steps")
    assert code == 1
    assert err.startswith("Error: region-chef-steps.toml: ")


def test_version(runner: CliRunner) -> None:
    from chefloen import __version__

    assert run(runner, "--version")[:2] == (0, f"chefloen {__version__}\n")


def test_chefloen_alone_prints_its_help_and_a_group_with_a_listing_lists(runner: CliRunner) -> None:
    code, out, err = run(runner)
    assert (code, err) == (0, "")
    assert out == run(runner, "-h")[1]
    assert out.startswith("Usage: ")  # help as help, not one line of it
    assert "Commands:" in out
    for group, listed in (("index", "Seneste kendte regulering: 1.4.2026."), ("postings", "1.072.226 kr.")):
        code, out, err = run(runner, group)
        assert (code, err) == (0, "")
        assert listed in out


DEMO = typer.Typer(name="demo", add_completion=False, rich_markup_mode=None)  # as the real groups are made


@DEMO.command("one")
def demo_one() -> None:
    """One of a group that does nothing by itself."""


@DEMO.command("two")
def demo_two() -> None:
    """The other."""


def test_a_group_with_nothing_to_do_by_itself_prints_its_help(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chefloen.cli import app as app_module

    monkeypatch.setitem(app_module.COMMANDS, "demo", "tests.test_cli:DEMO")
    for path in ("demo", "demo one", "demo two"):
        monkeypatch.setitem(app_module.EXAMPLES, path, ["chefloen demo one"])
    code, out, err = run(runner, "demo")
    assert (code, err) == (0, "")
    assert out == run(runner, "demo", "-h")[1]
    assert "Commands:" in out
