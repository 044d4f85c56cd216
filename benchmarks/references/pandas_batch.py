"""A reference for `chefloen batch`: the same rules over the benchmark's columns (see scales_tables.py), as pandas
and NumPy operations on 64-bit integers, CSV to CSV. Not part of chefloen: a yardstick of what a columnar
engine does.

Usage: python benchmarks/references/pandas_batch.py ROWS.csv RESULTS.csv SCALES_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd
from scales_tables import CHEF_GROUP, COLUMNS, FACTOR_SCALE, PERCENT_SCALE, Dated, load

Integers: TypeAlias = npt.NDArray[np.int64]


def half_up(numerator: Integers, denominator: Integers | int) -> Integers:
    """``numerator / denominator`` rounded to a whole number, a half up (both >= 0), as chefloen rounds."""
    result: Integers = (2 * numerator + denominator) // (2 * denominator)
    return result


def decimal(text: pd.Series, places: int) -> Integers:
    """Decimals written with a point (``12.5``) × 10^places; blank text is 0. Read as binary floats, which hold
    such short decimals to far better than 10^-places, then rounded to the integer they stand for (checked)."""
    unit: int = 10**places
    scaled = pd.to_numeric(text.replace("", "0")).to_numpy(np.float64) * unit
    result: Integers = np.rint(scaled).astype(np.int64)
    if len(result) and np.abs(scaled - result).max() > 1e-6:
        raise SystemExit(f"a number has more than {places} decimals")
    return result


def in_force(series: Dated, dates: np.ndarray) -> np.ndarray:
    """The position of each date's entry in ``series``: the latest effective date on or before it."""
    effective = np.array(series.effective, dtype="datetime64[D]")
    positions = np.searchsorted(effective, dates, side="right") - 1
    if (positions < 0).any():
        raise SystemExit("a date lies before the first entry of the tables")
    return positions


def main() -> None:
    source, target, scales = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    tables = load(scales)
    rows = pd.read_csv(source, dtype=str, keep_default_na=False)
    dates = pd.to_datetime(rows["date"], format="%Y-%m-%d").to_numpy().astype("datetime64[D]")
    factor_at = in_force(tables.factors, dates)
    factor = np.array(tables.factors.values, dtype=np.int64)[factor_at]
    postings = tables.postings
    posting = rows["posting"]
    is_posting = (posting != "").to_numpy()
    trin = np.where(is_posting, posting.map({k: p.step for k, p in postings.items()}), rows["trin"])
    group = posting.map({k: p.group for k, p in postings.items()}).fillna(CHEF_GROUP).to_numpy()
    rate = np.zeros(len(rows), dtype=np.int64)
    for name, series in tables.pension.items():
        chosen = group == name
        if chosen.any():
            rate[chosen] = np.array(series.values, dtype=np.int64)[in_force(series, dates[chosen])]
    holiday_rate = np.array(tables.holiday.values, dtype=np.int64)[in_force(tables.holiday, dates)]

    base: Integers = np.asarray(pd.Series(trin).map(tables.steps_ore), dtype=np.int64)
    supplement: Integers = np.asarray(
        posting.map({k: p.supplement_ore for k, p in postings.items()}).fillna(0), dtype=np.int64
    )
    ranged = posting.map({k: p.ranged for k, p in postings.items()}).fillna(value=False).to_numpy(bool)
    kval = decimal(rows["kvalifikationsloen"].str.replace(".", "", regex=False), 0) * 100

    afkoeb = rows["afkoeb"]
    percent = afkoeb.str.endswith("%").to_numpy()
    hours = afkoeb.str.endswith("t").to_numpy()
    amount = (afkoeb != "").to_numpy() & ~percent & ~hours
    value = decimal(afkoeb.where(percent | hours, "").str.slice(0, -1), 2)
    afkoeb_ore = np.where(amount, decimal(afkoeb.where(amount, "").str.replace(".", "", regex=False), 0), 0) * 100

    deltid = rows["deltid"]
    blank = (deltid == "").to_numpy()
    share_n = np.where(blank, 1, decimal(deltid.str.removesuffix("t"), 2))
    share_d = np.where(blank, 1, np.where(deltid.str.endswith("t").to_numpy(), 100 * tables.weekly_hours, 100))

    def regulated(ore: Integers) -> Integers:
        return half_up(ore * factor * share_n, 100 * FACTOR_SCALE * share_d)

    def full_time(ore: Integers) -> Integers:
        return half_up(ore * factor, 100 * FACTOR_SCALE)

    basisloen, opslag, kval_line = regulated(base), regulated(supplement), regulated(kval)
    lines = basisloen + opslag + kval_line + regulated(afkoeb_ore)
    full = full_time(base) + full_time(supplement) + full_time(kval)
    hundredths = 100 * PERCENT_SCALE  # a percentage in hundredths, of an amount
    extra = np.where(percent, half_up(lines * value, hundredths), 0)
    extra = np.where(hours, half_up(full * value * tables.weeks_per_year, 100 * tables.annual_hours), extra)
    annual = lines + extra
    pensionable = basisloen + opslag + kval_line
    pension = half_up(pensionable * rate, hundredths)
    low = pd.array(np.where(ranged, half_up((pensionable - opslag) * rate, hundredths), 0), dtype="Int64")
    low[~ranged] = pd.NA
    monthly = half_up(annual * 100, 12)
    holiday = half_up(annual * holiday_rate, hundredths)
    result = pd.DataFrame(
        {
            "row": np.arange(2, len(rows) + 2),
            "label": rows["label"],
            "date": rows["date"],
            "trin": trin,
            "posting": posting,
            "annual_pay": annual,
            "monthly_pay": pd.Series(monthly // 100).astype(str)
            + "."
            + pd.Series(monthly % 100).astype(str).str.zfill(2),
            "pension": pension,
            "total": annual + pension,
            "pension_low": low,
            "total_low": low + annual,
            "holiday_pay": holiday,
            "total_compensation": annual + pension + holiday,
            "factor_status": np.array(tables.factors.statuses, dtype=object)[factor_at],
        }
    )
    result[COLUMNS].to_csv(target, index=False)


if __name__ == "__main__":
    main()
