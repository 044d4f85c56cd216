"""A per-user cache of validated data, keyed by the data files and the code, so unchanged data is not re-validated.

Entries are plain JSON: records are rebuilt only from the record types listed in ``RECORDS``, so nothing
a cache file holds can run code. The cache lives in $CHEFLOEN_CACHE_DIR, else $XDG_CACHE_HOME/chefloen,
else ~/.cache/chefloen, created private to the user (0700). It deletes only its own entries
(``<kind>-<key>.json``) and its own temporary files. Set CHEFLOEN_NO_CACHE=1 to bypass it. A cache that
cannot be read or written is ignored: the data is then validated as if there were none. So is a directory
or an entry that is not the user's own, or that others may write to.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from chefloen.files import atomic_output, own_alone, owned, read_regular, remove_stale, state
from chefloen.loading.paths import PACKAGE, cache_dir
from chefloen.version import __version__

# Every entry the cache writes is <kind>-<key>.json (its temporary files are chefloen.files').
SUFFIX = ".json"
# Every change to the data or to the code behind it writes a new entry; an old one is never read again.
KEEP = 16


def code_files(directory: str = str(PACKAGE)) -> list[str]:
    """Every module of the package: any of them may shape a cached value (records, rules, rounding), so
    all count, found by listing the package rather than from a list kept by hand. (os.scandir: a fifth of
    the time Path.rglob takes, on every start.)"""
    found = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.endswith(".py"):
                found.append(entry.path)
            elif entry.is_dir() and entry.name != "__pycache__":
                found += code_files(entry.path)
    return sorted(found)


def key_of(files: Iterable[Path], user_states: Iterable[str] = ()) -> str:
    """A key that changes when a data file's content, the file set, the program version or any module changes.

    Each data file counts by its size and CRC-32, which catches every change of up to 32 adjacent bits (one
    digit typed over another), or by why it cannot be read (files.state): a user table that becomes unreadable,
    or another's, or a link, changes the key, so the load that refuses it runs instead of an old entry (the
    user's tables come as the states of the snapshots the load validates: files.Snapshot). Each
    module counts by its size and modification time, which any edit or reinstall changes; reading them all
    would cost more than the rest of a cached start. The parts are folded into 64 bits for the file name; the
    entry keeps the whole key and is used only on an exact match.
    """
    parts = [__version__]
    for module in code_files():
        try:
            status = os.stat(module)
        except OSError:
            parts.append("missing")
            continue
        parts.append(f"{status.st_size}-{status.st_mtime_ns}")
    parts += [f"{path.name}:{state(path)}" for path in files]  # by name too: a tax year is found by its name
    parts += list(user_states)
    return "_".join(parts)


def file_name(kind: str, key: str) -> str:
    encoded = key.encode()
    return f"{kind}-{zlib.crc32(encoded):08x}{zlib.adler32(encoded):08x}{SUFFIX}"


# --- plain data ---------------------------------------------------------------------------------

Records = Mapping[str, Callable[..., Any]]
# Decimals and dates travel as strings with a leading control character; a text that itself starts with
# one of these gets ESCAPE in front. Tagged strings decode once per record, far cheaper than a JSON object
# (and a hook call) for every amount.
DECIMAL, DATE, ESCAPE = "\x01", "\x02", "\x00"
TAGS = (DECIMAL, DATE, ESCAPE)


def to_plain(value: object) -> object:
    """A value as JSON-ready data: records as {"#r": type name, "f": fields}, Decimals and dates tagged."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return ESCAPE + value if value.startswith(TAGS) else value
    if isinstance(value, Decimal):
        return DECIMAL + str(value)
    if isinstance(value, dt.date):
        return DATE + value.isoformat()
    if isinstance(value, dict):
        return {"#m": {str(key): to_plain(item) for key, item in value.items()}}
    fields = getattr(value, "_fields", None) or getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {"#r": type(value).__name__, "f": {name: to_plain(getattr(value, name)) for name in fields}}
    if isinstance(value, tuple):
        return [to_plain(item) for item in value]
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _value(item: Any) -> Any:
    if isinstance(item, str):
        if item.startswith(DECIMAL):
            return Decimal(item[1:])
        if item.startswith(DATE):
            return dt.date.fromisoformat(item[1:])
        return item[1:] if item.startswith(ESCAPE) else item
    if isinstance(item, list):
        return tuple(_value(element) for element in item)
    return item


