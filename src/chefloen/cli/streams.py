"""The process's streams and signals as the CLI needs them: output that never raises for an encoding,
a closed standard output as a clear error, and SIGTERM and SIGHUP that unwind like Ctrl-C, so files
being written are removed rather than left half-done."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from types import FrameType

from chefloen.errors import OutputError
from chefloen.render import terminal_width

_STOPPING = (signal.SIGTERM, signal.SIGHUP)


class ClosedStream:
    """Standard output when the process was started without one (``>&-``): writing is an error."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OutputError("standard output is closed; redirect it, or write to a file with --output")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def prepare() -> None:
    """Make the standard streams safe to write any text to, and COLUMNS a width that can be laid out."""
    if "COLUMNS" in os.environ:
        # Rich, and so Typer's help, takes COLUMNS as it is: 0 draws nothing, 99999999999 fills the memory.
        os.environ["COLUMNS"] = str(terminal_width())
    if sys.stdout is None:
        sys.stdout = ClosedStream()
    for stream in (sys.stdout, sys.stderr):
        # What a stream cannot encode is shown as an escape: "ø" where it cannot show it (PYTHONIOENCODING=ascii),
        # and anywhere the bytes of an argument that were not UTF-8 (Python keeps them as lone surrogates).
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def silence_stdout() -> int:
    """After a write failed: if it was standard output's, point it at the null device, so that the
    interpreter's last flush does not fail again with a traceback. Exit code 1."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1


def _unwind(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def stopped_cleanly_by_signals() -> Iterator[None]:
    """While a command runs, SIGTERM and SIGHUP end it by unwinding (exit 143 and 129), as Ctrl-C does."""
    try:
        previous = {number: signal.signal(number, _unwind) for number in _STOPPING}
    except ValueError:  # not the main thread (the app run from a notebook's worker): leave signals alone
        previous = {}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
