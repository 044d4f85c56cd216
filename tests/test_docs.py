"""The README stays true: commands, data tables, and the test command CI runs."""

from __future__ import annotations

import doctest
import re
import shlex
import shutil
from pathlib import Path

import pytest

from chefloen.cli.app import COMMANDS, app
from chefloen.loading.paths import FILES
from chefloen.model import Scales
from tests.helpers import SCALES_DIR

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_is_documented_with_an_example(name: str) -> None:
    assert f"**`chefloen {name}" in README
    assert re.search(rf"^chefloen {name}\b", README, re.MULTILINE), f"no example of chefloen {name}"


def test_readme_lists_exactly_the_shipped_tables() -> None:
    listed = re.findall(r"^\| `([\w-]+\.toml)` \|", README, re.MULTILINE)
    assert sorted(listed) == sorted(path.name for path in SCALES_DIR.glob("*.toml")) == sorted(FILES)


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_quick_start_has_two_commands_and_ci_runs_the_test_one() -> None:
    install_and_run, run_tests = quick_start_commands()
    assert "chefloen posting kontorchef-sundhed-praksis" in install_and_run
    assert "pytest" in run_tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert run_tests in ci.splitlines()


def test_quick_start_sample_is_what_its_command_prints_on_its_date() -> None:
    """The sample says the day it was run on; at that date every line it shows is the program's own."""
    from typer.testing import CliRunner

    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    sample = re.findall(r"\n\n```\n(.+?)\n```\n", section, re.DOTALL)[0].splitlines()
    day = re.search(r"pr\. (\d+\.\d+\.\d{4})$", sample[0])
    assert day, sample[0]
    command = shlex.split(quick_start_commands()[0].rsplit("/chefloen ", 1)[1])
    result = CliRunner().invoke(app, [*command, "--date", day[1]], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    printed = result.stdout.splitlines()
    shown = [line for line in sample if line != "…"]
    assert len(shown) > 10
    assert all(line in printed for line in shown), sorted(set(shown) - set(printed))


def test_readme_table_figures_are_the_published_ones() -> None:
    for figure in ("792.072 kr.", "66.006,00 kr.", "171.008 kr."):
        assert figure in README


def readme_examples() -> list[str]:
    return re.findall(r"^chefloen (.+)$", README, re.MULTILINE)


def test_every_readme_example_runs_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a reader would: top to bottom, so `postings add` comes before the quote of that posting."""
    from typer.testing import CliRunner

    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    monkeypatch.setenv("CHEFLOEN_USER_DIR", str(tmp_path / "user-data"))
    examples = readme_examples()
    assert len(examples) >= 15
    for example in examples:
        command, _, target = example.partition(" > ")  # a redirection, as the shell would do it
        result = CliRunner().invoke(app, shlex.split(command))
        assert result.exit_code == 0, f"chefloen {example}: {result.stderr}"
        if target:
            (tmp_path / target).write_text(result.stdout, encoding="utf-8")
    assert not list((tmp_path / "user-data").glob("*.toml")), "the README's own entries are removed again"


def test_readme_names_the_last_shipped_regulation(scales: Scales) -> None:
    last = scales.regulation.last
    assert f"**The shipped data ends with the regulation of {last.effective.day}.{last.effective.month}." in README
    assert f"to {last.effective.isoformat()} |" in README


def test_use_from_python_examples_run() -> None:
    """The README's Python session, run as a doctest, so the library section stays true."""
    section = README.split("## Use from Python", 1)[1].split("\n## ", 1)[0]
    test = doctest.DocTestParser().get_doctest(section, {}, "README: Use from Python", "README.md", 0)
    assert len(test.examples) >= 5
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
