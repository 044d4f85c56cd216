"""Any terminal: every figure and label whole at any width from 40 columns up, odd COLUMNS values, no
trailing blanks, and each warning once."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from chefloen.cli.app import app
from chefloen.labels import kr, kr_ore
from tests.helpers import TRIED

COMMANDS = {
    "quote": ["quote", "-t", "55+", "-d", "2025-11-01", "--kvalifikationsloen", "150.000", "--afkoeb", "10%",
              "--tillaeg", "Et meget langt tillægsnavn uden=20000", "--deltid", "0,8"],
    "posting": ["posting", "direktoer-regionssekretariatet", "--net", "--kommune", "Høje-Taastrup", "--kirke"],
    "steps": ["steps", "-d", "2025-11-01"],
    "index": ["index"],
    "postings": ["postings"],
    "scenarios": ["scenarios", "-p", "direktoer-regionssekretariatet", "--kvalifikationsloen-range", "0:100000:50000",
                  "--afkoeb", "0", "--afkoeb", "10%"],
    "compare": ["compare", "-d", "2025-11-01", "-s", "Som opslået | posting=kontorchef-sundhed-praksis",
                "-s", "Med kval | posting=kontorchef-sundhed-praksis | kvalifikationsloen=60000", "--net",
                "--kommune", "Aarhus"],
    "earnings": ["earnings", "-t", "51", "--from", "2025-09-15", "--to", "2026-12-31"],
    "history": ["history", "-p", "direktoer-regionssekretariatet"],
    "net": ["net", "--gross", "1.072.226", "--kommune", "København", "--kirke"],
    "solve": ["solve", "-t", "51", "-d", "2025-11-01", "--target-total", "1.000.000"],
    "convert": ["convert", "106.434", "-d", "2025-11-01"],
}  # fmt: skip
WIDTHS = [40, 41, 47, 53, 60, 67, 72, 79, 80, 100, 132, 200]
ODD_COLUMNS = ["0", "1", "39", "-5", "abc", "", " 80", "99999999999", "1e3", "٣٣"]
_FIGURE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{2})?")


def table(runner: CliRunner, args: list[str], columns: str) -> str:
    result = runner.invoke(app, args, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def figures_of(text: str) -> set[str]:
    return set(_FIGURE.findall(text))


def words_of(text: str) -> set[str]:
    """The words of the text outside table rules and column headings (a stacked layout shows no heading row)."""
    lines = [line for line in text.splitlines() if not line.startswith(("┃", "┏", "┡", "├", "└"))]
    return {word.strip("│:") for line in lines for word in line.split()} - {""}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_figure_or_label_is_cut_at_any_width(runner: CliRunner, command: str) -> None:
    wide = table(runner, COMMANDS[command], "400")
    words = words_of(wide)
    for width in WIDTHS:
        TRIED["terminal widths"] = TRIED.get("terminal widths", 0) + 1
        out = table(runner, COMMANDS[command], str(width))
        lines = out.splitlines()
        assert max(map(len, lines)) <= width, f"{command} at {width}"
        assert out.count("…") == wide.count("…"), f"{command} at {width}: something was cut"  # data may hold one
        assert all(line == line.rstrip() for line in lines)
        # Every figure of the widest layout is still there, whole: none is folded over two lines.
        assert figures_of(wide) <= figures_of(out), f"{command} at {width}"
        # And every word of it, unless a label had to be folded inside a word (none is longer than 40).
        assert words <= words_of(out), f"{command} at {width}: {sorted(words - words_of(out))[:5]}"


# A percent sign that starts a line or a cell's line: its number was left on the line before.
_PERCENT_ALONE = re.compile(r"(?:^|[│┃|])[ ]*%", re.MULTILINE)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_percentage_keeps_its_sign_on_its_line_in_a_table(runner: CliRunner, command: str) -> None:
    for width in WIDTHS:
        out = table(runner, COMMANDS[command], str(width))
        assert not re.search(r"\d %", out), f"{command} at {width}: a breaking space before %"
        assert not _PERCENT_ALONE.search(out), f"{command} at {width}"
    assert "(10\xa0%)" in table(runner, COMMANDS["quote"], "60")


def test_scripts_get_percentages_with_a_plain_space(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, [*COMMANDS["quote"], "-f", "json"]).stdout)
    csv_text = runner.invoke(app, [*COMMANDS["quote"], "-f", "csv"]).stdout
    assert "Afkøb af merarbejde (10 %)" in {line["label"] for line in data["lines"]}
    assert "Afkøb af merarbejde (10 %)" in csv_text
    assert "\xa0" not in json.dumps(data, ensure_ascii=False) + csv_text


def test_a_quote_at_forty_columns_is_stacked_with_every_figure(runner: CliRunner) -> None:
    posting = ["posting", "kontorchef-sundhed-praksis", "-d", "1.11.2025"]
    out = table(runner, posting, "40")
    data = json.loads(runner.invoke(app, [*posting, "-f", "json"]).stdout)
    for line in data["lines"]:
        assert f"Årligt: {kr(Decimal(line['annual']))}" in out
        assert f"Månedligt: {kr_ore(Decimal(line['monthly']))}" in out
    assert "Årligt: 792.072 kr." in out  # the posted level, published
    assert "┃" not in out


def test_a_stacked_value_that_wraps_stays_indented_under_its_field(runner: CliRunner) -> None:
    out = table(runner, ["postings"], "40")
    title, _, stacked = out.partition("\n")
    blocks = stacked.partition("\nOpslagsniveauet ud over")[0].split("\n\n")  # the notes follow the last block
    for block in blocks:
        heading, *fields = block.splitlines()
        assert heading in {"kontorchef-sundhed-praksis", "direktoer-regionssekretariatet"}
        starts = [line for line in fields if not line.startswith("    ")]
        assert [line.partition(":")[0] for line in starts] == ["  Stilling", "  Trin", "  Opslagsniveau"]
        assert len(fields) > len(starts)  # some value did wrap
    assert title == "Stillingsopslag"
    assert "  Opslagsniveau: 792.072 kr.\n    pr. 1.11.2025\n    (kildebelagt)" in out


@pytest.mark.parametrize("columns", ODD_COLUMNS)
def test_odd_columns_values_still_print(runner: CliRunner, columns: str) -> None:
    TRIED["terminal widths"] = TRIED.get("terminal widths", 0) + 1
    out = table(runner, ["posting", "kontorchef-sundhed-praksis"], columns)
    assert "792.072 kr." in out
    assert max(map(len, out.splitlines())) <= 1000
    help_result = runner.invoke(app, ["quote", "--help"], env={"COLUMNS": columns})
    assert help_result.exit_code == 0
    assert "--kvalifikationsloen BELØB" in help_result.stdout


@pytest.mark.parametrize("command", ["earnings", "history", "scenarios"])
def test_each_warning_once(runner: CliRunner, command: str) -> None:
    args = {
        "earnings": ["earnings", "-t", "51", "--from", "2025-01-01", "--to", "2028-12-31"],
        "history": ["history", "-t", "51"],
        "scenarios": ["scenarios", "-t", "51", "-d", "2026-05-01", "-d", "2026-06-01", "-d", "2027-01-01"],
    }[command]
    assumed = ["--assume", "2026-10-01:+1%", "--assume", "2027-04-01:+1,5%", "--assume", "2027-10-01:+1%"]
    out = table(runner, args + assumed, "100")
    data = json.loads(runner.invoke(app, [*args, *assumed, "-f", "json"]).stdout)
    codes = [warning["code"] for warning in data["warnings"]]
    assert len(codes) == len(set(codes))
    assert out.count("Advarsel:") == len(codes)
    if command == "earnings":
        (assumed_warning,) = [w["message"] for w in data["warnings"] if w["code"] == "assumed_factor"]
        assert "1.10.2026–1.10.2027" in assumed_warning
        assert "3 i alt" in assumed_warning
        (after_last,) = [w["message"] for w in data["warnings"] if w["code"] == "after_last_regulation"]
        assert after_last.endswith("Gælder 1.11.2027–1.12.2028.")


def command_paths() -> list[str]:
    """What may be typed after `chefloen` to name a command: nothing (the top level), each command, and each
    subcommand of a group, in the order of the help."""
    from chefloen.cli.app import COMMANDS

    built = typer.main.get_command(app)
    paths = [""]
    for name in COMMANDS:
        command = built.commands[name]  # type: ignore[attr-defined]
        paths += [name, *(f"{name} {sub}" for sub in getattr(command, "commands", {}))]
    return paths


def test_every_command_ends_its_help_with_examples_that_run(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each example, as printed, runs: inputs it names are made first, and what it writes goes to tmp_path.
    They run in the order of the help, so `index remove` takes away what an `index` example added."""
    import shlex

    from openpyxl import Workbook

    from chefloen.cli.app import EXAMPLES

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CHEFLOEN_USER_DIR", str(tmp_path / "user"))
    (tmp_path / "scenarier.csv").write_text("trin;date\n51;01-11-2025\n", encoding="cp1252")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ark1"
    sheet.append(["trin", "date"])
    sheet.append([51, "1.11.2025"])
    book.save(tmp_path / "eksport.xlsx")
    paths = command_paths()
    assert sorted(EXAMPLES) == sorted(paths)
    for path in paths:
        result = runner.invoke(app, [*shlex.split(path), "--help"], env={"COLUMNS": "80"})
        assert result.exit_code == 0, path
        lines = result.stdout.rstrip().splitlines()
        printed = [line for example in EXAMPLES[path] for line in example.splitlines()]
        assert lines[-len(printed) - 1].strip() == "Eksempler:", path
        assert [line.strip() for line in lines[-len(printed) :]] == [line.strip() for line in printed], path
        for line in lines:
            assert len(line) <= 80, line
        for example in EXAMPLES[path]:
            TRIED["help examples"] = TRIED.get("help examples", 0) + 1
            ran = runner.invoke(app, shlex.split(example.replace("\\\n", ""))[1:])  # a line continued with \
            assert ran.exit_code == 0, f"{example}: {ran.stderr}"


