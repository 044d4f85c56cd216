"""Assumed future regulations (``--assume 2026-04-01:+2.5%``), applied by the regions' additive rule."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from chefloen.errors import InputError
from chefloen.model import Factor, IndexSeries, Period, Scales, Source
from chefloen.money import HUNDRED, round_money
from chefloen.parsing import parse_date, parse_number
from chefloen.periods import FACTOR_UNIT, period_for

ASSUMPTION = Source("assumption", "Antagelse angivet af brugeren (--assume)", "")
_EVENT = re.compile(r"^\s*(?P<date>[^:]+?)\s*:\s*(?P<sign>[+-]?)\s*(?P<pct>[\d.,]+)\s*%?\s*$")


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
    match = _EVENT.match(text)
    if not match:
        raise InputError(f"assumption {text!r} must be DATE:+PCT%, e.g. 2026-04-01:+2.5%")
    percent = parse_number(match["pct"], "assumed percentage", shown=text)
    return AssumedEvent(effective=parse_date(match["date"]), percent=-percent if match["sign"] == "-" else percent)


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
    series = index
    for event in ordered:
        period = chosen or period_for(series, event.effective)
        value = round_money(series.last.value + event.percent / HUNDRED * period.start_level, FACTOR_UNIT)
        if value <= 0:
            raise InputError(f"assumed regulation {event.effective} would make the factor {value}")
        basis = f"{event.percent:+f} % × startniveau {period.start_level} ({period.name})"
        periods = series.periods
        if chosen is None and period not in periods:  # the event opened a new period
            periods = (*periods, period)
        factor = Factor(event.effective, value, "assumed", ASSUMPTION, basis)
        series = IndexSeries((*series.factors, factor), periods, series.upcoming)
    if series.upcoming is not None and series.upcoming.date <= series.last.effective:
        series = series._replace(upcoming=None)
    return series


def named_period(index: IndexSeries, period_start: str) -> Period:
    """``--period-start``: a known period by name (OK24), or a period starting on a date."""
    for period in index.periods:
        if period.name.lower() == period_start.strip().lower():
            return period
    start = parse_date(period_start)
    return Period(f"periode fra {start}", start, index.at(start - dt.timedelta(days=1)).entry.value)


def expand_files(texts: list[str]) -> list[str]:
    """``@FILE`` stands for the events in FILE, one ``DATE:+PCT%`` a line; ``#`` starts a comment."""
    expanded = []
    for text in texts:
        if not text.startswith("@"):
            expanded.append(text)
            continue
        path = Path(text[1:])
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(f"assumption file {text[1:]!r}: cannot be read ({exc.strerror})") from None
        except UnicodeDecodeError:
            raise InputError(f"assumption file {text[1:]!r}: cannot be read (not UTF-8 text)") from None
        expanded += [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]
    return expanded


def with_assumptions(scales: Scales, texts: list[str], *, period_start: str | None = None) -> Scales:
    """``scales`` with the user's assumed regulations (or ``@FILE`` of them) applied to its regulation series."""
    texts = expand_files(texts)
    if not texts:
        if period_start is not None:
            raise InputError("--period-start needs at least one --assume")
        return scales
    events = [parse_event(text) for text in texts]
    return scales._replace(regulation=apply(scales.regulation, events, period_start=period_start))
