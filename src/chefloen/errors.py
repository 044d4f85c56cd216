"""The exceptions chefloen raises; every one the CLI reports is a ChefloenError."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path


class ChefloenError(Exception):
    """A problem with the user's input or the data that the user can fix."""


class ScaleFileError(ChefloenError, ValueError):
    """A data file (shipped in data/scales, or the user's own) could not be read or failed validation."""

    def __init__(self, path: Path | str, problems: Sequence[str], *, shown: str | None = None) -> None:
        self.path = Path(path)
        self.problems = list(problems)
        # Shipped tables are named by file name alone; a user's own table by its whole path.
        super().__init__(f"{shown or self.path.name}: " + "; ".join(self.problems))


class NotCoveredError(ChefloenError, LookupError):
    """A date lies before the first entry of a dated series."""

    def __init__(self, on: dt.date, first: dt.date, what: str) -> None:
        self.on = on
        self.first = first
        super().__init__(
            f"{what} is not known before {first.isoformat()} (asked for {on.isoformat()}); "
            f"use a date on or after {first.isoformat()}"
        )


class UnknownKeyError(ChefloenError, KeyError):
    """A trin, posting, pension group or similar key that the data does not have."""

    def __init__(self, what: str, key: str, known: Sequence[str]) -> None:
        self.key = key
        self.known = list(known)
        super().__init__(f"unknown {what} {key!r}; known: {', '.join(self.known)}")

    def __str__(self) -> str:
        # KeyError would quote the whole message.
        return str(self.args[0])


class InputError(ChefloenError, ValueError):
    """A value the user typed that cannot be read (amount, percentage, date, hours)."""
