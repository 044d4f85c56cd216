"""The library as an analyst meets it: tables loaded once and again when a file changes, every command a function,
a notebook's values read, DataFrames in and out, results named as a reader names them.

Figures are published ones (reference: aftale-for-chefer.md) or hand arithmetic on them: trin 51 is a grundbeløb of
570.591 kr. (DM), the factor at 1.11.2025 is 1,169930 (RLTN), so 667.552 kr. a year and 55.629,33 kr. a month.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import chefloen
from chefloen.cli.app import app
from chefloen.loading import scales as loading_scales
from chefloen.scenario_text import Value

ON = "2025-11-01"
TRIN_51 = Decimal(667552)  # 570.591 × 1,169930 = 667.551,53 (RLTN 1.11.2025: 55.629,33 a month)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the loads of the tables the library does (each goes through load_scales)."""
    counted: list[int] = []
    real = loading_scales.load_scales

    def counting(*args: object, **kwargs: object) -> chefloen.Scales:
        counted.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loading_scales, "load_scales", counting)
    chefloen.reload()
    return counted


def test_the_tables_are_loaded_once_a_process(loads: list[int]) -> None:
    for _ in range(5):
        assert chefloen.quote(51, ON).annual_pay == TRIN_51
    assert chefloen.convert(50000, ON).result == Decimal(58497)  # 50.000 × 1,169930 = 58.496,5
    assert len(loads) == 1
    chefloen.reload()
    chefloen.quote(51, ON)
    assert len(loads) == 2


def test_a_user_table_changed_by_the_cli_or_by_hand_is_seen_by_the_next_call(user_dir: Path) -> None:
    regulation = "2026-10-01"
    before = chefloen.quote(51, regulation)
    assert before.annual_pay == Decimal(683573)  # 570.591 × 1,198008 (RLTN 1.4.2026), the last regulation
    assert [n.code for n in before.warnings][:1] == ["after_last_regulation"]
    added = CliRunner().invoke(app, ["index", "add", regulation, "--percent", "0,54", "--source", "KRL 1.10.2026"])
    assert added.exit_code == 0, added.stderr
    # 1,198008 + 0,0054 × 1,169930 = 1,204326; 570.591 × 1,204326 = 687.177,58
    assert chefloen.quote(51, regulation).annual_pay == Decimal(687178)
    table = user_dir / "region-index.toml"
    written = table.stat().st_mtime_ns
    # Edited by hand in place, as an editor saves it (the same size; a second later, not within a clock tick):
    table.write_text(table.read_text(encoding="utf-8").replace("1.204326", "1.205496"), encoding="utf-8")
    os.utime(table, ns=(written + 10**9, written + 10**9))
    # 1,198008 + 0,0064 × 1,169930 = 1,205496; 570.591 × 1,205496 = 687.845,17
    assert chefloen.quote(51, regulation).annual_pay == Decimal(687845)
    removed = CliRunner().invoke(app, ["index", "remove", regulation])
    assert removed.exit_code == 0, removed.stderr
    assert chefloen.quote(51, regulation).annual_pay == Decimal(683573)


def test_another_user_directory_is_another_set_of_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHEFLOEN_USER_DIR", str(tmp_path / "mine"))
    added = CliRunner().invoke(
        app, ["postings", "add", "mine", "--trin", "51", "--level", "800000", "--level-date", ON, "--title", "X"]
    )
    assert added.exit_code == 0, added.stderr
    assert chefloen.posting("mine", ON).annual_pay == Decimal(800000)  # a posting reproduces its level
    monkeypatch.setenv("CHEFLOEN_USER_DIR", str(tmp_path / "someone-else"))
    with pytest.raises(chefloen.UnknownKeyError, match="unknown posting 'mine'"):
        chefloen.posting("mine", ON)


def test_every_command_is_a_function_with_its_cli_name() -> None:
    from chefloen.cli.app import COMMANDS

    functions = {"net": "net_pay", "tax": "tax_years"}  # `chefloen net` is net_pay(), as every result names it
    missing = {"completion"}  # the shell's completion: no library use
    assert {functions.get(name, name) for name in COMMANDS} - missing <= set(chefloen.__all__)
    assert dir(chefloen) == sorted(chefloen.__all__)
    assert all(getattr(chefloen, name) is not None for name in chefloen.__all__)


