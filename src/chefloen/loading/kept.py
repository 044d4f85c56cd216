"""The tables a process keeps once loaded, for the library: a script or a notebook that calls ``chefloen.quote``
a thousand times loads them once, and again only when something they were loaded from changes.

What counts as a change: a shipped table, a user table or the directory that holds them (its status: content
time, change time, size, inode and mode, as :func:`os.stat` has them), or a variable that says where they are
($CHEFLOEN_SCALES_DIR, $CHEFLOEN_TAX_DIR, $CHEFLOEN_USER_DIR and what the default directories rest on), each
seen as the directory it names. Checking costs a few stats a call; a load goes through
:func:`~chefloen.loading.scales.load_scales` and its cache on disk as before. :func:`reload` forgets them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from chefloen.loading.paths import (
    FILES,
    SCALES_ENV,
    TAX_ENV,
    USER_ENV,
    USER_FILES,
    default_dir,
    default_tax_dir,
    user_dir,
)

if TYPE_CHECKING:
    from chefloen.model import Scales
    from chefloen.tax import TaxYear

T = TypeVar("T")
Stamp = tuple[int, int, int, int, int] | str
# What each kept value was loaded from (its stamps) and the value, by what it is (the scales, a tax year).
_KEPT: dict[Hashable, tuple[Hashable, object]] = {}


def stamp(path: str, *, follow: bool = True) -> Stamp:
    """What a file or directory is now, cheaply: any write, rename over it, chmod or removal changes it."""
    try:
        status = os.stat(path, follow_symlinks=follow)
    except OSError as exc:  # missing, or not to be looked at: a state of its own, which the load then reports
        return type(exc).__name__
    return (status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino, status.st_mode)


def listing(directory: str | None) -> tuple[object, ...]:
    """A directory's own stamp and that of each table in it (``*.toml``), in name order; () for no directory."""
    if directory is None:
        return ()
    try:
        with os.scandir(directory) as entries:
            names = sorted(entry.name for entry in entries if entry.name.endswith(".toml"))
    except OSError as exc:
        return (directory, type(exc).__name__)
    joined = (os.path.join(directory, name) for name in names)
    return (directory, stamp(directory), *((path, stamp(path, follow=False)) for path in joined))


class Places(NamedTuple):
    """Where the tables are, as paths.default_dir, user_dir and default_tax_dir find them, and the files of them
    a load of the scales reads (the user's are not followed through a link). A NamedTuple, not a dataclass: the
    CLI imports this module on every start (through chefloen.arguments), which must not import dataclasses."""

    scales: tuple[str, ...]
    user: tuple[str, ...]
    user_dir: str | None
    tax_dir: str


# The variables the places are found by: the overrides, and what the user data directory rests on by default.
PLACE_VARIABLES = (SCALES_ENV, TAX_ENV, USER_ENV, "XDG_DATA_HOME", "HOME")
_PLACES: dict[tuple[str | None, ...], Places] = {}


def places() -> Places:
    """The places for the variables as they are now; each set of them is looked up once (Path work is slow)."""
    variables = tuple(os.environ.get(name) for name in PLACE_VARIABLES)
    found = _PLACES.get(variables)
    if found is None:
        directory, users = default_dir(), user_dir()
        found = Places(
            scales=(str(directory), *(str(directory / name) for name in FILES)),
            user=() if users is None else (str(users), *(str(users / name) for name in USER_FILES)),
            user_dir=None if users is None else str(users),
            tax_dir=str(default_tax_dir()),
        )
        _PLACES[variables] = found
    return found


def _kept(what: Hashable, stamps: Hashable, load: Callable[[], T]) -> T:
    """The value kept as ``what`` if it was loaded from what ``stamps`` describe, else ``load()``'s, kept."""
    found = _KEPT.get(what)
    if found is not None and found[0] == stamps:
        return found[1]  # type: ignore[return-value]  # stored by this function under this ``what``
    value = load()
    _KEPT[what] = (stamps, value)
    return value


def scales() -> Scales:
    """The shipped tables and the user's own, as :func:`~chefloen.loading.scales.load_scales` loads them by
    default, loaded again only when one of their files or directories changed (see the module)."""
    where = places()
    stamps = (where, *map(stamp, where.scales), *(stamp(path, follow=False) for path in where.user))

    def load() -> Scales:
        from chefloen.loading.scales import load_scales

        return load_scales()

    return _kept("scales", stamps, load)


def _tax_stamps() -> tuple[object, ...]:
    # Every table in both places: which years there are is read from the names, and the user may keep years too.
    where = places()
    return (listing(where.tax_dir), listing(where.user_dir))


def tax_year(year: int | None = None) -> TaxYear:
    """The tax rules of ``year`` (default: the latest), as :func:`~chefloen.loading.tax.load_tax_year` loads them,
    loaded again only when a tax table or its directory changed."""
    from chefloen.loading.tax import load_tax_year

    return _kept(("tax_year", year), _tax_stamps(), lambda: load_tax_year(year))


def tax_year_for(asked: int) -> TaxYear:
    """The tax rules for income in ``asked``, as :func:`~chefloen.loading.tax.tax_year_for` chooses them, kept as
    :func:`tax_year` keeps them."""
    from chefloen.loading import tax

    return _kept(("tax_year_for", asked), _tax_stamps(), lambda: tax.tax_year_for(asked))


def reload() -> None:
    """Forget every kept table and place: the next call loads them again (through the cache on disk)."""
    _KEPT.clear()
    _PLACES.clear()
