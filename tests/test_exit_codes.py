"""The one exit rule, command by command: 2 when what was typed is wrong, 1 when the work failed, 130 on
Ctrl-C; every error is one line on stderr (a batch first reports each bad row) and nothing on stdout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from chefloen.cli.app import COMMANDS, app
from tests.helpers import TRIED

TOO_EARLY = (
    "Error: the regulation factor is not known before 2018-03-31 (asked for {}); use a date on or after 2018-03-31"
)
EARLY = TOO_EARLY.format("2018-01-01")

# (arguments, exit code, the last line of stderr, or its start where it ends in "…"); {dir} is a temporary
# directory with the files below.
CASES = [
    (["quote", "-t", "51", "-d", "2025-13-01"], 2, "Error: date '2025-13-01' does not exist"),
    (["quote", "-t", "51", "-d", "2018-01-01"], 1, EARLY),
    (["posting", "nope"], 2, "Error: unknown posting 'nope'; known: kontorchef-sundhed-praksis, …"),
    (["posting", "kontorchef-sundhed-praksis", "-d", "2017-01-01"], 1, TOO_EARLY.format("2017-01-01")),
    (["postings", "-f", "xml"], 2, "Error: Invalid value for '--format' / '-f': 'xml' is not one of …"),
    (
        ["postings", "add", "x-y", "--trin", "51", "--level", "1", "--level-date", "2025-11-01", "--title", "T"],
        2,
        "Error: level 1 kr. is below the basisløn of trin 51 at 2025-11-01 (667.552 kr.)",
    ),
    (["postings", "remove", "nope"], 2, "Error: no posting of yours with id 'nope' to remove: …"),
    (["steps", "-d", "32.1.2025"], 2, "Error: date '32.1.2025' does not exist"),
    (["steps", "-d", "2018-01-01"], 1, EARLY),
    (["steps", "-o", "{dir}/trin"], 2, "Error: trin: no extension; chefloen writes .txt (table), .json, .csv, …"),
    (["quote", "-t", "51", "-o", "{dir}/tilbud.xls"], 2,
     "Error: tilbud.xls: chefloen writes .txt (table), .json, .csv, .xlsx; give one of those or --format"),
    (["index", "--assume", "x"], 2, "Error: assumption 'x' must be DATE:+PCT%, e.g. 2026-04-01:+2.5%"),
    (["index", "add", "2026-10-01", "--source", "s"], 2, "Error: give either --percent or --factor"),
    (
        ["index", "remove", "2026-04-01"],
        2,
        "Error: no regulation of yours on 2026-04-01 to remove: it is shipped data, which cannot be removed",
    ),
    (["convert", "abc"], 2, "Error: amount 'abc' is not a number; write e.g. 50000, 50.000 or 50.000,50"),
    (["convert", "1000", "-d", "2018-01-01"], 1, EARLY),
    (["scenarios", "-t", "51", "--kvalifikationsloen-range", "1:2"], 2, "Error: --kvalifikationsloen-range must be …"),
    (["scenarios", "-t", "51", "-d", "2018-01-01"], 1, EARLY),
    (["compare", "-s", "A | trin=51"], 2, "Error: compare needs at least two scenarios"),
    (["compare", "-s", "A | trin=51", "-s", "B | trin=52", "-d", "2018-01-01"], 1, EARLY),
    (["solve", "-t", "51"], 2, "Error: give one of --target-pay, --target-total or --target-net"),
    (["solve", "-t", "51", "--target-pay", "1000000", "-d", "2018-01-01"], 1, EARLY),
    (["earnings", "-t", "51", "--from", "2025-05-01", "--to", "2025-01-01"], 2, "Error: the period ends …"),
    (["earnings", "-t", "51", "--from", "2017-05-01", "--to", "2018-06-01"], 1, TOO_EARLY.format("2017-05-01")),
    (["batch", "{dir}/missing.csv"], 2, "Error: {dir}/missing.csv: No such file or directory"),
    (["batch", "{dir}/rows.xls"], 2, "Error: rows.xls: use a .csv, .xlsx, .jsonl, .json or .toml file"),
    (["batch", "{dir}/rows.xlsx"], 1, "Error: rows.xlsx: not an .xlsx workbook that can be read (BadZipFile)"),
    (["batch", "{dir}/bad.csv"], 1, "Error: batch: 2 rows, 1 succeeded, 1 failed"),
    (["batch", "{dir}/header.csv"], 1, "Error: header.csv: unknown column 'lon'; known: label, …"),
    (["batch", "{dir}/bad.csv", "-o", "{dir}/no/such/dir/out.csv"], 1, "Error: cannot write {dir}/no/such/…"),
    (["batch", "{dir}/bad.csv", "-o", "{dir}/out.txt"], 2,
     "Error: out.txt: chefloen batch writes .csv, .jsonl, .json, .xlsx; give one of those or --format"),
    (["net", "--gross", "1", "--kommune", "Viborg", "--skatteaar", "2019"], 2, "Error: no tax rules for 2019; known …"),
    (["net", "--gross", "-5", "--kommune", "Viborg"], 2, "Error: amount '-5' must not be negative"),
    (["tax", "add", "2026"], 2,
     "Error: the rules for 2026 are shipped (data/tax/2026.toml); a tax year of yours never replaces them"),
    (["tax", "remove", "2027"], 2, "Error: no tax year of yours for 2027 to remove: you have none for it"),
    (["tax", "-o", "{dir}/no/such/dir/out.csv"], 1, "Error: cannot write {dir}/no/such/…"),
    (["history", "-t", "51", "-p", "x"], 2, "Error: give either --trin or --posting"),
    (["history", "-t", "51", "--deltid", "0"], 2, "Error: deltid '0' must be a fraction above 0 …"),
    (["offer", "-t", "51", "-o", "{dir}/x.pdf"], 2, "Error: x.pdf: chefloen offer writes .html, .htm; give one of …"),
    (["offer", "-t", "51", "-o", "{dir}/no/x.html"], 1, "Error: cannot write {dir}/no/x.html: …"),
    (["offer", "-t", "51", "-d", "2018-01-01", "-o", "{dir}/x.html"], 1, EARLY),
    (["completion", "tcsh"], 2, "Error: Invalid value for 'SKAL': 'tcsh' is not one of 'bash', 'zsh', 'fish'."),
]  # fmt: skip


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "bad.csv").write_text("label,trin,date\nok,51,2025-11-01\nbad,99,2025-11-01\n", encoding="utf-8")
    (tmp_path / "header.csv").write_text("label,lon\nx,1\n", encoding="utf-8")
    (tmp_path / "rows.xlsx").write_bytes(b"PK")
    return tmp_path


@pytest.mark.parametrize(("args", "code", "message"), CASES, ids=[" ".join(case[0][:2]) for case in CASES])
def test_each_error_has_its_rule_code_and_one_line(
    runner: CliRunner, files: Path, args: list[str], code: int, message: str
) -> None:
    result = runner.invoke(app, [arg.replace("{dir}", str(files)) for arg in args])
    lines = result.stderr.splitlines()
    expected = message.replace("{dir}", str(files))
    shown = lines[-1][: len(expected) - 1] + "…" if expected.endswith("…") else lines[-1]
    assert (result.exit_code, shown) == (code, expected)
    assert result.stdout == "" or args[0] == "batch"  # a batch still writes every good row
    assert len(lines) == 1 or args[0] == "batch"
    assert not (files / "x.html").exists()
    assert sorted(path.name for path in files.iterdir()) == ["bad.csv", "header.csv", "rows.xlsx"]  # nothing written


def test_every_command_has_both_kinds_of_error_where_it_can_fail_both_ways() -> None:
    codes: dict[str, set[int]] = {}
    for args, code, _ in CASES:
        codes.setdefault(args[0], set()).add(code)
    assert set(codes) == set(COMMANDS)
    # Listing and changing your own data cannot fail once the command line is right, short of a broken file;
    # nor can printing a completion script.
    quiet = {"postings", "index", "history", "net", "completion"}
    assert all(codes[name] == {1, 2} for name in COMMANDS if name not in quiet)


def test_ctrl_c_exits_130(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("chefloen.cli.pay.load", interrupted)
    result = runner.invoke(app, ["quote", "-t", "51"])
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "")


def options_of_every_command() -> list[tuple[list[str], Any]]:
    """Each option of the top level, of every command and of every subcommand, with the path that reaches it."""
    root = typer.main.get_command(app)
    found: list[tuple[list[str], Any]] = [([], param) for param in root.params]
    for name in COMMANDS:
        command = root.commands[name]  # type: ignore[attr-defined]
        found += [([name], param) for param in command.params]
        for sub, subcommand in getattr(command, "commands", {}).items():
            found += [([name, sub], param) for param in subcommand.params]
    return [(path, param) for path, param in found if param.param_type_name == "option"]


def spelled(name: str, value: str, *, attached: bool) -> list[str]:
    """An option with its value: --name VALUE, --name=VALUE, -n VALUE or -nVALUE."""
    if not attached:
        return [name, value]
    return [f"{name}={value}" if name.startswith("--") else f"{name}{value}"]


SINGLE = [(path, option) for path, option in options_of_every_command() if not option.multiple and not option.is_flag]


def test_every_command_has_single_value_options() -> None:
    commands = set(COMMANDS) - {"completion"}  # which takes a shell's name and nothing else
    assert {" ".join(path) for path, _ in SINGLE} >= {"", *commands, "index add", "postings add"}


@pytest.mark.parametrize(("path", "option"), SINGLE, ids=[" ".join([*p, o.opts[0]]) for p, o in SINGLE])
def test_a_single_value_option_given_twice_is_a_usage_error_naming_both(
    runner: CliRunner, path: list[str], option: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where `-o a1 -o b2` would write, if it were taken
    long = next(name for name in option.opts if name.startswith("--"))
    ways = [(name, attached) for name in option.opts for attached in (False, True)]
    for at, (first, first_attached) in enumerate(ways):
        TRIED["options given twice"] = TRIED.get("options given twice", 0) + 1
        second, second_attached = ways[(at + 1) % len(ways)]  # each spelling after another one
        given = [*spelled(first, "a1", attached=first_attached), *spelled(second, "b2", attached=second_attached)]
        result = runner.invoke(app, [*path, *given])
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"Error: {long} is given twice (a1 and b2); give it once\n"
        assert list(tmp_path.iterdir()) == []


def test_repeatable_options_and_flags_may_be_given_twice(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    repeatable = [(path, option) for path, option in options_of_every_command() if option.multiple or option.is_flag]
    assert {option.opts[0] for _, option in repeatable} >= {"--tillaeg", "--assume", "--scenario", "--date", "--net"}
    for path, option in repeatable:
        if option.is_eager:  # --help, --version: they end the run
            continue
        twice = [option.opts[0]] * 2 if option.is_flag else [option.opts[0], "a1", option.opts[0], "b2"]
        result = runner.invoke(app, [*path, *twice])
        assert "given twice" not in result.stderr, (path, option.opts)


def test_a_flag_may_be_given_twice_and_what_follows_double_dash_is_no_option(runner: CliRunner) -> None:
    args = ["quote", "-t", "51", "-d", "1.11.2025", "-f", "json", "--net", "--net", "--kommune", "Viborg"]
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, ["posting", "-d", "1.11.2025", "--", "-d"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown posting '-d'; known: ")
