"""Validated scales are cached by content: unchanged data is not validated again, changed data always is."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from chefloen.errors import ScaleFileError
from chefloen.loading import cache, paths
from chefloen.loading import scales as scales_module
from chefloen.loading.paths import PACKAGE
from chefloen.loading.scales import load_scales, validate_scales
from chefloen.model import Scales
from tests.helpers import SCALES_DIR

SHIPPED = validate_scales(SCALES_DIR)


def test_second_load_skips_validation(scales_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_scales(scales_copy)

    def no_validation(directory: Path, user_directory: Path | None = None) -> Scales:
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
        entry.write_bytes(b"not an entry")
    assert load_scales(scales_copy) == expected


def test_no_cache_when_switched_off(scales_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(cache))
    monkeypatch.setenv("CHEFLOEN_NO_CACHE", "1")
    load_scales(scales_copy)
    assert not cache.exists()


def test_every_module_counts_for_the_key_found_by_listing_the_package() -> None:
    names = {Path(path).relative_to(PACKAGE).as_posix() for path in cache.code_files()}
    # The modules that shape a cached Scales, and one far from it: all of them are found, none listed by hand.
    assert {"model.py", "money.py", "loading/schema.py", "loading/scales.py", "cli/app.py"} <= names
    assert len(names) == len(list(PACKAGE.rglob("*.py")))


@pytest.mark.parametrize("module", ["model.py", "loading/schema.py", "loading/scales.py", "money.py", "periods.py"])
def test_changed_code_validates_again(
    module: str, scales_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value cached by other records or other rules must not load: stricter rules would still pass old data."""
    load_scales(scales_copy)
    files = cache.code_files()
    position = [Path(path).relative_to(PACKAGE).as_posix() for path in files].index(module)
    changed = tmp_path / "changed.py"
    changed.write_bytes(Path(files[position]).read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(cache, "code_files", lambda: [*files[:position], str(changed), *files[position + 1 :]])
    validated: list[Path] = []

    def validate(directory: Path, user_directory: Path | None = None, user: object = None) -> Scales:
        validated.append(directory)
        return SHIPPED

    monkeypatch.setattr(scales_module, "validate_scales", validate)
    load_scales(scales_copy)
    assert validated == [scales_copy]


def test_only_the_newest_entries_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(tmp_path))
    for number in range(cache.KEEP + 4):
        cache.write("scales", f"key-{number:02}", number)
        entry = tmp_path / cache.file_name("scales", f"key-{number:02}")
        os.utime(entry, ns=(number * 10**9, number * 10**9))
    cache.write("scales", "newest", "value")
    kept = {path.name for path in tmp_path.glob("scales-*.json")}
    expected = {cache.file_name("scales", f"key-{number:02}") for number in range(5, cache.KEEP + 4)}
    assert kept == expected | {cache.file_name("scales", "newest")}
    assert cache.read("scales", "newest", {}) == "value"


def test_the_cache_holds_plain_data_and_builds_only_known_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry is JSON; a record type outside the list (or a pickle) is never built or run: it is a miss."""
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(tmp_path))
    value = SHIPPED
    cache.write("scales", "k", value)
    (entry,) = tmp_path.glob("scales-*.json")
    header, stamp, body = entry.read_text(encoding="utf-8").split("\n", 2)
    assert (header, stamp) == ("k", cache.digest(body))
    assert json.loads(body)["#r"] == "Scales"
    assert cache.read("scales", "k", scales_module.RECORDS) == value
    planted = body.replace('"#r":"Scales"', '"#r":"os.system"')  # with a hash that fits it: refused by record
    entry.write_text(f"k\n{cache.digest(planted)}\n{planted}", encoding="utf-8")
    assert cache.read("scales", "k", scales_module.RECORDS) is None
    pickled = pickle.dumps(value)
    entry.write_bytes(b"k\n" + cache.digest(pickled.decode("latin-1")).encode() + b"\n" + pickled)
    assert cache.read("scales", "k", scales_module.RECORDS) is None


def test_an_edited_entry_is_rebuilt_never_believed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One factor edited in an entry (1,169930 to 2,169930) would pay trin 51 1.238.143 kr. as sourced."""
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(tmp_path))
    cache.write("scales", "k", SHIPPED)
    (entry,) = tmp_path.glob("scales-*.json")
    header, stamp, body = entry.read_text(encoding="utf-8").split("\n", 2)
    factor = r"\u00011.169930"  # a tagged Decimal, as JSON escapes the tag
    assert factor in body
    edited = body.replace(factor, factor.replace("1.1", "2.1"))
    entry.write_text(f"{header}\n{stamp}\n{edited}", encoding="utf-8")
    assert cache.read("scales", "k", scales_module.RECORDS) is None


