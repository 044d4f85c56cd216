"""The exceptions chefloen raises. Every one the CLI reports is a ChefloenError, and its class alone
decides the exit code: 2 when what was typed on the command line is wrong, 1 when the work failed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar


class ChefloenError(Exception):
    """A problem with the input or the data that the user can fix; the work failed (exit 1)."""

    exit_code: ClassVar[int] = 1


class UsageError(ChefloenError):
    """What was typed on the command line is wrong: a value, a name, a file or a combination (exit 2)."""

    exit_code: ClassVar[int] = 2


class InputError(UsageError, ValueError):
    """A value the user typed that cannot be read or used (amount, percentage, date, hours, options)."""


def bounded(text: str, what: str, most: int) -> str:
    """``text`` without its surrounding blanks; refused when longer than ``most`` characters. Every reader of typed
    text calls this first, so that none takes more than linear time, and no error line quotes a page.

    >>> bounded(" 51 ", "trin", 100)
    '51'
    >>> bounded("9" * 50, "pension", 40)
    Traceback (most recent call last):
    chefloen.errors.InputError: pension '99999999999999999999'… is too long; at most 40 characters
    """
    stripped = text.strip()
    if len(stripped) > most:
        raise InputError(f"{what} {stripped[:20]!r}… is too long; at most {most} characters")
    return stripped


class UnknownKeyError(UsageError, KeyError):
    """A trin, posting, pension group, kommune or similar name that the data does not have."""

    def __init__(self, what: str, key: str, known: Sequence[str], *, lead: str = "known") -> None:
        self.key = key
        self.known = list(known)
        super().__init__(f"unknown {what} {key!r}; {lead}: {', '.join(self.known)}")

    def __str__(self) -> str:
        # KeyError would quote the whole message.
        return str(self.args[0])


MAX_PROBLEM = 200  # characters of one problem with a data file
MAX_PROBLEMS = 5  # problems said in one message; the rest are in ``problems``


class ScaleFileError(ChefloenError, ValueError):
    """A data file (shipped in data/, or the user's own) could not be read or failed validation."""

    def __init__(self, path: Path | str, problems: Sequence[str], *, shown: str | None = None) -> None:
        self.path = Path(path)
        # A problem may quote a key or a value of the file; what it quotes is bounded, as the file may be
        # anything (planted, or a link to another file), and the message says only what is wrong where.
        self.problems = [
            problem if len(problem) <= MAX_PROBLEM else problem[: MAX_PROBLEM - 1] + "…" for problem in problems
        ]
        # Shipped tables are named by file name alone; a user's own table by its whole path.
        super().__init__(f"{shown or self.path.name}: " + "; ".join(self.problems[:MAX_PROBLEMS]))


class NotCoveredError(ChefloenError, LookupError):
    """A date lies before the first entry of a dated series."""

    def __init__(self, on: dt.date, first: dt.date, what: str) -> None:
        self.on = on
        self.first = first
        super().__init__(
            f"{what} is not known before {first.isoformat()} (asked for {on.isoformat()}); "
            f"use a date on or after {first.isoformat()}"
        )


class InputFileError(ChefloenError, ValueError):
    """An input file named on the command line exists but its content cannot be used (a batch file)."""


class RowsFailedError(ChefloenError):
    """Some rows of a batch failed; each was reported, and every good row was still written."""


class OutputError(ChefloenError, OSError):
    """An output file cannot be written."""


class MissingExtraError(ChefloenError, ImportError):
    """A feature that needs an optional package which is not installed (pandas, for DataFrames)."""

    def __init__(self, package: str, extra: str, feature: str) -> None:
        self.package = package
        super().__init__(f'{feature} needs {package}, which is not installed: pip install "chefloen[{extra}]"')
