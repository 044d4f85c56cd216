"""Shell completion for bash, zsh and fish: commands, options, trin, posting ids and municipalities; and the
scripts that install it. A start that is not a completion imports nothing of it (see test_startup)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from chefloen.cli.app import app

CASES = [
    ("chefloen qu", ["quote"]),
    ("chefloen quote --kvalifikation", ["--kvalifikationsloen"]),
    ("chefloen quote --trin 5", ["50", "51", "52", "53", "54", "55", "55+"]),
    ("chefloen scenarios -p kontor", ["kontorchef-sundhed-praksis"]),
    ("chefloen posting dir", ["direktoer-regionssekretariatet"]),
    # Shells complete a prefix as typed (Typer keeps only values that start with it).
    ("chefloen net --gross 1 --kommune Aar", ["Aarhus"]),
    ("chefloen net --gross 1 --kommune Kø", ["København", "Køge"]),
]


def completions(runner: CliRunner, shell: str, line: str) -> list[str]:
    words = line.split(" ")
    env = {"_CHEFLOEN_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = runner.invoke(app, [], env=env, prog_name="chefloen")
    assert result.exit_code == 0, result.output
    if shell == "zsh":  # _arguments '*: :(("value":"help" "value" …))'
        return re.findall(r'^(?:_arguments \'\*: :\(\()?"([^"]*)"', result.stdout, re.MULTILINE)
    return [line.split("\t")[0] for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(("line", "expected"), CASES)
def test_completion_offers_what_fits(runner: CliRunner, shell: str, line: str, expected: list[str]) -> None:
    assert completions(runner, shell, line) == expected


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_script_names_chefloen(runner: CliRunner, shell: str) -> None:
    result = runner.invoke(app, ["completion", shell])
    assert result.exit_code == 0
    assert "_CHEFLOEN_COMPLETE=complete_" + shell in result.stdout
