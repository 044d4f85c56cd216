"""A per-user cache of validated data, keyed by the data files' content, so unchanged data is not re-validated.

The cache lives in $CHEFLOEN_CACHE_DIR, else $XDG_CACHE_HOME/chefloen, else ~/.cache/chefloen, and
is only ever written and read by the same user. Set CHEFLOEN_NO_CACHE=1 to bypass it. A cache that
cannot be read or written is ignored: the data is then validated as if there were none.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Iterable
from pathlib import Path

from chefloen import __version__

# The code that decides what a cached value is: the records it is made of (model), the rules it was
# validated by (schema), and how it was built (scales, money). A change to any of them must not load an
# old value: stricter rules would otherwise still pass data they now refuse.
PACKAGE = Path(__file__).parents[1]
CODE = tuple(PACKAGE / name for name in ("model.py", "loading/schema.py", "loading/scales.py", "money.py"))


def cache_dir() -> Path | None:
    if os.environ.get("CHEFLOEN_NO_CACHE"):
        return None
    if override := os.environ.get("CHEFLOEN_CACHE_DIR"):
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "chefloen"


def key_of(files: Iterable[Path]) -> str:
    """A key that changes when any file's content, the file set, the program version or the CODE changes.

    Each file counts by its size and CRC-32, which catches every change of up to 32 adjacent bits (one
    digit typed over another) and all but one in four billion of any other. The files are the user's own,
    so no cryptographic hash is needed; loading one (hashlib) would cost more than the rest of a cached start.
    """
    parts = [__version__]
    for path in (*CODE, *files):
        try:
            content = path.read_bytes()
        except OSError:
            parts.append("missing")
            continue
        parts.append(f"{len(content)}-{zlib.crc32(content):08x}")
    return "_".join(parts)


def read(key: str) -> object | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        with (directory / f"{key}.pickle").open("rb") as handle:
            # The file is this user's own, written by write() under the key of the data it was made from.
            value: object = pickle.load(handle)
            return value
    except Exception:  # a missing, stale or unreadable cache just means validating again
        return None


def write(key: str, value: object) -> None:
    """Store ``value`` under ``key``, and let go of all but the KEEP newest entries."""
    directory = cache_dir()
    if directory is None:
        return
    import tempfile  # only on a cache miss

    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, directory / f"{key}.pickle")
        prune(directory)
    except OSError:
        return


# Every change to the data or to the code behind it writes a new entry; an old one is never read again.
KEEP = 16


def prune(directory: Path) -> None:
    """Remove all but the KEEP most recently written entries."""
    entries = sorted(directory.glob("*.pickle"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)
