"""Pay of one scenario at every regulation date: the series behind `chefloen history` and the offer chart."""

from __future__ import annotations

from dataclasses import dataclass

from chefloen.calc import compute
from chefloen.model import Breakdown, Notice, Scales, Scenario


@dataclass(frozen=True, slots=True)
class History:
    """One breakdown per regulation date, oldest first."""

    breakdowns: tuple[Breakdown, ...]

    @property
    def notices(self) -> tuple[Notice, ...]:
        # Per-date factor warnings are in the status column; keep only what concerns the scenario.
        codes = {"expected_factor", "inferred_factor", "assumed_factor", "after_last_regulation"}
        seen = dict.fromkeys(n for b in self.breakdowns for n in b.notices if n.code not in codes)
        return tuple(seen)


def history(scenario: Scenario, scales: Scales) -> History:
    """Compute ``scenario`` at every factor's effective date (assumed ones included)."""
    factors = scales.regulation.factors
    return History(tuple(compute(scenario._replace(on=factor.effective), scales) for factor in factors))
