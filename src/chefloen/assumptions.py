"""Assumed future regulations (``--assume 2026-04-01:+2.5%``), applied by the regions' additive rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from chefloen import labels
from chefloen.errors import InputError, bounded
from chefloen.files import read_file_or_pipe
from chefloen.labels import thousands
from chefloen.model import Factor, IndexSeries, Period, Scales, Source
from chefloen.money import HUNDRED, round_money
from chefloen.parsing import FIRST_DATE, LAST_DATE, PERCENT_PLACES, parse_date, parse_number
from chefloen.periods import FACTOR_UNIT, period_for

# Bounds on what an assumption can do: one regulation, and the factor it leads to (as for data files).
MAX_PERCENT = Decimal(50)
MAX_FACTOR = Decimal(100)
MAX_FILE_BYTES = 1_000_000
# Two regulations a year until LAST_DATE are about 350; history shows a row for each.
MAX_EVENTS = 1_000
# DATE:+PCT% with blanks to spare; a longer one is refused before it is read.
LONGEST = 100
ASSUMPTION = Source("assumption", "Antagelse angivet af brugeren (--assume)", "")


@dataclass(frozen=True, slots=True, kw_only=True)
class AssumedEvent:
    """A regulation the user assumes: a date and a percentage of the period's start level."""

    effective: dt.date
    percent: Decimal


def parse_event(text: str) -> AssumedEvent:
    """``DATE:+PCT%``, e.g. ``2026-04-01:+2.5%`` or ``1.10.2026:-0,3%``.

    >>> parse_event("2026-04-01:+2,5%")
    AssumedEvent(effective=datetime.date(2026, 4, 1), percent=Decimal('2.5'))
    """
    date, colon, change = bounded(text, "assumption", LONGEST).partition(":")
    change = change.strip().removesuffix("%").rstrip()
    sign = change[:1] if change.startswith(("+", "-")) else ""
    number = change.removeprefix(sign).lstrip()
    if not (colon and date.strip() and number and all(char.isdecimal() or char in ".," for char in number)):
        raise InputError(f"assumption {text!r} must be DATE:+PCT%, e.g. 2026-04-01:+2.5%")
    percent = parse_number(number, "assumed percentage", shown=text, most=PERCENT_PLACES)
    if percent > MAX_PERCENT:
        raise InputError(f"assumption {text!r}: a regulation of more than {MAX_PERCENT} % is not plausible")
    return AssumedEvent(effective=parse_date(date), percent=-percent if sign == "-" else percent)


def apply(index: IndexSeries, events: list[AssumedEvent], *, period_start: str | None = None) -> IndexSeries:
    """The index with the events appended as assumed factors.

    Each event adds ``percent × start level`` to the factor before it (regions add, they do not
    compound). The start level is that of the agreement period the event falls in (see
    :func:`chefloen.periods.period_for`): inside OK26, 1,169930; after the last known period ends, a
    new period that opens with the first such event. ``period_start`` (a period's name or a start
    date) overrides it for every event.
    """
    if not events:
        return index
    ordered = sorted(events, key=lambda event: event.effective)
    last = index.last
    dates = [event.effective for event in ordered]
    if len(set(dates)) != len(dates):
        raise InputError("two assumed regulations on the same date")
    if ordered[0].effective <= last.effective:
        raise InputError(
            f"assumed regulation {ordered[0].effective} must come after the last known regulation {last.effective}"
        )
    chosen = None if period_start is None else named_period(index, period_start)
    factors, periods = list(index.factors), index.periods
    for event in ordered:
        # The events come after every factor, so the one before each is the last so far: all period_for needs.
        period = chosen or period_for(IndexSeries((factors[-1],), periods), event.effective)
        value = round_money(factors[-1].value + event.percent / HUNDRED * period.start_level, FACTOR_UNIT)
        if not 0 < value < MAX_FACTOR:
            raise InputError(
                f"assumed regulation {event.effective} would make the factor {value}; it must stay above 0 and "
                f"below {MAX_FACTOR}"
            )
        sign = "+" if event.percent >= 0 else "-"
        basis = (
            f"{sign}{labels.exact(abs(event.percent))} % × startniveau "
            f"{labels.factor(period.start_level)} ({period.name})"
        )
        if chosen is None and period not in periods:  # the event opened a new period
            periods = (*periods, period)
        factors.append(Factor(event.effective, value, "assumed", ASSUMPTION, basis))
    series = index._replace(factors=tuple(factors), periods=periods)
    if series.upcoming is not None and series.upcoming.date <= series.last.effective:
        series = series._replace(upcoming=None)
    return series


