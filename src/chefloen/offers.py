"""An offer to a candidate: one to four alternatives priced side by side, who it is for, when the job starts and
the day it is made; chefloen.render.html lays it out as one printable page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chefloen.calc import compute
from chefloen.errors import InputError, bounded
from chefloen.plain import Data, Notice
from chefloen.plans import Comparison, History, history

if TYPE_CHECKING:
    from chefloen.breakdown import Breakdown
    from chefloen.model import IndexSeries, Scales, Scenario
    from chefloen.tax import NetPay

# One A4 page holds this many alternatives side by side.
MAX_ALTERNATIVES = 4
LONGEST_NAME = 200  # characters of a candidate's name


@dataclass(frozen=True, slots=True, kw_only=True)
class Offer:
    """The alternatives of an offer (the first is the one the others are compared with), a net-pay estimate of
    each when a kommune is given, and, for a single alternative, its pay at every regulation date."""

    breakdowns: tuple[Breakdown, ...]
    regulation: IndexSeries  # what the sheet may say of regulations still to come
    issued: dt.date  # the day the offer is made
    candidate: str = ""
    start: dt.date | None = None  # the day the job starts (tiltrædelse)
    nets: tuple[NetPay, ...] = ()
    history: History | None = None

    @property
    def comparison(self) -> Comparison:
        """The alternatives as ``chefloen compare`` has them: summary rows, differences and merged warnings."""
        return Comparison(breakdowns=self.breakdowns, nets=self.nets)

    @property
    def notices(self) -> tuple[Notice, ...]:
        return self.comparison.notices

    def to_data(self) -> Data:
        """The offer as plain data: its header, then every alternative whole and a summary row each, as compare's
        JSON has them."""
        compared = self.comparison.to_data()
        return {
            "issued": self.issued.isoformat(),
            "candidate": self.candidate,
            "start": None if self.start is None else self.start.isoformat(),
            "alternatives": compared["scenarios"],
            "summary": compared["summary"],
            "warnings": compared["warnings"],
        }


def check_count(count: int) -> None:
    """An offer has one alternative at least, and at most as many as its page holds side by side."""
    if not count:
        raise InputError("an offer needs at least one scenario")
    if count > MAX_ALTERNATIVES:
        raise InputError(f"an offer sheet shows at most {MAX_ALTERNATIVES} alternatives; {count} were given")


def offer(
    scenarios: Sequence[Scenario],
    scales: Scales,
    *,
    issued: dt.date,
    candidate: str = "",
    start: dt.date | None = None,
) -> Offer:
    """Price one to four alternatives; a single one also at every regulation date, for the sheet's chart."""
    check_count(len(scenarios))
    return Offer(
        breakdowns=tuple(compute(scenario, scales) for scenario in scenarios),
        regulation=scales.regulation,
        issued=issued,
        candidate=bounded(candidate, "kandidat", LONGEST_NAME),
        start=start,
        history=history(scenarios[0], scales) if len(scenarios) == 1 else None,
    )