def from_plain(text: str, records: Records) -> object:
    """The value :func:`to_plain` wrote; only the record types in ``records`` can be built."""

    def hook(data: dict[str, Any]) -> object:
        if "#r" in data:
            return records[data["#r"]](**{key: _value(item) for key, item in data["f"].items()})
        if "#m" in data:
            return {key: _value(item) for key, item in data["#m"].items()}
        return data  # a record's fields, built into the record one level up

    return json.loads(text, object_hook=hook)


# --- the files ----------------------------------------------------------------------------------


def digest(body: str) -> str:
    """The hash an entry's body is written with and checked against (BLAKE2b, 256 bits)."""
    try:
        # hashlib loads OpenSSL on import: 4 MB and 3-4 ms on every start for one hash; the BLAKE2 that Python
        # builds in has no such cost (and is what hashlib.blake2b is).
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    return blake2b(body.encode("utf-8"), digest_size=32).hexdigest()


def read(kind: str, key: str, records: Records) -> object | None:
    """The value stored under ``key``, or None when there is none (or it cannot be read). An entry is believed
    only when its key matches and its body is the one its hash was taken of: an edited entry is rebuilt."""
    directory = cache_dir()
    if directory is None or not trusted(directory):
        return None
    try:
        stored = read_own(directory / file_name(kind, key))
        header, _, rest = stored.partition("\n")
        stamp, _, body = rest.partition("\n")
        if header != key or stamp != digest(body):
            return None
        return from_plain(body, records)
    except Exception:  # a missing, stale or unreadable entry just means validating again
        return None


def write(kind: str, key: str, value: object) -> None:
    """Store ``value`` under ``key``; then let go of all but the KEEP newest entries and of stale temporaries."""
    directory = cache_dir()
    if directory is None:
        return
    try:
        body = json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"))
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not trusted(directory):
            return
        with atomic_output(directory / file_name(kind, key), private=True) as handle:
            handle.write(f"{key}\n{digest(body)}\n{body}")
        prune(directory, kind)
    except OSError:  # a full disk, a directory we may not write: no cache this time, and nothing left behind
        return


def trusted(path: Path | int) -> bool:
    """Whether a cache directory or entry (a path, or an open file) is the user's own and only theirs to change.

    Anything else (a directory another user made, a group-writable entry, a link another user made to a
    directory of the user's) may hold what someone planted, or lead writes and pruning elsewhere: it is
    ignored, and the data validated again."""
    try:
        if isinstance(path, int):
            return own_alone(os.fstat(path))
        if not owned(os.lstat(path)):  # a link counts as its maker's
            return False
        return own_alone(os.stat(path))
    except OSError:
        return False


def read_own(path: Path) -> str:
    """An entry's text, if it is a regular file the user owns and only they can change; else an OSError."""
    return read_regular(path, follow_links=False, trusted=True).decode("utf-8")


def prune(directory: Path, kind: str) -> None:
    """Remove this kind's entries beyond the KEEP newest, and its temporary files left by killed runs."""
    own = re.compile(rf"{re.escape(kind)}-[0-9a-f]{{16}}{re.escape(SUFFIX)}")  # as file_name() names them
    entries = [path for path in directory.glob(f"{kind}-*{SUFFIX}") if own.fullmatch(path.name)]
    entries.sort(key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)
    remove_stale(directory, f"{kind}-")