def named_period(index: IndexSeries, period_start: str) -> Period:
    """``--period-start``: a known period by name (OK24), or a period starting on a date."""
    for period in index.periods:
        if period.name.lower() == period_start.strip().lower():
            return period
    start = parse_date(period_start)
    first = index.factors[0].effective
    if start <= first:
        raise InputError(f"--period-start {start} must come after the first known regulation, {first}")
    return Period(f"periode fra {labels.date(start)}", start, index.at(start - dt.timedelta(days=1)).entry.value)


def expand_files(texts: list[str]) -> list[str]:
    """``@FILE`` stands for the events in FILE, one ``DATE:+PCT%`` a line; ``#`` starts a comment.

    A line from a file that is not an assumption is reported by its file and number, never shown: the
    file may be anything the user pointed at."""
    expanded = []
    for text in texts:
        if not text.startswith("@"):
            expanded.append(text)
            continue
        name = text[1:]
        lines = read_assumption_file(name).splitlines()
        events = [
            (number, event) for number, line in enumerate(lines, start=1) if (event := line.split("#", 1)[0].strip())
        ]
        if len(expanded) + len(events) > MAX_EVENTS:  # counted before any is read
            raise InputError(
                f"assumption file {name!r}: {thousands(len(events))} assumed regulations; "
                f"at most {thousands(MAX_EVENTS)} in all"
            )
        for number, event in events:
            try:
                parse_event(event)
            except InputError:
                raise InputError(
                    f"assumption file {name!r}, line {number}: not an assumption DATE:+PCT% with a date from "
                    f"{FIRST_DATE.year} to {LAST_DATE.year} and at most {MAX_PERCENT} % with at most "
                    f"{PERCENT_PLACES} decimals, e.g. 2026-04-01:+2.5%"
                ) from None
            expanded.append(event)
    if len(expanded) > MAX_EVENTS:
        raise InputError(f"{thousands(len(expanded))} assumed regulations; at most {thousands(MAX_EVENTS)}")
    return expanded


def read_assumption_file(name: str) -> str:
    """The text of an ``--assume @FILE``: a file or a pipe (``@<(...)``) of at most MAX_FILE_BYTES."""
    try:
        data = read_file_or_pipe(Path(name), limit=MAX_FILE_BYTES)
    except OSError as exc:
        raise InputError(f"assumption file {name!r}: cannot be read ({exc.strerror})") from None
    except ValueError:  # a NUL in the name: no file can have it
        raise InputError(f"assumption file {name!r}: not a file name (it holds a NUL)") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"assumption file {name!r}: larger than {thousands(MAX_FILE_BYTES)} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"assumption file {name!r}: cannot be read (not UTF-8 text)") from None


def with_assumptions(scales: Scales, texts: list[str], *, period_start: str | None = None) -> Scales:
    """``scales`` with the user's assumed regulations (or ``@FILE`` of them) applied to its regulation series."""
    texts = expand_files(texts)
    if not texts:
        if period_start is not None:
            raise InputError("--period-start needs at least one --assume")
        return scales
    events = [parse_event(text) for text in texts]
    return scales._replace(regulation=apply(scales.regulation, events, period_start=period_start))
