"""Batch files as people save them: CSV from any Excel (commas or semicolons, UTF-8 with or without a BOM,
Windows-1252, UTF-16), JSON lines, JSON, TOML and .xlsx workbooks, from a file or from standard input.

Every row is numbered as the person sees it: the line of a text file where the row starts (the header of
a CSV file is line 1, unless a ``sep=;`` line or a title is above it), or the row of the sheet. CSV and JSON
lines stream, so memory stays flat however long the file; JSON and TOML (chefloen.batch_documents) and
workbooks (chefloen.batch_workbook) are read whole. What is read is bounded: a file, or a pipe kept in a
temporary file, of at most INPUT_LIMIT bytes. The header of a CSV file is found by chefloen.batch_header.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, TextIO

from chefloen.batch_cells import (
    BatchInput,
    GivenTwiceError,
    Lines,
    Numbered,
    Table,
    check_header,
    json_object,
    mapping_row,
    quoted,
    too_much,
    unguarded,
    valid_text,
)
from chefloen.batch_header import csv_problem, find_header
from chefloen.errors import ChefloenError, InputError, InputFileError
from chefloen.files import TooLong, byte_count, kept_copy
from chefloen.labels import visible

if TYPE_CHECKING:
    from _csv import Reader as _reader

STDIN = "-"
SUFFIXES = (".csv", ".txt", ".tsv", ".jsonl", ".ndjson", ".json", ".toml", ".xlsx")
ENCODING_NAMES = {"utf-8-sig": "UTF-8", "cp1252": "Windows-1252", "utf-16": "UTF-16"}
# A batch of 20 million CSV rows; an endless pipe (batch - < /dev/zero) stops here, not at a full disk.
INPUT_LIMIT = 1 << 30
_SNIFF = 1 << 12
_KEEP_BYTES = "chefloen-keep-bytes"


def detect_encoding(handle: IO[bytes]) -> str:
    """UTF-8 (a BOM or not) when the whole file is UTF-8; UTF-16 after its BOM; else Windows-1252, which is
    what Danish Excel saves "CSV (semikolonsepareret)" in. Read in chunks, so memory stays flat."""
    start = handle.read(2)
    if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        handle.seek(0)
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunk = start
    try:
        while chunk:
            decoder.decode(chunk)
            chunk = handle.read(1 << 16)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    finally:
        handle.seek(0)
    return "utf-8-sig"


def read_lines(reader: _reader, width: int, encoding: str, start: int = 0) -> Lines:
    """The rows of a CSV file as lists of ``width`` cells, numbered by the line each starts on; ``start`` is the
    line the reader starts after (the header's). A row shorter than the header is filled with empty cells; the
    cells past the header's ``width`` may be empty, as Excel saves them, but a value in one is a field too many.
    A cell guarded against formulas (``'=…``, as an excel-da results file has it) is read unguarded."""
    end = start + reader.line_num
    # Only a file read with a fallback can hold a byte its encoding lacks: a file read as UTF-8 was all UTF-8.
    check_text = encoding != "utf-8-sig"
    while True:
        after = end
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # The reader goes on with the next line, so the rows after a field over the limit are kept.
            end = start + reader.line_num
            yield after + 1, InputError(f"line {after + 1}: {csv_problem(exc)}")
            continue
        end = start + reader.line_num
        size = len(record)
        extra = ""
        if size > width:
            extra = "".join(record[width:]).strip()
            del record[width:]
        elif size < width:
            record += [""] * (width - size)
        joined = "".join(record)
        if not extra and not joined.strip():  # empty but for separators: skipped, not failed
            continue
        # A row that took more than its one line: a quoted field over several lines, most often a quote left open.
        breaks = 0 if end == after + 1 else joined.count("\n")
        number = max(after + 1, end - breaks)  # blank lines before it are skipped; an open quote may end at EOF
        if extra:
            yield number, InputError("more fields than the header has")
        elif check_text and not valid_text(record):
            yield number, InputError(f"not valid {ENCODING_NAMES.get(encoding, encoding)}")
        elif breaks:
            yield number, InputError(f"lines {number}-{end} are read as one row: is a quote left open?")
        else:
            if "'" in joined:
                record = [unguarded(value) for value in record]
            yield number, record


def cell_names(names: list[str | None]) -> Callable[[list[str]], dict[str, str]]:
    """A function that gives a row's cells as named fields: each cell under its column's name, the columns read
    past (None: a results file's computed ones) left out."""
    if None not in names:
        return lambda cells: dict(zip(names, cells, strict=True))  # type: ignore[arg-type]
    kept = [(position, name) for position, name in enumerate(names) if name is not None]
    return lambda cells: {name: cells[at] for at, name in kept}


def named_rows(names: list[str | None], lines: Lines) -> Numbered:
    """The rows of ``lines`` as named fields (see :func:`cell_names`)."""
    named = cell_names(names)
    for number, cells in lines:
        yield number, cells if isinstance(cells, InputError) else named(cells)


def read_jsonl(handle: TextIO) -> Numbered:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, object_pairs_hook=json_object)
        except GivenTwiceError as exc:
            yield number, InputError(f"field {quoted(exc.key)} is given twice; give each field once")
            continue
        except json.JSONDecodeError as exc:
            yield number, InputError(f"not valid JSON: {exc.msg}")
            continue
        except (ValueError, RecursionError) as exc:  # an int of thousands of digits; nesting too deep
            yield number, InputError(f"not valid JSON: {too_much(exc)}")
            continue
        yield number, mapping_row(value)


def shown(path: Path) -> str:
    """The batch file as messages name it: its name, with any control characters in it escaped."""
    return "standard input" if str(path) == STDIN else visible(path.name)


def unreadable(path: Path, exc: OSError) -> ChefloenError:
    """A batch file that is not there is a usage error; one that is there but cannot be read, a failed run."""
    kind = InputError if isinstance(exc, FileNotFoundError | IsADirectoryError) else InputFileError
    return kind(f"{shown(path) if str(path) == STDIN else path}: {exc.strerror or exc}")


@contextlib.contextmanager
def open_rows(path: Path, *, sheet: str | None = None) -> Iterator[BatchInput]:
    """The numbered rows of a batch file; ``-`` reads standard input. A bad row comes as its InputError."""
    suffix = None if str(path) == STDIN else path.suffix.lower()
    if suffix is not None and suffix not in SUFFIXES:
        raise InputError(f"{path.name}: use a .csv, .xlsx, .jsonl, .json or .toml file")
    try:
        handle = standard_input() if suffix is None else path.open("rb")
    except OSError as exc:
        raise unreadable(path, exc) from None
    with contextlib.ExitStack() as stack:
        if suffix is not None:
            stack.enter_context(handle)
        try:
            handle = bounded(handle, shown(path), stack)
        except OSError as exc:
            raise unreadable(path, exc) from None
        kind = suffix or sniffed_kind(handle)
        if sheet is not None and kind != ".xlsx":
            raise InputError("--sheet is for .xlsx workbooks")
        yield rows_of(handle, kind, shown(path), sheet)


def standard_input() -> IO[bytes]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # started with standard input closed (<&-): Python leaves sys.stdin None
        raise InputError("standard input is closed; give the batch file's name, or pipe the rows to batch -")
    return stream  # type: ignore[no-any-return]


def bounded(handle: IO[bytes], where: str, stack: contextlib.ExitStack) -> IO[bytes]:
    """``handle`` when it is a regular file of at most INPUT_LIMIT bytes; anything else (standard input, a pipe,
    a device) is first kept in a temporary file, so it can be looked at before it is read as rows, and so it
    ends: at most INPUT_LIMIT bytes of it, and none at all when it starts with nothing but NUL bytes."""
    try:
        status = os.fstat(handle.fileno())
    except (OSError, io.UnsupportedOperation):  # a stream without a file behind it (a test's, a notebook's)
        status = None
    if status is not None and stat.S_ISREG(status.st_mode) and status.st_size:
        if status.st_size > INPUT_LIMIT:
            raise InputFileError(
                f"{where}: {byte_count(status.st_size)}; a batch may be at most {byte_count(INPUT_LIMIT)}"
            )
        check_text_start(handle.read(_SNIFF), where)
        handle.seek(0)
        return handle
    try:
        return kept_copy(
            handle, limit=INPUT_LIMIT, stack=stack, check_start=lambda chunk: check_text_start(chunk[:_SNIFF], where)
        )
    except TooLong:
        raise InputFileError(f"{where}: goes on past {byte_count(INPUT_LIMIT)}, the most a batch may be") from None
    except OSError as exc:
        raise unkept(where, exc) from None


def unkept(where: str, exc: OSError) -> InputFileError:
    return InputFileError(f"{where}: cannot be kept in a temporary file while it is read ({exc.strerror or exc})")


def check_text_start(start: bytes, where: str) -> None:
    if start and not start.strip(b"\0"):  # /dev/zero, a file of zeros: no text, and no end to wait for
        raise InputFileError(f"{where}: not a batch file: it starts with NUL bytes and nothing else")


def rows_of(handle: IO[bytes], kind: str, where: str, sheet: str | None) -> BatchInput:
    if kind == ".xlsx":
        from chefloen.batch_workbook import read_workbook

        return read_workbook(handle, where, sheet)
    if kind in (".json", ".toml"):
        from chefloen.batch_documents import read_document

        return BatchInput(read_document(handle, where, kind))
    if kind in (".jsonl", ".ndjson"):
        return BatchInput(read_jsonl(text_stream(handle, "utf-8-sig")))
    return read_table(handle, where)


def read_table(handle: IO[bytes], where: str) -> BatchInput:
    """A CSV file: its encoding told from the bytes, its header and separator from the first lines (see
    :func:`find_header`), the header checked before any row is read."""
    encoding = detect_encoding(handle)
    text = text_stream(handle, encoding)
    header = find_header(text, where)
    read = check_header(header.cells, where)  # before any output is written
    # Empty columns after the named ones (Excel saves a sheet's used width) are read as fields too many.
    reader = csv.reader(text, delimiter=header.separator)
    notes = [] if encoding == "utf-8-sig" else [f"encoding {ENCODING_NAMES[encoding]}"]
    if header.separator != ",":
        notes.append("separator " + ("tab" if header.separator == "\t" else repr(header.separator)))
    if header.line > 1:
        notes.append(f"header on line {header.line}")
    lines = read_lines(reader, len(read), encoding, header.line)
    return BatchInput(named_rows(read, lines), ", ".join(notes) or None, Table(read, lines))


def sniffed_kind(handle: IO[bytes]) -> str:
    """What a file without a telling name holds (standard input): a workbook, JSON, JSON lines, TOML or CSV."""
    start = handle.read(_SNIFF)
    handle.seek(0)
    if start.startswith(b"PK\x03\x04"):
        return ".xlsx"
    text = start.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("[["):
        return ".toml"
    if text.startswith("["):
        return ".json"
    if text.startswith("{"):
        with contextlib.suppress(ValueError, RecursionError):
            json.loads(text.splitlines()[0])
            return ".jsonl"
        return ".json"
    return ".csv"


def keep_bytes(exc: UnicodeError) -> tuple[str, int]:
    """surrogateescape for every byte: one below 0x80 that UTF-16 cannot decode (half of a code unit, an
    unpaired surrogate) becomes a lone surrogate too, so it is its row's error, not the end of the run."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(chr(0xDC00 + byte) for byte in exc.object[exc.start : exc.end]), exc.end


def text_stream(handle: IO[bytes], encoding: str) -> TextIO:
    codecs.register_error(_KEEP_BYTES, keep_bytes)
    return io.TextIOWrapper(handle, encoding=encoding, errors=_KEEP_BYTES, newline="")