def test_steps_convert_index_and_postings_give_the_published_figures() -> None:
    # DM's check row at 1.10.2023 (factor 1,09722), every trin from 49 to 55+.
    table = chefloen.steps("2023-10-01")
    assert [row.annual for row in table.rows] == [
        Decimal(n) for n in (529808, 566793, 626064, 712383, 782170, 875206, 987037, 1112438)
    ]
    assert table.date == dt.date(2023, 10, 1)
    back = chefloen.convert("58.497 kr.", "1.11.2025", to="grundbeloeb")
    assert (back.result, back.check) == (Decimal(50000), Decimal(58497))
    with pytest.raises(chefloen.UnknownKeyError, match="unknown target 'euro'; known: kroner, grundbeloeb"):
        chefloen.convert(1, ON, to="euro")  # type: ignore[arg-type]
    factors = {factor.effective: factor.value for factor in chefloen.index().factors}
    assert factors[dt.date(2025, 11, 1)] == Decimal("1.169930")
    assert factors[dt.date(2026, 4, 1)] == Decimal("1.198008")  # 1,16993 + 0,024 × 1,16993 (OK26)
    levels = {posting.id: posting.level for posting in chefloen.postings().postings}
    assert levels["kontorchef-sundhed-praksis"] == Decimal(792072)


def test_a_grid_of_trin_and_dates() -> None:
    grid = chefloen.scenarios(52, date=[ON, "2026-04-01"], kvalifikationsloen=[0, 50000], afkoeb=[0, "10%"])
    pays = [b.annual_pay for b in grid.breakdowns]
    # trin 52: 649.262 × 1,169930 = 759.591; + 50.000 × 1,169930 = 58.497; at 1,198008: 777.821 and 59.900
    assert pays[0::2] == [Decimal(759591), Decimal(818088), Decimal(777821), Decimal(837721)]
    frame = grid.to_frame()
    assert frame["annual_pay"].tolist()[0::2] == [759591, 818088, 777821, 837721]
    assert frame["date"].dt.date.tolist() == [dt.date(2025, 11, 1)] * 4 + [dt.date(2026, 4, 1)] * 4


def test_a_notebooks_values_are_read() -> None:
    for day in (dt.datetime(2025, 11, 1, 9, 30), pd.Timestamp("2025-11-01 13:00"), np.datetime64("2025-11-01")):
        assert chefloen.quote(np.int64(51), day).annual_pay == TRIN_51
    given = chefloen.quote(np.float64(51.0), ON, kvalifikationsloen=np.int32(50000), deltid=np.float64(0.8))
    # (570.591 + 50.000) × 0,8 × 1,169930 = 580.852,38 … each line rounded: 534.041 + 46.797
    assert [line.annual for line in given.lines] == [Decimal(534041), Decimal(46797)]
    for nothing in (None, float("nan"), np.nan, Decimal("NaN"), "", "  ", pd.NA, pd.NaT, np.datetime64("NaT")):
        assert chefloen.quote(51, ON, kvalifikationsloen=nothing, afkoeb=nothing).annual_pay == TRIN_51
    assert chefloen.quote(51, pd.NaT).date == dt.date.today()  # no date given: today


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("afkoeb", 0.1, 'afkoeb 0.1 looks like a share of 1; write 10 % as "10%" (a number is a grundbeløb)'),
        ("pension", 0.2159, 'pension 0.2159 looks like a share of 1; write 21.59 % as "21.59%" or 21.59'),
        ("fritvalg", np.float64(0.035), 'fritvalg 0.035 looks like a share of 1; write 3.5 % as "3.5%" or 3.5'),
    ],
)
def test_a_share_where_a_percentage_is_wanted_is_refused_with_a_hint(field: str, value: Value, message: str) -> None:
    with pytest.raises(chefloen.InputError) as caught:
        chefloen.quote(51, ON, **{field: value})  # type: ignore[arg-type]
    assert str(caught.value) == message
    rows = list(chefloen.batch([{"trin": 51, "date": ON, field.upper(): value}]))
    assert rows[0].error == message


def test_a_percentage_as_a_number_and_a_fraction_of_full_time_are_read() -> None:
    # 21,59 % is the agreed rate: 667.552 × 21,59 % = 144.124,48
    assert chefloen.quote(51, ON, pension=21.59).pension == Decimal(144124)
    assert chefloen.quote(51, ON, afkoeb="10%").annual_pay == Decimal(734307)  # 667.552 + 66.755 (10 %)


