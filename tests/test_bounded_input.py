"""Work without end: text of 10⁴ and 10⁵ characters in every option that reads text (runs of blanks, digits, marks,
and the shapes that made a pattern backtrack) is answered, with a result or one error line, within a bound."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from typer.testing import CliRunner, Result

from chefloen.cli.app import app
from tests.helpers import TRIED

# Generous: each case takes milliseconds; a parser that backtracks took from seconds to minutes.
BOUND = 2.0


class Overran(Exception):
    """A case ran past BOUND and was stopped."""


@contextlib.contextmanager
def bounded(seconds: float) -> Iterator[None]:
    """Stop the code inside after ``seconds`` (a pattern that backtracks is interrupted too), so that a failing
    case costs the bound, not the minutes it would run."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Overran(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def hostile(size: int) -> dict[str, str]:
    """Texts of about ``size`` characters, each a shape that costs a backtracking pattern its square or cube."""
    run = " " * size
    return {
        "blanks": f"1{run}1",
        "blanks-then-hours": f"1{run}x{run}1t",
        "digits": "1" * size,
        "marks": ".," * (size // 2),
        "digits-and-blanks": "1 " * (size // 2) + "t",
        "mixed": "1 .,t%:+-=" * (size // 10),
        "assumption": f"2027-04-01{run}:{run}+{run}x",
        "kommune": f"kommune{run}x{run}kommunex",
        "no-break-spaces": "1" + "\xa0" * size + "kr.",
    }


# Every option that reads text, as the command that reads it; TEXT stands for the hostile text.
OPTIONS = {
    "--kvalifikationsloen": ["quote", "-t", "51", "--kvalifikationsloen", "TEXT"],
    "--funktionsloen": ["quote", "-t", "51", "--funktionsloen", "TEXT"],
    "--tillaeg amount": ["quote", "-t", "51", "--tillaeg", "Tillæg=TEXT"],
    "--tillaeg name": ["quote", "-t", "51", "--tillaeg", "TEXT=1000"],
    "--afkoeb": ["quote", "-t", "51", "--afkoeb", "TEXT"],
    "--engangsvederlag": ["quote", "-t", "51", "--engangsvederlag", "TEXT"],
    "--pension": ["quote", "-t", "51", "--pension", "TEXT"],
    "--deltid": ["quote", "-t", "51", "--deltid", "TEXT"],
    "--date": ["quote", "-t", "51", "--date", "TEXT"],
    "--assume": ["quote", "-t", "51", "--assume", "TEXT"],
    "--period-start": ["quote", "-t", "51", "--assume", "2027-04-01:+1%", "--period-start", "TEXT"],
    "--pensionsgruppe": ["quote", "-t", "51", "--pensionsgruppe", "TEXT"],
    "--trin": ["quote", "-t", "TEXT"],
    "posting": ["posting", "TEXT"],
    "--kommune": ["quote", "-t", "51", "--net", "--kommune", "TEXT"],
    "convert": ["convert", "TEXT"],
    "convert --to grundbeloeb": ["convert", "TEXT", "--to", "grundbeloeb"],
    "net --gross": ["net", "--gross", "TEXT", "--kommune", "Viborg"],
    "solve --target-pay": ["solve", "-t", "51", "--target-pay", "TEXT"],
    "solve --target-net": ["solve", "-t", "51", "--target-net", "TEXT", "--kommune", "Aarhus"],
    "solve --per": ["solve", "-t", "51", "--target-net", "45000", "--kommune", "Aarhus", "--per", "TEXT"],
    "scenarios --kvalifikationsloen-range": ["scenarios", "-t", "51", "--kvalifikationsloen-range", "TEXT"],
    "earnings --from": ["earnings", "-t", "51", "--from", "TEXT", "--to", "2026-12-31"],
    "index add --percent": ["index", "add", "2026-10-01", "--percent", "TEXT", "--source", "x"],
}
CASES = [
    pytest.param(option, name, size, id=f"{option}-{name}-{size}")
    for option in OPTIONS
    for size in (10_000, 100_000)
    for name in hostile(size)
]


@pytest.mark.parametrize(("option", "shape", "size"), CASES)
def test_any_length_of_text_is_answered_within_the_bound(option: str, shape: str, size: int) -> None:
    text = hostile(size)[shape]
    args = [part.replace("TEXT", text) for part in OPTIONS[option]]
    TRIED["bounded input cases"] = TRIED.get("bounded input cases", 0) + 1
    started = time.perf_counter()
    with bounded(BOUND):
        result: Result = CliRunner().invoke(app, args)
    elapsed = time.perf_counter() - started
    assert not isinstance(result.exception, Overran), f"{option} {shape}: no answer within {BOUND} s"
    assert elapsed < BOUND
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.stderr[:300]
    if result.exit_code:
        assert result.stdout == ""
        assert result.stderr.startswith("Error: ")
        assert result.stderr.count("\n") == 1
        # The text is quoted by its start: an error line is a line, not a page.
        assert len(result.stderr) < 400, result.stderr[:400]


def assumption_file(path: Path, count: int, size: int) -> Path:
    """``count`` assumed regulations, one a day from 1.10.2026, padded with comments to about ``size`` bytes."""
    first = dt.date(2026, 10, 1)
    lines = [f"{first + dt.timedelta(days=day)}:+0,01%\n" for day in range(count)]
    text = "".join(lines)
    comment = "# " + "x" * 97 + "\n"
    path.write_text(text + comment * max(0, (size - len(text)) // len(comment)), encoding="utf-8")
    return path


def test_an_assumption_file_near_its_limit_is_answered_within_the_bound(tmp_path: Path) -> None:
    """55.500 assumptions fill 1 MB; applying them rebuilt the series for each, which took 30 s and 320 MB."""
    crowded = assumption_file(tmp_path / "mange.txt", 55_500, 999_000)
    with bounded(BOUND):
        result = CliRunner().invoke(app, ["history", "-t", "51", "--assume", f"@{crowded}"])
    assert not isinstance(result.exception, Overran), "no answer within the bound"
    assert (result.exit_code, result.stdout) == (2, ""), result.stderr
    message = f"Error: assumption file '{crowded}': 55.500 assumed regulations; at most 1.000 in all\n"
    assert result.stderr == message
    at_limit = assumption_file(tmp_path / "tusind.txt", 1_000, 999_000)
    with bounded(BOUND):
        result = CliRunner().invoke(app, ["history", "-t", "51", "--assume", f"@{at_limit}", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["history"][-1]["date"] == str(dt.date(2026, 10, 1) + dt.timedelta(days=999))
