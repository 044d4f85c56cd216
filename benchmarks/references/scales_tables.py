"""The tables the reference batches need, read from data/scales with tomllib (never through chefloen) and held
as exact integers: grundbeløb in øre, factors in millionths, percentages in hundredths of a percent.

A reference batch computes the columns of `chefloen batch` for the notations the benchmark's rows use (trin
or posting, an ISO date, a kvalifikationsløn in whole kroner, perhaps with thousands dots, afkøb as ``12.5%``,
``4.5t`` or a grundbeløb, deltid as ``0.8`` or ``30t``), by chefloen's rules: the factor in force at the date,
each component a grundbeløb × factor × share rounded once to whole kroner, half up; afkøb in percent of the
pay, or in hours at the full-time pay (each line rounded) × weeks ÷ annual hours; pension at the rate of the
group by date on the pensionable lines (not afkøb), with a low end without the opslagstillæg when a posting's
level may include afkøb; særlig feriegodtgørelse at the rate by date on the pay; the monthly pay to øre.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, NamedTuple

FACTOR_SCALE = 1_000_000  # the factors carry six decimals
PERCENT_SCALE = 100  # percentages carry two decimals
CHEF_GROUP = "chef"  # the pension group of a trin (chefloen's default group)


def scaled(value: Decimal, scale: int) -> int:
    """``value`` × ``scale``, which must be a whole number: the tables are exact in these units."""
    product = value * scale
    if product != product.to_integral_value():
        raise ValueError(f"{value} has more decimals than the reference keeps")
    return int(product)


def whole(value: Decimal, unit: str = "1") -> Decimal:
    return value.quantize(Decimal(unit), ROUND_HALF_UP)


class Dated(NamedTuple):
    """A series by date: the effective dates in order and each entry's value (scaled) and status."""

    effective: list[dt.date]
    values: list[int]
    statuses: list[str]

    def at(self, on: dt.date) -> int:
        """The position of the entry in force on ``on``."""
        position = sum(day <= on for day in self.effective) - 1
        if position < 0:
            raise ValueError(f"{on} is before the first entry")
        return position


class Posting(NamedTuple):
    step: str
    supplement_ore: int  # the opslagstillæg's grundbeløb, as chefloen derives it from the posted level
    group: str
    ranged: bool  # the level may include afkøb: the pension has a low end without the opslagstillæg


class Tables(NamedTuple):
    factors: Dated
    pension: dict[str, Dated]
    holiday: Dated
    steps_ore: dict[str, int]
    postings: dict[str, Posting]
    weekly_hours: int
    weeks_per_year: int
    annual_hours: int


def read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle, parse_float=Decimal)


def dated(entries: list[dict[str, Any]], key: str, scale: int) -> Dated:
    return Dated(
        [entry["effective"] for entry in entries],
        [scaled(Decimal(entry[key]), scale) for entry in entries],
        [entry.get("status", "") for entry in entries],
    )


def base_amount_for(amount: Decimal, factor: Decimal) -> Decimal:
    """The grundbeløb that gives ``amount`` kroner at ``factor``: whole kroner when one exists, else øre."""
    guess = whole(amount / factor)
    for candidate in (guess, guess - 1, guess + 1):
        if whole(candidate * factor) == amount:
            return candidate
    return whole(amount / factor, "0.01")


def load(directory: Path) -> Tables:
    """The tables of a scales directory (data/scales)."""
    index = read(directory / "region-index.toml")
    factors = dated(index["factor"], "value", FACTOR_SCALE)
    steps = {row["step"]: Decimal(row["base_amount"]) for row in read(directory / "region-chef-steps.toml")["step"]}
    pension = read(directory / "region-pension.toml")
    worktime = read(directory / "region-worktime.toml")
    postings = {}
    for row in read(directory / "region-postings.toml")["posting"]:
        factor = Decimal(factors.values[factors.at(row["level_date"])]) / FACTOR_SCALE
        basisloen = whole(steps[row["step"]] * factor)
        supplement = base_amount_for(Decimal(row["level"]) - basisloen, factor)
        postings[row["id"]] = Posting(
            row["step"], scaled(supplement, 100), row["pension_group"], row["level_includes_afkoeb"]
        )
    return Tables(
        factors=factors,
        pension={group["id"]: dated(group["rate"], "percent", PERCENT_SCALE) for group in pension["group"]},
        holiday=dated(read(directory / "region-holiday.toml")["rate"], "percent", PERCENT_SCALE),
        steps_ore={step: scaled(amount, 100) for step, amount in steps.items()},
        postings=postings,
        weekly_hours=scaled(Decimal(worktime["weekly_hours"]), 1),
        weeks_per_year=scaled(Decimal(worktime["weeks_per_year"]), 1),
        annual_hours=scaled(Decimal(worktime["annual_hours"]), 1),
    )


# The columns a reference writes, each as `chefloen batch` writes it.
COLUMNS = [
    "row",
    "label",
    "date",
    "trin",
    "posting",
    "annual_pay",
    "monthly_pay",
    "pension",
    "total",
    "pension_low",
    "total_low",
    "holiday_pay",
    "total_compensation",
    "factor_status",
]
