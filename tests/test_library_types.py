"""A user's script that calls every public function type-checks under ``mypy --strict`` and runs: the library's
types (py.typed) are what a user's checker sees, overloads and all (batch of a DataFrame is a DataFrame)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from mypy import api

import chefloen

SCRIPT = Path(__file__).with_name("scripts") / "notebook.py"


def test_the_script_calls_every_public_function() -> None:
    tree = ast.parse(SCRIPT.read_text(encoding="utf-8"))
    names = [node for node in ast.walk(tree) if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)]
    called = {node.attr for node in names if isinstance(node.value, ast.Name) and node.value.id == "chefloen"}
    functions = {name for name in chefloen.__all__ if name[0].islower() and callable(getattr(chefloen, name))}
    assert functions <= called


def test_a_users_script_type_checks_under_mypy_strict(tmp_path: Path) -> None:
    out, err, status = api.run(["--strict", "--cache-dir", str(tmp_path / "mypy"), str(SCRIPT)])
    assert status == 0, out + err


def test_the_users_script_runs() -> None:
    run = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    # 667.552 + 50.000 × 1,169930 rounded = 726.049; a month 60.504,08; no warnings at 1.11.2025
    assert lines[0] == "726049 60504.08 2025-11-01 []"
    assert lines[-1] == 'afkoeb 0.1 looks like a share of 1; write 10 % as "10%" (a number is a grundbeløb)'
