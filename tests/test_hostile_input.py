"""The hostile cases of issue 11 that a command line can show, each pinned: one line and the right exit code
where it is an error, the right figure where it was silently wrong, and text that cannot act on a terminal."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from chefloen.cli.app import app
from chefloen.model import PartTime, Scales, Scenario
from chefloen.offers import offer
from chefloen.render import html
from tests.helpers import SCALES_DIR, TRIED


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    TRIED["hostile CLI cases"] = TRIED.get("hostile CLI cases", 0) + 1
    return CliRunner().invoke(app, list(args), env=env)


def one_line(result: Result, code: int) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert (result.exit_code, result.stdout) == (code, ""), result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: ")
    return result.stderr.strip()


GRID = ["scenarios", "-t", "51", "--kvalifikationsloen-range", "0:999900:100", "-d", "2025-11-01", "-d", "2026-04-01"]
ERRORS = [
    # Dates that would overflow the calendar, and work without end.
    (["earnings", "-t", "51", "--from", "9999-12-01", "--to", "9999-12-31"], 2, "out of range; use dates from 1900"),
    (["quote", "-t", "51", "--assume", "2027-04-01:+2%", "--period-start", "0001-01-01"], 2, "date 0001-01-01 is"),
    (["quote", "-t", "51", "--assume", "2027-04-01:+2%", "--period-start", "2018-01-01"], 2, "must come after"),
    (["earnings", "-t", "51", "--from", "2018-04-01", "--to", "2199-12-31"], 2, "too long; at most 60 years"),
    ([*GRID, "--afkoeb", "5t", "--afkoeb", "10%"], 2, r"the grid has 40\.000 scenarios .*; at most 10\.000"),
    # Amounts and percentages without bound.
    (["quote", "-t", "51", "--assume", "2027-04-01:+123456789012345678901234567%"], 2, "more than 50 %"),
    (["quote", "-t", "51", "--assume", "2027-04-01:+99999999%"], 2, "more than 50 %"),
    (["quote", "-t", "51", "--kvalifikationsloen", "123456789012345678901234567"], 2, "too large"),
    # A tillæg name twice would be shown once and summed twice.
    (["quote", "-t", "51", "--tillaeg", "X=10000", "--tillaeg", "x=20000"], 2, "'x' is given twice"),
    (["compare", "-s", "A | trin=51 | tillaeg=X=1 | tillaeg=X=2", "-s", "B | trin=51"], 2, "'X' is given twice"),
]


@pytest.mark.parametrize(("args", "code", "message"), ERRORS, ids=[" ".join(case[0])[:50] for case in ERRORS])
def test_each_is_one_line_with_its_code(args: list[str], code: int, message: str) -> None:
    assert re.search(message, one_line(invoke(*args), code))


def test_an_assumption_file_is_never_echoed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("2027-04-01:+2%\nhemmelig-adgangskode-123\n", encoding="utf-8")
    message = one_line(invoke("quote", "-t", "51", "--assume", f"@{secret}"), 2)
    assert "line 2" in message
    assert "hemmelig" not in message
    message = one_line(invoke("quote", "-t", "51", "--assume", "@/dev/zero"), 2)
    assert message.endswith("(not a regular file (a FIFO, a device or a directory))")  # refused before it is read
    big = tmp_path / "big.txt"
    big.write_bytes(b"#" * 1_000_001)
    assert one_line(invoke("quote", "-t", "51", "--assume", f"@{big}"), 2).endswith("(larger than 1.000.000 bytes)")


def test_amounts_are_shown_rounded_half_up_as_computed() -> None:
    result = invoke("convert", "24,50", "-d", "2025-11-01", "--to", "grundbeloeb")
    assert result.stdout.startswith("25 kr. pr. 1.11.2025")


def test_control_sequences_and_markup_are_shown_not_acted_on() -> None:
    hostile = "A\x1b]0;pwn\x07\x1b[2J[bold]B[/]\u202e"
    result = invoke("quote", "-t", "51", "-d", "2025-11-01", "--tillaeg", f"{hostile}=100", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "A\\x1b]0;pwn\\x07\\x1b[2J[bold]B[/]\\u202e" in result.stdout
    error = invoke("quote", "-t", "5\x1b[2J")
    assert "\x1b" not in error.stderr
    assert "'5\\x1b[2J'" in error.stderr


def test_an_offer_for_a_pay_of_zero(scales: Scales) -> None:
    """A share of full time below what can be typed (six decimals) pays 0 kr. at every date; the sheet draws it."""
    scenario = Scenario(on=dt.date(2025, 11, 1), step="51", part_time=PartTime("fraction", Decimal("0.0000001")))
    made = offer([scenario], scales, issued=dt.date(2025, 11, 1))
    assert made.breakdowns[0].annual_pay == 0
    assert made.history is not None
    assert "0 kr." in html.sheet(made)


def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(SCALES_DIR.parent, tmp_path / "data")
    return tmp_path / "data"


def test_a_posted_level_equal_to_the_basisloen_with_afkoeb_included(tmp_path: Path) -> None:
    """Trin 52 at 1.11.2025 is 759.591 kr. (RLTN); a posting at exactly that level has no supplement line."""
    data = data_copy(tmp_path)
    postings = data / "scales" / "region-postings.toml"
    postings.write_text(postings.read_text(encoding="utf-8").replace("level = 1072226", "level = 759591"), "utf-8")
    args = ["posting", "direktoer-regionssekretariatet", "-d", "1.11.2025", "-f", "json"]
    result = invoke("--scales-dir", str(data / "scales"), *args)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["annual_pay"] == "759591"


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "directory"])
def test_a_data_file_that_is_not_a_file(tmp_path: Path, kind: str) -> None:
    data = data_copy(tmp_path)
    path = data / "scales" / "region-pension.toml"
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    message = one_line(invoke("--scales-dir", str(data / "scales"), "quote", "-t", "51"), 1)
    assert message.startswith("Error: region-pension.toml: cannot be read: not a regular file")


def test_a_tax_file_must_hold_the_year_it_is_named_for(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    path = data / "tax" / "2026.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("year = 2026", "year = 2025"), encoding="utf-8")
    result = invoke("net", "--gross", "800000", "--kommune", "Viborg", env={"CHEFLOEN_TAX_DIR": str(data / "tax")})
    assert one_line(result, 1) == "Error: 2026.toml: year: 2025, but the file is named for 2026"


def test_a_data_date_the_data_cannot_cover_is_the_files_error(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    index = data / "scales" / "region-index.toml"
    text = index.read_text(encoding="utf-8")
    first = re.search(r"^first_regulation = .*$", text, re.MULTILINE)
    assert first is not None
    index.write_text(text.replace(first[0], "first_regulation = 2018-03-31", 1), encoding="utf-8")
    message = one_line(invoke("--scales-dir", str(data / "scales"), "quote", "-t", "51"), 1)
    assert message.startswith("Error: region-index.toml: period.0.first_regulation: must come after")


# Any text at all where the CLI takes text: control characters, lone surrogates (bytes that were not UTF-8, as
# Python hands them over), digits by the thousand, Rich markup.
hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec=None, exclude_categories=())),
    st.sampled_from(["\udcff", "[/]", "[bold", "\\", "9" * 5000, "1e999999", "-0", "\x00", "\x1b[2J", "١٢٣"]),
)


@settings(max_examples=200, deadline=None)
@given(
    option=st.sampled_from(["--kvalifikationsloen", "--tillaeg", "--afkoeb", "--pension", "--deltid", "--date",
                            "--assume", "--pensionsgruppe", "--funktionsloen", "--engangsvederlag"]),
    text=hostile_text, fmt=st.sampled_from(["table", "json", "csv"]),
)  # fmt: skip
def test_any_text_in_any_option_is_a_result_or_one_line(option: str, text: str, fmt: str) -> None:
    if "\x00" in text:  # no process can receive a NUL in an argument
        return
    result = invoke("quote", "-t", "51", option, text, "-f", fmt)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.stderr
    if result.exit_code:
        one_line(result, 2)
        assert "\x1b" not in result.stderr


def test_rich_markup_in_a_data_files_url_is_text(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    postings = data / "scales" / "region-postings.toml"
    text = postings.read_text(encoding="utf-8").replace('url = "https://www.rm.dk/"', 'url = "https://x/[/]\x5b/bold]"')
    postings.write_text(text, encoding="utf-8")
    args = ["--scales-dir", str(data / "scales"), "posting", "kontorchef-sundhed-praksis"]
    result = invoke(*args, env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.stderr
    assert "https://x/[/][/bold]" in result.stdout
