"""A run imports what its own command needs and nothing heavier: the start-up rule, checked by behaviour.

How long a start takes is measured by benchmarks/speed.py, not here; these tests pin down what is imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chefloen.cli.app import COMMANDS, app

QUOTE = ["quote", "--trin", "51", "--date", "2025-11-01"]
# Modules a quote must never pay for: validation, tables, notation parsing, other commands, and dataclasses
# (with inspect, a third of a start: why the records on the quote path are NamedTuples).
HEAVY = ["pydantic", "rich", "dateutil", "tomllib", "csv", "dataclasses", "pickle", "chefloen.loading.schema",
         "chefloen.render.table", "chefloen.assumptions", "chefloen.cli.plans", "chefloen.cli.offer",
         "chefloen.tax", "hashlib", "secrets", "tempfile"]  # fmt: skip
PROBE = """
import json, sys
from chefloen.cli.app import app
app(sys.argv[1:], standalone_mode=False)
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(args: list[str], cache: Path) -> set[str]:
    """The modules loaded by one CLI run in a fresh interpreter, with the scales cache at ``cache``."""
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        check=True,
        env={"CHEFLOEN_CACHE_DIR": str(cache), "PATH": ""},
    )
    loaded: list[str] = json.loads(run.stderr.splitlines()[-1])
    return set(loaded)


@pytest.fixture
def warm_cache(tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    modules_after([*QUOTE, "--format", "json"], cache)  # validates once and fills the cache
    return cache


def test_a_json_quote_loads_nothing_heavy(warm_cache: Path) -> None:
    loaded = modules_after([*QUOTE, "--format", "json"], warm_cache)
    assert [name for name in HEAVY if name in loaded] == []


def test_a_table_loads_rich_and_the_first_run_validates(tmp_path: Path) -> None:
    # The same probe sees heavy imports where they belong, so the test above cannot pass by accident.
    first = modules_after(QUOTE, tmp_path / "cache")
    assert {"rich", "pydantic", "chefloen.loading.schema", "chefloen.render.table"} <= first


def test_a_table_of_a_quote_loads_no_plans_and_no_tax(warm_cache: Path) -> None:
    loaded = modules_after(QUOTE, warm_cache)
    assert "chefloen.render.table" in loaded
    assert [name for name in ("chefloen.plans", "chefloen.tax", "dateutil") if name in loaded] == []
    # while a table of a plan draws them in, as it needs them
    assert {"chefloen.plans", "chefloen.render.plan_tables"} <= modules_after(["history", "-t", "51"], warm_cache)


def test_every_command_is_built_on_demand() -> None:
    for name in COMMANDS:
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)


def test_a_mistyped_command_gets_a_suggestion() -> None:
    result = CliRunner().invoke(app, ["quot"])
    assert result.exit_code == 2
    assert result.stderr == "Error: No such command 'quot'. Did you mean 'quote'?\n"
