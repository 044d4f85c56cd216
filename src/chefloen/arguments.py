"""The library's arguments as a script or a notebook gives them, read into what the core takes: the date rule,
the tables (kept for the process, or passed in), flags, years, names, lists and paths. Anything else is an
InputError that says what is wanted, never a TypeError from deep inside.

>>> flag("ja", "kirke"), year(2026.0, "skatteaar"), names(" 2026-04-01:+2,5% ", "assume")
(True, 2026, ['2026-04-01:+2,5%'])
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, TypeVar

from chefloen import parsing
from chefloen.batch_cells import Row, mapping_row
from chefloen.columns import HEADINGS, column_name, read_as
from chefloen.errors import InputError
from chefloen.loading import kept
from chefloen.model import Scales
from chefloen.scenario_text import Supplements, Value, parse_flag, text_of, unknown_field
from chefloen.values import Given, not_percent, plain

if TYPE_CHECKING:
    from chefloen.tax import TaxYear

# A date: text in either notation (2025-11-01, 1.11.2025, i dag), a date or datetime (a pd.Timestamp is one),
# an np.datetime64; nothing given (None, NaN, NaT) is today.
DateLike = Given


# The arguments every function that prices a scenario takes, and the components of a scenario; the docstrings of
# those functions end with them (indented as a docstring's lines are, so help() shows one text).
PRICING = """
    scales: the tables, as :func:`chefloen.load_scales` returns them; default: those the process keeps, loaded once and
        again when a table, your own tables or $CHEFLOEN_USER_DIR change (:func:`chefloen.reload` forgets them).
    assume: assumed regulations after the data, ``"DATE:+PCT%"`` (``"2026-10-01:+0,54%"``; percent of the
        agreement period's start level), one text or a list, or ``"@FILE"`` with one a line.
    period_start: the agreement period the assumptions belong to: a name (``"OK24"``) or its start date.
"""
COMPONENTS = """
    Components (keywords, named as the CLI's options and the batch columns; each optional):
    kvalifikationsloen, funktionsloen: a grundbeløb a year at the 31.3.2018 level (``50000``, ``"50.000"``), or
        kroner at the date (``"40.000 kr."``, ``"40 t.kr."``), or a 31.3.2000 grundbeløb (``"106.000@2000"``).
    tillaeg: named tillæg, ``"NAVN=BELØB"`` (amounts as above, pensionable), a list of them, ``"A=1|B=2"``, or a
        dict ``{"Ledelse": 20000}``.
    afkoeb: afkøb af merarbejde: ``"10%"`` of pay, ``"5t"`` hours a week, or a grundbeløb (``25000``) or kroner
        (``"25.000 kr."``); a number between 0 and 1 is refused (write 10 % as ``"10%"``).
    afkoeb_pensionsgivende, engangsvederlag_pensionsgivende: ja/nej or a bool (default: not pensionable).
    engangsvederlag: a one-off amount in kroner of the date (not regulated).
    pension: the pension percent instead of the agreed rate (``21.59``, ``"21,59 %"``; 0.2159 is refused).
    pensionsgruppe: ``"chef"`` (default) or ``"regionsdirektoer"``.
    deltid: part time: a fraction of full time (``0.8``), a percent (``"80%"``) or weekly hours of 37 (``"30t"``).
    fritvalg: points of the pension rate taken as pay (``3.5``, ``"3,5 %"``), or ``"max"`` for all above the floor.
    fritvalg_gulv: the pension rate that stays pension under fritvalg (default 15, data/scales).
    label: a name for the scenario, shown with it.
"""


F = TypeVar("F", bound=Callable[..., object])


def documented(extra: str) -> Callable[[F], F]:
    """Append the shared argument texts to a function's docstring, so each function's help lists them all."""

    def add(function: F) -> F:
        function.__doc__ = (function.__doc__ or "") + extra
        return function

    return add


class GridComponents(TypedDict, total=False):
    """The parts of a scenario a grid (``scenarios``) holds the same in every cell: all but kvalifikationsløn and
    afkøb, which it varies."""

    label: str
    funktionsloen: Value
    tillaeg: Supplements
    engangsvederlag: Value
    engangsvederlag_pensionsgivende: Value | bool
    pension: Value
    pensionsgruppe: str
    deltid: Value
    fritvalg: Value
    fritvalg_gulv: Value


class Components(GridComponents, total=False):
    """The optional parts of a scenario, named as the CLI's options and the batch columns (see each function)."""

    kvalifikationsloen: Value
    afkoeb: Value
    afkoeb_pensionsgivende: Value | bool


def date_or_today(value: object) -> dt.date:
    """The date given (text in either notation, a date, a datetime's or timestamp's date, or ``i dag``/``today``),
    else today: the one date rule of every command and function that prices something.

    >>> date_or_today("i dag") == date_or_today(None) == date_or_today(float("nan")) == dt.date.today()
    True
    >>> date_or_today(dt.datetime(2025, 11, 1, 8, 0))
    datetime.date(2025, 11, 1)
    """
    # The library and the CLI are the boundaries: "today" is decided here, never in the core.
    today = dt.date.today()
    if value is None:
        return today
    found = plain(value)
    if found is None:
        return today
    if isinstance(found, dt.date):
        return parsing.in_range(found)
    if not isinstance(found, str):
        raise InputError(f"a date is text (2025-11-01, 1.11.2025) or a date, not {type(value).__name__}")
    return parsing.parse_date(found, today)


def given_date(value: object, what: str) -> dt.date:
    """A date that must be given (a period's first or last day), read as :func:`date_or_today` reads it."""
    found = plain(value)
    if found is None or (isinstance(found, str) and not found.strip()):
        raise InputError(f"{what} is missing; give a date, e.g. 2025-11-01")
    return date_or_today(found)


def tables(scales: object) -> Scales:
    """The tables passed in (what :func:`chefloen.load_scales` returns), else those the process keeps
    (:mod:`chefloen.loading.kept`: loaded once, again when a file changes)."""
    if scales is None:
        return kept.scales()
    if not isinstance(scales, Scales):
        raise InputError(f"scales is what chefloen.load_scales() returns, not {type(scales).__name__}")
    return scales


def with_assumed(scales: Scales, assume: object, period_start: object) -> Scales:
    """``scales`` with the assumed regulations applied (one text, or several); without any, as they are (and
    assumptions not imported)."""
    if isinstance(assume, str):  # one assumption, not its characters
        texts = [assume]
    elif isinstance(assume, list | tuple) and all(type(text) is str for text in assume):  # the CLI's, as typed
        texts = list(assume)
    else:
        texts = names(assume, "assume")
    start = text_of(period_start)
    if not texts and start is None:
        return scales
    from chefloen.assumptions import with_assumptions

    return with_assumptions(scales, texts, period_start=start)


def priced_tables(scales: object, assume: object, period_start: object) -> Scales:
    return with_assumed(tables(scales), assume, period_start)


# No grid, list of assumptions or batch given as one argument needs more values than this.
MAX_VALUES = 10_000


def values(value: object, what: str) -> list[object]:
    """One value or a list (or tuple) of them, those given kept as they are; nothing given is none."""
    found = list(value) if isinstance(value, list | tuple) else [value]
    kept_values = [item for item in found if text_of(item) is not None and (text_of(item) or "").strip()]
    if len(kept_values) > MAX_VALUES:
        raise InputError(f"{what} has {len(kept_values)} values; at most {MAX_VALUES}")
    return kept_values


def names(value: object, what: str) -> list[str]:
    """One text or a list of texts (assumptions, amounts of a grid), each stripped; nothing given is none."""
    return [(text_of(item) or "").strip() for item in values(value, what)]


def items(value: object, what: str = "scenarios") -> list[object]:
    """The items of a list, tuple or other iterable that is not text or a mapping."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InputError(
            f"{what} is a list of scenarios (dicts of batch columns, or specs), not {type(value).__name__}"
        )
    return list(value)


# The columns where a percentage is written, and what a plain number means in each when it is not one.
PERCENT_COLUMNS = {"afkoeb": "a grundbeløb", "pension": "", "fritvalg": "", "fritvalg_gulv": ""}


def not_share(value: object, what: str) -> None:
    """Refuse a share of 1 given where a percentage is written (see :func:`chefloen.values.not_percent`)."""
    not_percent(value, what, number_is=PERCENT_COLUMNS.get(what, ""))


def row(value: object) -> Row:
    """A scenario given as a mapping of batch columns (names in any case), as text; an InputError when it is not."""
    found = checked_row(value)
    if isinstance(found, InputError):
        raise found
    return found


def checked_row(value: object) -> Row | InputError:
    """A batch row as text (batch_cells.mapping_row), a share of 1 in a percent column refused; or why not."""
    if isinstance(value, Mapping):
        try:
            for key, item in value.items():
                name = column_name(str(key))
                if name in PERCENT_COLUMNS:
                    not_share(item, name)
        except InputError as exc:
            return exc
    return mapping_row(value)


def columns(names: list[str]) -> list[str | None]:
    """A frame's column names as the input columns they are read as (in any case, Danish headings too), None for
    a results frame's computed columns; refused, as a batch file's header is, when one is no batch column or two
    name one column."""
    folded = [column_name(name) for name in names]
    unknown = [name for name, known in zip(names, folded, strict=True) if known not in HEADINGS]
    if unknown:
        raise unknown_field(unknown[0], "column")
    if len(set(folded)) < len(folded):
        raise InputError("a column is given twice (in any case); give each column once")
    return list(read_as(tuple(folded)))


def rows(value: object) -> Iterator[tuple[int, Row | InputError]]:
    """The rows of a batch, numbered from 1, each as text or the reason it cannot be read."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InputError(f"rows is an iterable of dicts of batch columns, or a DataFrame; not {type(value).__name__}")
    return ((number, checked_row(item)) for number, item in enumerate(value, start=1))


def flag(value: object, what: str) -> bool:
    """A yes/no argument: a bool, ja/nej (true/false, yes/no, 1/0); nothing given is no."""
    return parse_flag(value, what)


def year(value: object, what: str) -> int | None:
    """A year (2026, "2026", 2026.0); nothing given is None."""
    found = plain(value)
    if found is None or found == "":
        return None
    if isinstance(found, bool) or not isinstance(found, int | float | Decimal | str):
        raise InputError(f"{what} is a year, e.g. 2026, not {type(value).__name__}")
    text = text_of(found) or ""
    if not (text.isascii() and text.strip().isdigit() and len(text.strip()) <= 4):
        raise InputError(f"{what} {text[:20]!r} is not a year; write e.g. 2026")
    return int(text)


def name(value: object, what: str) -> str:
    """A name that must be given (a kommune, a posting's id); numbers are read as their text."""
    text = text_of(value)
    if text is None or not text.strip():
        raise InputError(f"{what} is missing")
    return text


def optional_name(value: object, what: str) -> str | None:
    text = text_of(value)
    return text if text is not None and text.strip() else None


def path(value: object, what: str) -> Path | None:
    """A directory or file given as text or a path; nothing given is None (the default place)."""
    if value is None:
        return None
    if isinstance(value, os.PathLike):
        found = os.fspath(value)
    else:
        found = plain(value)
        if found is None:
            return None
    if not isinstance(found, str) or "\0" in found:
        raise InputError(f"{what} is a path (text or a pathlib.Path), not {type(value).__name__}")
    # The limits of Linux, macOS and Windows file systems alike: a longer name is no file, and asking says so badly.
    if len(found.encode("utf-8", "surrogateescape")) > 4096 or any(len(part) > 255 for part in Path(found).parts):
        raise InputError(f"{what} {found[:40]!r}… is too long for a path")
    return Path(found)


def tax_rules(on: dt.date, skatteaar: object = None) -> tuple[TaxYear, int | None]:
    """The tax rules a net estimate of pay at ``on`` uses: of ``skatteaar`` when given, else of ``on``'s year (or
    the nearest year the data has), with the year they were chosen for, so that a mismatch is warned of."""
    chosen = year(skatteaar, "skatteaar")
    if chosen is not None:
        return kept.tax_year(chosen), None
    return kept.tax_year_for(on.year), on.year
