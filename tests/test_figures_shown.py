"""Figures as shown are figures as used: hours, percentages and shares of full time are shown with every decimal
they were given, up to the decimals chefloen keeps (four, and six for a share), and refused past them in one line."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chefloen.cli.app import app


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def quote_json(*args: str) -> Any:
    result = invoke("quote", "-t", "51", "-d", "2025-11-01", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def danish(text: str) -> Decimal:
    """A number as labels write it (1.234,5) read back."""
    return Decimal(text.replace(".", "").replace(",", "."))


def afkoeb_line(data: Any) -> Any:
    return next(line for line in data["lines"] if line["key"] == "afkoeb")


def test_hours_are_shown_as_given() -> None:
    """5,555 t and 5,56 t were both shown as 5,56 t/uge, and paid differently."""
    paid = {}
    for given in ["5,555", "5,56", "7,5", "0,0001", "12,3456", "36,9999", "5"]:
        line = afkoeb_line(quote_json("--afkoeb", f"{given}t"))
        shown = line["label"].removeprefix("Afkøb af merarbejde (").removesuffix(" t/uge)")
        assert danish(shown) == danish(given), line["label"]
        assert line["rule"].startswith(f"{shown} t/uge × 52 uger"), line["rule"]
        paid[given] = line["annual"]
    assert paid["5,555"] != paid["5,56"]


@pytest.mark.parametrize(
    ("given", "share", "percent"),
    [("0,801234", "0,801234", "80,1234"), ("80,1234%", "0,801234", "80,1234")],
)
def test_a_share_of_full_time_is_shown_as_given(given: str, share: str, percent: str) -> None:
    """0,801234 was shown as 0,8012 in the rule and 80,12 % in the table."""
    data = quote_json("--deltid", given)
    assert data["lines"][0]["rule"] == f"570.591 × 1,169930 × {share} (deltid), afrundet til hele kr."
    table = invoke("quote", "-t", "51", "-d", "2025-11-01", "--deltid", given)
    assert f"Deltid: {percent} % af fuld tid." in " ".join(table.stdout.replace("\xa0", " ").split())


def test_the_basis_of_a_regulation_added_by_percent_shows_it_as_given(user_dir: Path) -> None:
    result = invoke("index", "add", "2026-10-01", "--percent", "0,545", "--source", "KRL")
    assert result.exit_code == 0, result.stderr
    assert "Grundlag: 1,198008 + 0,545 % × startniveau 1,169930 (OK26)." in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--afkoeb", "5,55555t"], "afkøb '5,55555t' has 5 decimals; give at most 4"),
        (["--afkoeb", "10,12345%"], "afkøb '10,12345%' has 5 decimals; give at most 4"),
        (["--pension", "99,99999"], "pension '99,99999' has 5 decimals; give at most 4"),
        # 29 nines are 100 to 28 digits, and were shown as a pension of 100 %.
        (["--pension", "99," + "9" * 29], "pension '99,9999999999999999999999999999"),
        (["--deltid", "0,8012345"], "deltid '0,8012345' has 7 decimals; give at most 6"),
        (["--deltid", "80,12345%"], "deltid '80,12345%' has 5 decimals; give at most 4"),
        (["--deltid", "30,12345t"], "deltid '30,12345t' has 5 decimals; give at most 4"),
    ],
)
def test_more_decimals_than_are_kept_is_one_line(args: list[str], message: str) -> None:
    result = invoke("quote", "-t", "51", "-d", "2025-11-01", *args)
    assert (result.exit_code, result.stdout, result.stderr.count("\n")) == (2, "", 1), result.stderr
    assert result.stderr.startswith(f"Error: {message}")
    assert "decimals; give at most" in result.stderr


def test_a_regulation_added_by_percent_with_more_decimals_is_refused(user_dir: Path) -> None:
    result = invoke("index", "add", "2026-10-01", "--percent", "0,12345", "--source", "KRL")
    assert (result.exit_code, result.stderr) == (2, "Error: percent '0,12345' has 5 decimals; give at most 4\n")
