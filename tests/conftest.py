"""Shared fixtures: the shipped scales, a copy of them to break, and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chefloen.model import Scales
from chefloen.scales import default_dir, load_scales

SCALES_DIR = Path(__file__).resolve().parents[1] / "data" / "scales"


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


def test_default_dir_is_the_checkout_tables() -> None:
    assert default_dir().resolve() == SCALES_DIR