def test_option_names_are_never_cut_in_help_at_80_columns(runner: CliRunner) -> None:
    from chefloen.cli.app import COMMANDS

    built = typer.main.get_command(app)
    for name in COMMANDS:
        out = runner.invoke(app, [name, "--help"], env={"COLUMNS": "80"}).stdout
        command = built.commands[name]  # type: ignore[attr-defined]
        for param in command.params:
            for option in param.opts if param.param_type_name == "option" and not param.hidden else ():
                assert option in out, f"{name}: {option}"
        assert "TEXT" not in out
        assert "<str>" not in out


def test_help_at_fifty_columns_wraps_between_words() -> None:
    """In a process of its own: the test runner makes Click lay help out at 80 columns whatever COLUMNS says."""
    import os
    import subprocess
    import sys

    from chefloen.cli.app import COMMANDS

    built = typer.main.get_command(app)
    paths = []
    for name in COMMANDS:
        command = built.commands[name]  # type: ignore[attr-defined]
        paths.append(([name], command))
        paths += [([name, sub], subcommand) for sub, subcommand in getattr(command, "commands", {}).items()]
    for path, command in paths:
        out = subprocess.run(
            [sys.executable, "-m", "chefloen", *path, "--help"],
            capture_output=True, text=True, check=True, env={**os.environ, "COLUMNS": "50"},
        ).stdout  # fmt: skip
        shown = set(out.split())
        texts = [command.help or "", *(param.help or "" for param in command.params if not param.hidden)]
        for text in texts:
            words = set(text.replace("\b", "").split())
            assert words <= shown, f"{' '.join(path)}: {sorted(words - shown)[:3]}"
        assert max(map(len, out.partition("Eksempler:")[0].splitlines())) <= 50, path
