"""The rules of a batch row as read, whatever the file: column names, blank rows, fields given twice, a row of
named fields, and how a message quotes what a file holds. Beneath every batch reader (CSV in batch_input, JSON
and TOML in batch_documents, workbooks in batch_workbook), so that none imports another."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from chefloen.columns import HEADINGS, column_name, read_as
from chefloen.errors import InputError, InputFileError
from chefloen.plain import FORMULA_STARTS, NUMBER
from chefloen.scenario_text import text_of, unknown_field

Row = Mapping[str, str | None]
Numbered = Iterator[tuple[int, Row | InputError]]
# The rows of a CSV file as the cells csv reads, in its columns' order (see chefloen.batch_input.read_lines).
Lines = Iterator[tuple[int, list[str] | InputError]]
# What a message quotes of a file: enough to find the field, never a file's content (a link to a secrets file).
QUOTED = 40


class Table(NamedTuple):
    """A CSV file's rows as lists of cells: the column each cell is read as (None: read past), and the rows."""

    names: list[str | None]
    lines: Lines


class BatchInput(NamedTuple):
    """The numbered rows of a batch file, and what was read the way it was (encoding, separator, sheet). A CSV
    file also gives its rows as a :class:`Table`: the same rows, of which a reader takes ``rows`` or ``table``."""

    rows: Numbered
    read_as: str | None = None
    table: Table | None = None


def quoted(text: str) -> str:
    """A field of a file as a message quotes it: at most QUOTED characters, control characters escaped.

    >>> quoted("trin"), quoted("x" * 50)
    ("'trin'", "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'…")
    """
    return repr(text[:QUOTED]) + ("…" if len(text) > QUOTED else "")


def brief(text: str) -> str:
    """A field of a file as a message names it unquoted: at most QUOTED characters (the CLI escapes the rest)."""
    return text if len(text) <= QUOTED else text[:QUOTED] + "…"


# The header is one of the first lines (or rows) of a file: the lines above it are a title, or blank.
HEADER_WITHIN = 10
SUBJECTS = frozenset({"trin", "loenramme", "posting"})


def check_header(cells: list[str], where: str) -> list[str | None]:
    """The input column each heading of ``cells`` (see :func:`header_cells`) is read as, None for a results
    file's computed column; or why the header cannot be read."""
    if not any(cells):
        raise InputFileError(f"{where}: the file is empty or has no header")
    names = tuple(column_name(cell) for cell in cells)
    unknown = [cell for cell, name in zip(cells, names, strict=True) if name not in HEADINGS]
    if unknown:
        raise InputFileError(f"{where}: {unknown_field(unknown[0], 'column')}")
    read = read_as(names)
    seen: set[str] = set()
    for name in read:
        if name is None:
            continue
        if name in seen:  # a dict of the row would keep the last and drop the first without a word
            raise InputFileError(f"{where}: column {name!r} is given twice (in any case); give each column once")
        seen.add(name)
    if not SUBJECTS & seen:
        raise InputFileError(f"{where}: needs a trin, loenramme or posting column")
    return list(read)


def is_header(cells: list[str]) -> bool:
    """Whether ``cells`` are a header: every heading in them known, a trin, lønramme or posting among them."""
    names = tuple(column_name(cell) for cell in cells if cell)
    return bool(names) and HEADINGS.issuperset(names) and not SUBJECTS.isdisjoint(read_as(names))


def known_headings(cells: list[str]) -> int:
    """How many of ``cells`` are headings a header may hold."""
    return sum(column_name(cell) in HEADINGS for cell in cells if cell)


def header_cells(cells: Iterable[object]) -> list[str]:
    """The headings of a header's cells, stripped of blanks (``Trin``, `` date ``); trailing empty ones dropped."""
    names = ["" if cell is None else str(cell).strip() for cell in cells]
    while names and not names[-1]:
        names.pop()
    return names


def unguarded(text: str) -> str:
    """A cell without the ``'`` that a spreadsheet's formula guard puts before ``=``, ``+``, ``-`` or ``@``
    (chefloen.render.sheet.guarded), so that a results file written for Danish Excel reads back as it was.

    >>> unguarded("'=HYPERLINK(1)"), unguarded("'-10% scenario"), unguarded("'-5"), unguarded("Søren's")
    ('=HYPERLINK(1)', '-10% scenario', "'-5", "Søren's")
    """
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS and not NUMBER.fullmatch(text[1:]):
        return text[1:]
    return text


def valid_text(values: Iterable[str]) -> bool:
    """False when a value holds bytes the file's encoding does not have (kept as surrogates when read)."""
    try:
        "".join(values).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def blank(values: Iterable[object]) -> bool:
    """A row with nothing in it but separators, as spreadsheets save below and between the data."""
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def mapping_row(value: object) -> Row | InputError:
    """A scenario given as named fields (a JSON object, a TOML table, a dict), as text; or why it is not one. The
    computed fields of a result (a line of ``batch -f jsonl``) are read past, as a results file's columns are."""
    if not isinstance(value, Mapping):
        return InputError("each scenario must be an object of named fields")
    try:
        row = {}
        names = read_as(tuple(column_name(str(key)) for key in value))
        for item, name in zip(value.values(), names, strict=True):
            if name is None:
                continue
            if name in row:
                return InputError(f"field {quoted(name)} is given twice (in any case); give each field once")
            row[name] = text_of(item)
    except InputError as exc:
        return exc
    if not valid_text(name + (text or "") for name, text in row.items()):
        return InputError("text with a lone surrogate (\\ud800-\\udfff) is not valid Unicode")
    return row


class GivenTwiceError(ValueError):
    """A JSON object that names a key twice (json.loads would keep the last and say nothing)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def json_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object as json.loads makes it (``object_pairs_hook``), refused when it names a key twice."""
    found = dict(pairs)
    if len(found) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise GivenTwiceError(key)
            seen.add(key)
    return found


def too_much(exc: ValueError | RecursionError) -> str:
    """What Python's parsers refuse beyond their limits, in words."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return "a number of thousands of digits" if "digits" in str(exc) else str(exc)