def test_a_plain_quote_imports_neither_numpy_nor_pandas() -> None:
    probe = (
        "import chefloen, sys; chefloen.quote(51.0, '2025-11-01'); print(sorted({'numpy', 'pandas'} & {*sys.modules}))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout == "[]\n"


def test_batch_of_records_with_nan_in_any_column() -> None:
    frame = pd.DataFrame({"trin": [51, 52], "kvalifikationsloen": [np.nan, 50000], "afkoeb": [np.nan, np.nan]})
    rows = list(chefloen.batch(frame.to_dict("records"), date=ON))
    assert [(row.annual_pay, row.error) for row in rows] == [(TRIN_51, None), (Decimal(818088), None)]


def test_batch_of_a_frame_is_a_frame_with_its_index_and_typed_columns() -> None:
    frame = pd.DataFrame(
        {
            "Trin": [51, 52, np.nan, 99],
            "Date": [pd.Timestamp(ON)] * 3 + [pd.NaT],
            "afkoeb": [None, "10%", None, None],
        },
        index=pd.Index(["a", "b", "c", "d"], name="person"),
    )
    result = chefloen.batch(frame, date="2026-04-01")
    assert isinstance(result, pd.DataFrame)
    assert result.index.equals(frame.index)
    assert str(result["annual_pay"].dtype) == "Int64"
    assert str(result["monthly_pay"].dtype) == "float64"
    assert str(result["date"].dtype) == "datetime64[ns]"
    # a and b have their dates; trin 52 with 10 % afkøb: 759.591 + 75.959 (10 % of it) = 835.550
    assert result.loc["a", "annual_pay"] == 667552
    assert result.loc["b", "annual_pay"] == 835550
    assert result.loc["a", "monthly_pay"] == 55629.33
    assert result["annual_pay"].isna().tolist() == [False, False, True, True]
    assert result.loc["c", "error"] == "give either trin or posting"
    assert result.loc["d", "error"] == "unknown trin '99'; known: 49, 50, 51, 52, 53, 54, 55, 55+"
    assert result["date"].dt.date.tolist()[:2] == [dt.date(2025, 11, 1)] * 2


def test_batch_of_a_frame_with_a_column_that_is_no_batch_column_is_refused() -> None:
    with pytest.raises(chefloen.InputError, match="unknown column 'kontonummer'; known: label, trin"):
        chefloen.batch(pd.DataFrame({"trin": [51], "Kontonummer": ["A"]}))


def test_a_results_frame_reads_back_to_the_same_results() -> None:
    first = chefloen.batch(pd.DataFrame({"Navn": ["Ea", "Bo"], "trin": [51, 52], "date": [ON, ON]}))
    again = chefloen.batch(first)
    assert list(again["annual_pay"]) == [667552, 759591]  # DM 1.11.2025: trin 51 and 52 (reference §1)
    assert again.drop(columns="row").equals(first.drop(columns="row"))


def test_a_breakdown_reads_as_a_reader_names_it() -> None:
    b = chefloen.quote(51, ON)
    assert (b.date, b.warnings) == (dt.date(2025, 11, 1), ())
    assert b.monthly_pay == Decimal("55629.33")  # 667.552 / 12
    assert b.monthly_pension == Decimal("12010.33")  # 144.124 / 12
    assert b.monthly_total == Decimal("67639.66")  # the sum of the two months, as a payslip adds them
    with pytest.raises(chefloen.InputError) as caught:
        b.monthly_figure(b.annual_pay)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "monthly_figure takes the name of a total, not a Decimal; one of annual_pay, fritvalg, taxable_pay, pension, "
        "total, holiday, total_compensation"
    )
    with pytest.raises(chefloen.InputError, match="no low end"):
        b.monthly_figure("total_low")
    lines = b.to_frame().set_index("key")
    assert lines.loc["basisloen", "annual"] == 667552
    assert lines.loc["basisloen", "base_amount"] == 570591.0
    assert lines.loc["pension", "monthly"] == 12010.33


def test_earnings_and_history_frames() -> None:
    months = chefloen.earnings(51, start=ON, end="2025-12-31").to_frame()
    assert months["month"].dt.date.tolist() == [dt.date(2025, 11, 1), dt.date(2025, 12, 1)]
    assert months["pay"].tolist() == [55629.33, 55629.33]
    history = chefloen.history(51).to_frame().set_index("date")
    assert history.loc[pd.Timestamp("2025-11-01"), "annual_pay"] == 667552


def test_without_pandas_a_frame_is_one_line_that_says_how(monkeypatch: pytest.MonkeyPatch) -> None:
    b = chefloen.quote(51, ON)
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if it were not installed
    with pytest.raises(chefloen.MissingExtraError) as caught:
        b.to_frame()
    assert str(caught.value) == 'to_frame() needs pandas, which is not installed: pip install "chefloen[pandas]"'


def test_a_module_of_a_functions_name_never_replaces_the_function() -> None:
    import importlib
    import types

    importlib.import_module("chefloen.earnings")  # binds chefloen.earnings, the module, unless the package refuses
    assert not isinstance(chefloen.earnings, types.ModuleType)
    assert chefloen.earnings(51, start=ON, end="2025-11-30").pay == Decimal("55629.33")


def test_every_public_function_documents_each_argument_and_shows_an_example() -> None:
    import inspect

    from chefloen.arguments import Components

    for name in chefloen.__all__:
        function = getattr(chefloen, name)
        if not (name[0].islower() and callable(function)):
            continue
        doc = inspect.getdoc(function) or ""
        assert ">>> " in doc, name
        parameters = inspect.signature(function).parameters.values()
        names = [p.name for p in parameters if p.kind is not inspect.Parameter.VAR_KEYWORD]
        if len(names) < len(parameters):
            names += list(Components.__annotations__)
        assert [argument for argument in names if argument not in doc] == [], name
