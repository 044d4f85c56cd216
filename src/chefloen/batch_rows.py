"""Batch runs: stream scenarios from CSV, JSON lines, JSON or TOML and write one result per row.

Rows stream from CSV and JSON lines files, so memory stays flat however long the file; JSON and
TOML files are read whole. Output files are written to a temporary name beside the target and
moved into place only when the run is complete.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from chefloen.breakdown import Breakdown
from chefloen.calc import compute
from chefloen.errors import ChefloenError, InputError, InputFileError
from chefloen.labels import thousands
from chefloen.model import Scales
from chefloen.money import monthly
from chefloen.plain import Data
from chefloen.scenario_text import COLUMNS, scenario_from_row, text_of

Row = Mapping[str, str | None]
Result = list[str | None]  # one value per RESULT_COLUMNS
RESULT_COLUMNS = (
    "row",
    "label",
    "date",
    "trin",
    "trin_as_posted",
    "posting",
    "annual_pay",
    "monthly_pay",
    "pension",
    "total",
    "pension_low",
    "total_low",
    "factor_status",
    "warnings",
    "error",
)
# A row that fails by a fault of chefloen's, not of the row: the generated tests look for this text.
INTERNAL_ERROR = "chefloen could not compute this row; please report it"
# The columns that can echo what the user wrote, and so could carry a spreadsheet formula.
USER_TEXT_AT = tuple(RESULT_COLUMNS.index(name) for name in ("label", "date", "trin", "posting", "error"))


def check_header(names: list[str] | None, path: Path) -> None:
    if not names:
        raise InputFileError(f"{path.name}: the file is empty or has no header")
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        raise InputFileError(f"{path.name}: unknown column {unknown[0]!r}; known: {', '.join(COLUMNS)}")
    if "trin" not in names and "posting" not in names:
        raise InputFileError(f"{path.name}: needs a trin or a posting column")


def valid_utf8(values: Iterable[str]) -> bool:
    """False when a value holds bytes that were not UTF-8 (kept as surrogates when the file was read)."""
    try:
        "".join(values).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_csv(reader: csv.DictReader[str]) -> Iterator[tuple[int, Row | InputError]]:
    """Rows of a CSV file read with ``restval=""``: a short row's missing fields are blank, not None."""
    start: int | None = reader.line_num + 1  # where the next row starts, when known
    for number in itertools.count(1):
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # The reader goes on with the next line, so the rows after a field over the limit are kept; it
            # does not say where it stopped.
            where = "" if start is None else f"line {start}: "
            start = None
            yield number, InputError(f"{where}{csv_problem(exc)}")
            continue
        end = reader.line_num
        # A row that took more than its one line: blank lines before it, or a quoted field over several lines.
        breaks = 0 if end == start else sum(value.count("\n") for value in record.values() if value)
        if None in record:
            yield number, InputError("more fields than the header has")
        elif not valid_utf8(record.values()):
            yield number, InputError("not valid UTF-8")
        elif breaks:  # most often, a quote left open
            first = end - breaks if start is None else start
            yield number, InputError(f"lines {first}-{end} are read as one row: is a quote left open?")
        else:
            yield number, record
        start = end + 1


def csv_problem(exc: csv.Error) -> str:
    if "field limit" in str(exc):
        return f"a field is longer than {thousands(csv.field_size_limit())} characters (a quote left open?)"
    return str(exc)


def mapping_row(value: object) -> Row | InputError:
    """A scenario given as named fields (a JSON object, a TOML table, a dict), as text; or why it is not one."""
    if not isinstance(value, Mapping):
        return InputError("each scenario must be an object of named fields")
    try:
        row = {str(key): text_of(item) for key, item in value.items()}
    except InputError as exc:
        return exc
    if not valid_utf8(name + (text or "") for name, text in row.items()):
        return InputError("text with a lone surrogate (\\ud800-\\udfff) is not valid Unicode")
    return row


def read_jsonl(handle: TextIO) -> Iterator[tuple[int, Row | InputError]]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, InputError(f"not valid JSON: {exc.msg}")
            continue
        except (ValueError, RecursionError) as exc:  # an int of thousands of digits; nesting too deep
            yield number, InputError(f"not valid JSON: {too_much(exc)}")
            continue
        yield number, mapping_row(value)


