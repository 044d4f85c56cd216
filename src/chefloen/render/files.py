"""What chefloen writes to files and streams: CSV cells a spreadsheet will not run as formulas, batch results
row by row, and files (batch results, offer sheets, the user's own tables) that appear whole or not at all."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TextIO

from chefloen.batch_rows import RESULT_COLUMNS, USER_TEXT_AT, BatchRow
from chefloen.errors import OutputError
from chefloen.render import unicode_ok

# Spreadsheets treat cells starting with these as formulas.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
# Characters that JSON leaves as they are but str.splitlines() and some editors break a line at.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def safe_cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula.

    >>> safe_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> safe_cell("-125")
    '-125'
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return safe_text(value)
    return value


def safe_text(value: str | None) -> str | None:
    """Text that a spreadsheet will not run as a formula: ``'`` before a leading ``=``, ``+``, ``-``, ``@``, …"""
    if value and value[0] in _FORMULA_STARTS and not _NUMBER.match(value):
        return "'" + value
    return value


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)


def batch_csv_writer(stream: IO[str]) -> Callable[[BatchRow], None]:
    """Write the header now, and each batch row when it is given."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(RESULT_COLUMNS)

    def write(row: BatchRow) -> None:
        # Only the columns that echo the user's text can carry a formula; the rest are our own numbers.
        values = list(row.values)
        for position in USER_TEXT_AT:
            values[position] = safe_text(values[position])
        writer.writerow(values)

    return write


def batch_jsonl_writer(stream: IO[str]) -> Callable[[BatchRow], None]:
    """Write each batch row as one line of JSON."""

    ascii_only = not unicode_ok(stream)

    def write(row: BatchRow) -> None:
        stream.write(json.dumps(row.to_data(), ensure_ascii=ascii_only).translate(_LINE_BREAKS) + "\n")

    return write


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[IO[str]]:
    """A file that appears at ``target`` whole, or not at all if the run fails or is interrupted.

    ``-`` is standard output. A symbolic link is written through to the file it points to; a device or a
    FIFO is written to as it is, since it cannot be replaced. An existing file keeps its mode; the temporary
    file is private while it is written, and a new file gets the mode the umask gives.
    """
    if str(target) == "-":
        yield sys.stdout
        return
    path = Path(os.path.realpath(target))
    status = _status(path, target)
    if status is not None and not stat.S_ISREG(status.st_mode):  # a device, a FIFO, a socket
        with _failing_as_output(target), path.open("w", encoding="utf-8", newline="") as device:
            yield device
        return
    mode = _new_file_mode() if status is None else stat.S_IMODE(status.st_mode)
    with _failing_as_output(target):
        # mkstemp creates the file 0600, beside the target so the move is never across file systems.
        handle = tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    try:
        with _failing_as_output(target):
            with handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(handle.name, mode)
            os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _status(path: Path, target: Path) -> os.stat_result | None:
    """What stands at ``path`` (``target`` with its links resolved): None for nothing; a directory is an error."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    if stat.S_ISDIR(status.st_mode):
        raise OutputError(f"cannot write {target}: it is a directory; name a file in it")
    return status


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def _failing_as_output(target: Path) -> Iterator[None]:
    """A failure to create, write or move the file (a full disk, no permission) as one line naming it."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
