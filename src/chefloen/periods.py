"""Agreement periods and the additive rule: which start level a regulation on a date is a percentage of."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chefloen import labels
from chefloen.model import IndexSeries, Period

# KRL publishes the reguleringsprocent to four decimals, so a factor has six; one computed by the
# additive rule is rounded half up to six decimals (see README, "How an amount is computed").
FACTOR_UNIT = Decimal("0.000001")


def period_for(index: IndexSeries, on: dt.date) -> Period:
    """The agreement period a regulation on ``on`` belongs to, whose start level its percentage is of.

    Inside a known period (OK26 runs from 1.4.2026 to 31.3.2029) it is that period; outside every
    known period, a new, open period begins on ``on`` at the factor in force the day before.
    """
    known = index.period_of(on)
    if known is not None:
        return known
    start = index.at(on - dt.timedelta(days=1)).entry.value
    return Period(f"ny periode fra {labels.date(on)}", on, start)