def read_whole(path: Path) -> list[object]:
    """The scenarios of a JSON (an array, or {"scenarios": [...]}) or TOML ([[scenario]]) file."""
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise unreadable(path, exc) from None
    try:
        data: Any = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputFileError(f"{path.name}: cannot be read: {exc}") from None
    except (ValueError, RecursionError) as exc:
        raise InputFileError(f"{path.name}: cannot be read: {too_much(exc)}") from None
    if isinstance(data, dict):
        data = data.get("scenarios", data.get("scenario"))
    if not isinstance(data, list):
        raise InputFileError(f"{path.name}: expected a list of scenarios (JSON array or TOML [[scenario]] tables)")
    return data


def too_much(exc: ValueError | RecursionError) -> str:
    """What Python's parsers refuse beyond their limits, in words."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return "a number of thousands of digits" if "digits" in str(exc) else str(exc)


def unreadable(path: Path, exc: OSError) -> ChefloenError:
    """A batch file that is not there is a usage error; one that is there but cannot be read, a failed run."""
    kind = InputError if isinstance(exc, FileNotFoundError | IsADirectoryError) else InputFileError
    return kind(f"{path}: {exc.strerror}")


@contextlib.contextmanager
def open_rows(path: Path) -> Iterator[Iterator[tuple[int, Row | InputError]]]:
    """Numbered rows of a batch file (1 = first scenario); a bad row comes as its InputError."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".toml"):
        rows = read_whole(path)
        yield ((number, mapping_row(value)) for number, value in enumerate(rows, start=1))
        return
    if suffix not in (".csv", ".jsonl", ".ndjson"):
        raise InputError(f"{path.name}: use a .csv, .jsonl, .json or .toml file")
    try:
        handle = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as exc:
        raise unreadable(path, exc) from None
    with handle:
        if suffix != ".csv":
            yield read_jsonl(handle)
            return
        reader = csv.DictReader(handle, restval="")
        check_header(list(reader.fieldnames or []), path)  # before any output is written
        yield read_csv(reader)


def result(number: int, breakdown: Breakdown) -> Result:
    """A computed row's result, in RESULT_COLUMNS order."""
    subject = breakdown.subject
    posting = subject.posting
    low = breakdown.pension_low
    return [
        str(number),
        subject.label,
        breakdown.on.isoformat(),
        subject.step.step,
        posting.trin_as_posted if posting else None,
        posting.id if posting else None,
        str(breakdown.annual_pay),
        str(monthly(breakdown.annual_pay)),
        str(breakdown.pension),
        str(breakdown.total),
        None if low is None else str(low),
        None if low is None else str(breakdown.annual_pay + low),
        breakdown.factor.entry.status,
        " ".join([notice.code for notice in breakdown.notices]),
        None,
    ]


def failure(number: int, row: Row | None, error: str) -> Result:
    """A failed row's result: what identifies the row, as the user wrote it, and the error."""
    row = row or {}
    return [
        str(number),
        row.get("label"),
        row.get("date"),
        row.get("trin"),
        None,
        row.get("posting"),
        *[None] * 8,
        error,
    ]


class BatchRow(NamedTuple):
    """One row's result: its values in RESULT_COLUMNS order; a failed row has its error and what identifies it.

    A batch creates one for every row, so it is a NamedTuple (see model.py)."""

    number: int
    values: Result
    error: str | None = None

    def to_data(self) -> Data:
        """The JSON contract of one batch row (a line of ``--format jsonl``)."""
        return dict(zip(RESULT_COLUMNS, self.values, strict=True))


def results(
    rows: Iterable[tuple[int, Row | InputError]], scales: Scales, *, default_date: dt.date | None = None
) -> Iterator[BatchRow]:
    """Compute every row; a bad row gives its error as a result, and the run goes on."""
    for number, row in rows:
        try:
            if isinstance(row, InputError):
                raise row
            breakdown = compute(scenario_from_row(row, default_date), scales)
        except ChefloenError as exc:
            error = str(exc)
        except Exception as exc:  # a fault of ours must not cost the user every later row
            error = f"{INTERNAL_ERROR} ({type(exc).__name__})"
        else:
            yield BatchRow(number, result(number, breakdown))
            continue
        yield BatchRow(number, failure(number, None if isinstance(row, InputError) else row, error), error)
