"""Validated scales are cached by content: unchanged data is not validated again, changed data always is."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from chefloen.errors import ScaleFileError
from chefloen.loading import cache
from chefloen.loading import scales as scales_module
from chefloen.loading.scales import load_scales, validate_scales
from chefloen.model import Scales
from tests.conftest import SCALES_DIR

SHIPPED = validate_scales(SCALES_DIR)


def test_second_load_skips_validation(scales_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_scales(scales_copy)

    def no_validation(directory: Path) -> Scales:
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(scales_module, "validate_scales", no_validation)
    assert load_scales(scales_copy) == first


def test_a_changed_file_is_validated_again(scales_copy: Path) -> None:
    load_scales(scales_copy)
    steps = scales_copy / "region-chef-steps.toml"
    steps.write_text(steps.read_text(encoding="utf-8").replace("base_amount = 516572", "base_amount = 0"), "utf-8")
    with pytest.raises(ScaleFileError, match=r"step\.1\.base_amount"):
        load_scales(scales_copy)


def test_one_digit_typed_over_another_is_validated_again(scales_copy: Path) -> None:
    """The same size, one character apart: the edit a typo fix makes, and the cache must still see it."""
    first = load_scales(scales_copy)
    steps = scales_copy / "region-chef-steps.toml"
    text = steps.read_text(encoding="utf-8")
    steps.write_text(text.replace("base_amount = 516572", "base_amount = 516573"), encoding="utf-8")
    assert len(steps.read_text(encoding="utf-8")) == len(text)
    changed = load_scales(scales_copy)
    assert (first.steps["50"].base_amount, changed.steps["50"].base_amount) == (Decimal(516572), Decimal(516573))


def test_a_corrupt_cache_is_ignored(scales_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(cache))
    expected = load_scales(scales_copy)
    for entry in cache.iterdir():
        entry.write_bytes(b"not a pickle")
    assert load_scales(scales_copy) == expected


def test_no_cache_when_switched_off(scales_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(cache))
    monkeypatch.setenv("CHEFLOEN_NO_CACHE", "1")
    load_scales(scales_copy)
    assert not cache.exists()


@pytest.mark.parametrize("module", ["model.py", "schema.py", "scales.py", "money.py"])
def test_changed_code_validates_again(
    module: str, scales_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value cached by other records or other rules must not load: stricter rules would still pass old data."""
    load_scales(scales_copy)
    position = [path.name for path in cache.CODE].index(module)
    changed = tmp_path / module
    changed.write_bytes(cache.CODE[position].read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(cache, "CODE", (*cache.CODE[:position], changed, *cache.CODE[position + 1 :]))
    validated: list[Path] = []

    def validate(directory: Path, user_directory: Path | None = None) -> Scales:
        validated.append(directory)
        return SHIPPED

    monkeypatch.setattr(scales_module, "validate_scales", validate)
    load_scales(scales_copy)
    assert validated == [scales_copy]


def test_only_the_newest_entries_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(tmp_path))
    for number in range(cache.KEEP + 4):
        cache.write(f"key-{number:02}", number)
        os.utime(tmp_path / f"key-{number:02}.pickle", ns=(number * 10**9, number * 10**9))
    cache.write("newest", "value")
    kept = sorted(path.stem for path in tmp_path.glob("*.pickle"))
    assert kept == [f"key-{number:02}" for number in range(5, cache.KEEP + 4)] + ["newest"]
    assert cache.read("newest") == "value"
