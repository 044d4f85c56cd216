"""The rules of a batch row as read, whatever the file: column names, blank rows, fields given twice, a row of
named fields, and how a message quotes what a file holds. Beneath every batch reader (CSV in batch_input, JSON
and TOML in batch_documents, workbooks in batch_workbook), so that none imports another."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from chefloen.errors import InputError, InputFileError
from chefloen.scenario_text import KNOWN, column_name, text_of, unknown_field

Row = Mapping[str, str | None]
Numbered = Iterator[tuple[int, Row | InputError]]
# What a message quotes of a file: enough to find the field, never a file's content (a link to a secrets file).
QUOTED = 40


class BatchInput(NamedTuple):
    """The numbered rows of a batch file, and what was read the way it was (encoding, separator, sheet)."""

    rows: Numbered
    read_as: str | None = None


def quoted(text: str) -> str:
    """A field of a file as a message quotes it: at most QUOTED characters, control characters escaped.

    >>> quoted("trin"), quoted("x" * 50)
    ("'trin'", "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'…")
    """
    return repr(text[:QUOTED]) + ("…" if len(text) > QUOTED else "")


def brief(text: str) -> str:
    """A field of a file as a message names it unquoted: at most QUOTED characters (the CLI escapes the rest)."""
    return text if len(text) <= QUOTED else text[:QUOTED] + "…"


def check_header(names: list[str], where: str) -> None:
    if not any(names):
        raise InputFileError(f"{where}: the file is empty or has no header")
    unknown = [name for name in names if name not in KNOWN]
    if unknown:
        raise InputFileError(f"{where}: {unknown_field(unknown[0], 'column')}")
    seen: set[str] = set()
    for name in names:
        if name in seen:  # a dict of the row would keep the last and drop the first without a word
            raise InputFileError(f"{where}: column {name!r} is given twice (in any case); give each column once")
        seen.add(name)
    if not {"trin", "loenramme", "posting"} & set(names):
        raise InputFileError(f"{where}: needs a trin, loenramme or posting column")


def header_names(cells: Iterable[object]) -> list[str]:
    """Column names as a spreadsheet user may write them: ``Trin``, `` date ``; trailing empty columns dropped."""
    names = ["" if cell is None else column_name(str(cell)) for cell in cells]
    while names and not names[-1]:
        names.pop()
    return names


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
    """A scenario given as named fields (a JSON object, a TOML table, a dict), as text; or why it is not one."""
    if not isinstance(value, Mapping):
        return InputError("each scenario must be an object of named fields")
    try:
        row = {}
        for key, item in value.items():
            name = column_name(str(key))
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