def test_text_that_looks_like_a_tag_comes_back_as_text() -> None:
    value = {"a": ("\x01 1.5", "\x02 2025", "\x00", Decimal("1.50"), dt.date(2025, 11, 1))}
    assert cache.from_plain(json.dumps(cache.to_plain(value)), {}) == value


def test_the_cache_directory_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "new" / "cache"
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(directory))
    cache.write("scales", "k", 1)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700


def test_only_its_own_files_are_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Other files in the directory stay; the cache's own temporaries go once they are stale."""
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(tmp_path))
    foreign = [tmp_path / name for name in ("notes.json", "other-123.json", "scales.txt", "x.tmp", "scales-0.pickle")]
    for path in foreign:
        path.write_text("keep me", encoding="utf-8")
        os.utime(path, (0, 0))
    stale = tmp_path / ".scales-abc.json.0123abcd.chefloen.tmp"  # as chefloen.files names its temporary files
    fresh = tmp_path / ".scales-def.json.4567cdef.chefloen.tmp"
    stale.write_text("", encoding="utf-8")
    fresh.write_text("", encoding="utf-8")
    os.utime(stale, (0, 0))
    for number in range(cache.KEEP + 2):
        cache.write("scales", f"key-{number}", number)
    assert all(path.read_text(encoding="utf-8") == "keep me" for path in foreign)
    assert not stale.exists()
    assert fresh.exists()


def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid entry under the right key whose trin 51 pays 1 kr. more: what someone might plant."""
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(tmp_path))
    cache.write("scales", "k", SHIPPED)
    (entry,) = tmp_path.glob("scales-*.json")
    entry.write_text(entry.read_text(encoding="utf-8").replace("516572", "516573"), encoding="utf-8")
    return entry


def test_an_entry_others_may_write_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = planted(tmp_path, monkeypatch)
    entry.chmod(0o600)
    assert cache.read("scales", "k", scales_module.RECORDS) != SHIPPED  # the plant is read when it is ours alone
    for mode in (0o620, 0o602):
        entry.chmod(mode)
        assert cache.read("scales", "k", scales_module.RECORDS) is None


def test_a_directory_others_may_write_is_neither_read_nor_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = planted(tmp_path, monkeypatch)
    tmp_path.chmod(0o777)
    assert cache.read("scales", "k", scales_module.RECORDS) is None
    cache.write("scales", "other", 1)
    assert not (tmp_path / cache.file_name("scales", "other")).exists()
    assert entry.exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_an_entry_of_another_user_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = planted(tmp_path, monkeypatch)
    os.chown(entry, 54321, 54321)
    assert cache.read("scales", "k", scales_module.RECORDS) is None
    os.chown(tmp_path, 54321, 54321)
    entry.unlink()
    cache.write("scales", "k", SHIPPED)
    assert list(tmp_path.iterdir()) == []


def test_a_link_or_a_fifo_as_an_entry_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = planted(tmp_path, monkeypatch)
    target = tmp_path.parent / f"{tmp_path.name}-target.json"
    entry.rename(target)
    entry.symlink_to(target)
    assert cache.read("scales", "k", scales_module.RECORDS) is None
    entry.unlink()
    os.mkfifo(entry)
    assert cache.read("scales", "k", scales_module.RECORDS) is None  # and does not wait for a writer


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(tmp_path))

    def full_disk(source: str, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    cache.write("scales", "k", SHIPPED)
    assert list(tmp_path.iterdir()) == []


def test_no_home_and_no_passwd_entry_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CHEFLOEN_CACHE_DIR", "CHEFLOEN_NO_CACHE", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(paths, "_passwd_home", lambda: "")
    assert paths.cache_dir() is None
    assert cache.read("scales", "k", {}) is None
