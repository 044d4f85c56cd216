"""Fixtures only: the shipped scales, a copy of them to break, a CLI runner, private cache and user data."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chefloen.loading.scales import load_scales
from chefloen.model import Scales
from tests.helpers import SCALES_DIR, TRIED


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests use a cache and a user data directory of their own, never the user's (which stays empty)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHEFLOEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        patch.setenv("CHEFLOEN_USER_DIR", str(tmp_path_factory.mktemp("user-data")))
        yield


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty directory for the user's own tables, for tests that add to them."""
    directory = tmp_path / "user-data"
    monkeypatch.setenv("CHEFLOEN_USER_DIR", str(directory))
    return directory


@pytest.fixture(scope="session")
def scales() -> Scales:
    return load_scales(SCALES_DIR)


@pytest.fixture
def scales_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped tables, for tests that break one of them."""
    target = tmp_path / "scales"
    shutil.copytree(SCALES_DIR, target)
    return target


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite tests/golden/ from the current output (then review)."
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TRIED:
        counts = ", ".join(f"{count} {what}" for what, count in sorted(TRIED.items()))
        terminalreporter.write_line(f"robustness: generated cases tried: {counts}")
