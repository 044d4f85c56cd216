"""Right by default: what a user gets without giving a date is true for today and says what it rests on.

Expected figures come from published ones (reference §1, §3): the RLTN tables' monthly trin 51 and the postings'
levels, never from the program's own output.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chefloen import labels
from chefloen.cli.app import app

TODAY = dt.date.today()
KONTORCHEF = "kontorchef-sundhed-praksis"

# Every command that prices something, with what it needs besides a date.
PRICING = {
    "quote": ["quote", "-t", "51"],
    "posting": ["posting", KONTORCHEF],
    "steps": ["steps"],
    "convert": ["convert", "1000"],
    "scenarios": ["scenarios", "-t", "51", "--afkoeb", "0", "--afkoeb", "10%"],
    "compare": ["compare", "-s", "A | trin=51", "-s", "B | posting=" + KONTORCHEF],
    "solve": ["solve", "-p", KONTORCHEF, "--target-pay", "900.000"],
}


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "100"})


def dates_in(data: object) -> Iterator[str]:
    """Every value of a "date" key, however deep."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "date" and isinstance(value, str):
                yield value
            else:
                yield from dates_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from dates_in(item)


def whole(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), ROUND_HALF_UP)


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
@pytest.mark.parametrize("command", list(PRICING))
@pytest.mark.parametrize("written", [None, "i dag", "today", "1.11.2025", "1.11.25", "2025-11-01"])
def test_every_pricing_command_prices_at_the_date_its_help_promises(command: str, fmt: str, written: str) -> None:
    args = PRICING[command]
    help_text = " ".join(invoke(*args[:1], "--help").stdout.split())
    assert "Default: today." in help_text.split("--date", 1)[1], f"{command} --help does not promise today"
    expected = TODAY if written in (None, "i dag", "today") else dt.date(2025, 11, 1)
    given = [] if written is None else ["--date", written]
    result = invoke(*args, *given, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    # The same output as the date spelt out: the date used is the promised one, whatever else is shown.
    spelt = invoke(*args, "--date", expected.isoformat(), "-f", fmt)
    assert result.stdout == spelt.stdout
    if fmt == "json":
        assert set(dates_in(json.loads(result.stdout))) == {expected.isoformat()}
    elif fmt == "table":  # in the title ("pr. 1.12.2026"), or in a Dato column
        assert re.search(rf"(pr\. |│ ){re.escape(labels.date(expected))}\b", result.stdout)
    said = f"Dato: {labels.date(expected)} (i dag"
    assert (said in result.stderr) == (fmt == "csv" and written is None)


@pytest.mark.parametrize("written", [None, "i dag", "1.11.2025"])
def test_a_batch_row_without_a_date_is_priced_at_the_batch_date_default_today(tmp_path: Path, written: str) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("label,trin,date\nuden dato,51,\nmed dato,51,2025-11-01\n", encoding="utf-8")
    result = invoke("batch", str(rows), "-f", "json", *([] if written is None else ["--date", written]))
    assert result.exit_code == 0, result.stderr
    undated, dated = json.loads(result.stdout)
    assert undated["date"] == (dt.date(2025, 11, 1) if written == "1.11.2025" else TODAY).isoformat()
    assert dated["date"] == "2025-11-01"
    assert "Default: today." in " ".join(invoke("batch", "--help").stdout.split())


def test_a_posting_without_a_date_is_priced_today_with_its_published_level_beside_it() -> None:
    data = json.loads(invoke("posting", KONTORCHEF, "-f", "json").stdout)
    assert data["date"] == TODAY.isoformat()
    # From the published figures: trin 51 is 55.629,33 a month at 1.11.2025 (factor 1,169930) and 56.964,42 at
    # 1.4.2026 (1,198008); the posting's 792.072 less that trin is the posting's difference, as a grundbeløb.
    trin_51_then = whole(Decimal("55629.33") * 12)
    difference = whole((Decimal(792072) - trin_51_then) / Decimal("1.169930"))
    assert (trin_51_then, difference) == (Decimal(667552), Decimal(106434))  # reference §1
    assert TODAY >= dt.date(2026, 4, 1), "the factor below is the one in force from 1.4.2026"
    level_now = whole(Decimal("56964.42") * 12) + whole(difference * Decimal("1.198008"))
    assert data["annual_pay"] == str(level_now) == "811082"
    assert data["subject"]["posting_level"] == "792072"
    assert data["subject"]["posting_level_date"] == "2025-11-01"
    assert data["subject"]["posting_level_at_date"] == str(level_now)
    note = next(n["message"] for n in data["notes"] if n["code"] == "posting_level_at_date")
    assert note == f"Opslagsniveau 792.072 kr. pr. 1.11.2025 svarer til 811.082 kr. pr. {labels.date(TODAY)}."
    table = " ".join(invoke("posting", KONTORCHEF).stdout.split())
    assert note in table
    rows = invoke("posting", KONTORCHEF, "-f", "csv").stdout.splitlines()
    assert rows[-2].startswith("posting_level,Opslagsniveau pr. 1.11.2025,,792072,66006.00")
    assert rows[-1].startswith(f"posting_level_at_date,Opslagsniveau reguleret til {labels.date(TODAY)},,811082,")


def test_a_posting_at_its_level_date_reproduces_its_published_level_and_adds_no_note() -> None:
    data = json.loads(invoke("posting", KONTORCHEF, "--date", "1.11.2025", "-f", "json").stdout)
    assert (data["annual_pay"], data["subject"]["posting_level_at_date"]) == ("792072", "792072")
    assert "posting_level_at_date" not in [note["code"] for note in data["notes"]]


def test_the_offer_of_the_issue_prices_at_today_and_names_the_published_level(tmp_path: Path) -> None:
    target = tmp_path / "tilbud.html"
    args = ["offer", "-p", KONTORCHEF, "--kvalifikationsloen", "33389", "--afkoeb", "10%", "-o", str(target)]
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert f"lønoverslag pr. {labels.date(TODAY)}" in page
    assert f"Opslagsniveau 792.072 kr. pr. 1.11.2025 svarer til 811.082 kr. pr. {labels.date(TODAY)}." in page
    # Kvalifikationsløn grundbeløb 33.389 at 1,198008 is the agreed 40.000 kr. (the issue's figure).
    assert "33.389 × 1,198008" in page
    assert whole(Decimal(33389) * Decimal("1.198008")) == 40000
    assert "40.000 kr." in page


def test_two_digit_years_are_this_century() -> None:
    data = json.loads(invoke("quote", "-t", "51", "--date", "31.12.26", "-f", "json").stdout)
    assert data["date"] == "2026-12-31"


def after_last(*args: str) -> str:
    data = json.loads(invoke("quote", "-t", "51", *args, "-f", "json").stdout)
    return str(next(w["message"] for w in data["warnings"] if w["code"] == "after_last_regulation"))


def regular_days_between(after: dt.date, until: dt.date) -> int:
    """1 April and 1 October, counted by walking the calendar."""
    day, count = after + dt.timedelta(days=1), 0
    while day <= until:
        count += day.day == 1 and day.month in (4, 10)
        day += dt.timedelta(days=1)
    return count


def test_the_after_last_warning_says_how_far_past_and_past_a_year_what_is_probably_missing() -> None:
    near = after_last("--date", "2026-12-01")
    assert near.startswith("Datoen ligger 8 måneder efter den seneste kendte regulering pr. 1.4.2026")
    assert "En senere regional regulering kan mangle" in near
    assert "mangler sandsynligvis" not in near
    far = after_last("--date", "2040-01-01")
    missed = regular_days_between(dt.date(2026, 4, 1), dt.date(2040, 1, 1))
    assert missed == 27
    assert far.startswith("Datoen ligger 13 år og 9 måneder efter den seneste kendte regulering pr. 1.4.2026")
    assert f"I den tid ligger {missed} faste reguleringsdatoer (1.4 og 1.10)" in far
    assert "formentlig for lave" in far


def test_an_assumed_regulation_is_called_assumed_everywhere_never_known() -> None:
    assume = ["--assume", "2026-10-01:+0,54%"]
    message = after_last(*assume, "--date", "2026-12-01")
    assert "seneste antagne regulering pr. 1.10.2026" in message
    assert not re.search(r"kendte regulering pr\. 1\.10\.2026", message)
    quote = json.loads(invoke("quote", "-t", "51", "--date", "2026-12-01", *assume, "-f", "json").stdout)
    assert quote["index"]["status"] == "assumed"
    assert "kendt" not in " ".join(invoke("quote", "-t", "51", "-d", "2026-12-01", *assume).stdout.split()).replace(
        "seneste kendte regulering pr. 1.4.2026", ""
    )
    history = json.loads(invoke("history", "-t", "51", *assume, "-f", "json").stdout)
    assert "assumed_factor" in [w["code"] for w in history["warnings"]]
    assert "1,204326 a" in invoke("history", "-t", "51", *assume).stdout
    index = json.loads(invoke("index", *assume, "-f", "json").stdout)
    assert (index["last_regulation"], index["last_assumed"]) == ("2026-04-01", "2026-10-01")
    table = " ".join(invoke("index", *assume).stdout.split())
    assert "Seneste kendte regulering: 1.4.2026." in table
    assert "Seneste antagne regulering (din antagelse): 1.10.2026." in table
