"""A reference for `chefloen batch`: the same rules over the benchmark's columns (see scales_tables.py), as polars
expressions in 64-bit integers, CSV to CSV. Not part of chefloen: a yardstick of what a columnar engine does.

Usage: python benchmarks/references/polars_batch.py ROWS.csv RESULTS.csv SCALES_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
from scales_tables import CHEF_GROUP, COLUMNS, FACTOR_SCALE, PERCENT_SCALE, Dated, load


def half_up(numerator: pl.Expr, denominator: pl.Expr | int) -> pl.Expr:
    """``numerator / denominator`` rounded to a whole number, a half up (both >= 0), as chefloen rounds."""
    return (2 * numerator + denominator) // (2 * denominator)


def decimal(text: pl.Expr, places: int) -> pl.Expr:
    """A decimal written with a point (``12.5``) × 10^places, exactly."""
    parts = text.str.split_exact(".", 1)
    whole = parts.struct.field("field_0").cast(pl.Int64, strict=False).fill_null(0)
    fraction = parts.struct.field("field_1").fill_null("").str.pad_end(places, "0").cast(pl.Int64, strict=False)
    unit: int = 10**places
    return whole * unit + fraction.fill_null(0)


def in_force(series: Dated, dates: pl.Series) -> pl.Series:
    """Each date's entry of ``series``: the one with the latest effective date on or before it."""
    positions = pl.Series(series.effective, dtype=pl.Date).search_sorted(dates, side="right").cast(pl.Int64) - 1
    if (positions < 0).any():
        raise SystemExit("a date lies before the first entry of the tables")
    return pl.Series(series.values, dtype=pl.Int64).gather(positions)


def main() -> None:
    source, target, scales = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    tables = load(scales)
    rows = pl.read_csv(source, infer_schema=False).with_columns(pl.all().fill_null(""))
    dates = rows["date"].str.to_date("%Y-%m-%d")
    positions = pl.Series(tables.factors.effective, dtype=pl.Date).search_sorted(dates, side="right") - 1
    postings = tables.postings
    group = rows["posting"].replace_strict({k: p.group for k, p in postings.items()}, default=CHEF_GROUP)
    rate = pl.Series([0] * len(rows), dtype=pl.Int64)
    for name, series in tables.pension.items():
        if (group == name).any():
            rate = pl.select(pl.when(group == name).then(in_force(series, dates)).otherwise(rate)).to_series()
    frame = rows.with_columns(
        factor=pl.Series(tables.factors.values, dtype=pl.Int64).gather(positions),
        factor_status=pl.Series(tables.factors.statuses).gather(positions),
        rate=rate,
        holiday_rate=in_force(tables.holiday, dates),
        date=dates,
        trin=pl.when(pl.col("posting") != "")
        .then(pl.col("posting").replace_strict({k: p.step for k, p in postings.items()}, default=""))
        .otherwise(pl.col("trin")),
    )
    afkoeb, deltid = pl.col("afkoeb"), pl.col("deltid")
    kind = (
        pl.when(afkoeb == "")
        .then(pl.lit("none"))
        .when(afkoeb.str.ends_with("%"))
        .then(pl.lit("percent"))
        .when(afkoeb.str.ends_with("t"))
        .then(pl.lit("hours"))
        .otherwise(pl.lit("amount"))
    )
    amount = afkoeb.str.replace_all(".", "", literal=True).cast(pl.Int64, strict=False).fill_null(0) * 100
    kval = pl.col("kvalifikationsloen").str.replace_all(".", "", literal=True)
    frame = frame.with_columns(
        base=pl.col("trin").replace_strict(tables.steps_ore, return_dtype=pl.Int64),
        supplement=pl.col("posting").replace_strict(
            {k: p.supplement_ore for k, p in postings.items()}, default=0, return_dtype=pl.Int64
        ),
        ranged=pl.col("posting").replace_strict({k: p.ranged for k, p in postings.items()}, default=False),
        kval=pl.when(kval == "").then(0).otherwise(kval.cast(pl.Int64)) * 100,
        kind=kind,
        afkoeb_ore=pl.when(kind == "amount").then(amount).otherwise(0),
        afkoeb_value=pl.when(kind.is_in(["percent", "hours"]))
        .then(decimal(afkoeb.str.slice(0, afkoeb.str.len_chars() - 1), 2))
        .otherwise(0),
        share_n=pl.when(deltid == "")
        .then(1)
        .when(deltid.str.ends_with("t"))
        .then(decimal(deltid.str.slice(0, deltid.str.len_chars() - 1), 2))
        .otherwise(decimal(deltid, 2)),
        share_d=pl.when(deltid == "")
        .then(1)
        .when(deltid.str.ends_with("t"))
        .then(100 * tables.weekly_hours)
        .otherwise(100)
        .cast(pl.Int64),
    )
    factor, share_n, share_d = pl.col("factor"), pl.col("share_n"), pl.col("share_d")

    def regulated(ore: pl.Expr) -> pl.Expr:
        return half_up(ore * factor * share_n, 100 * FACTOR_SCALE * share_d)

    def full_time(ore: pl.Expr) -> pl.Expr:
        return half_up(ore * factor, 100 * FACTOR_SCALE)

    frame = frame.with_columns(
        basisloen=regulated(pl.col("base")),
        opslag=regulated(pl.col("supplement")),
        kval_line=regulated(pl.col("kval")),
        afkoeb_line=regulated(pl.col("afkoeb_ore")),
        full=full_time(pl.col("base")) + full_time(pl.col("supplement")) + full_time(pl.col("kval")),
    )
    lines = pl.col("basisloen") + pl.col("opslag") + pl.col("kval_line") + pl.col("afkoeb_line")
    hundredths = 100 * PERCENT_SCALE  # a percentage in hundredths, of an amount
    extra = (
        pl.when(pl.col("kind") == "percent")
        .then(half_up(lines * pl.col("afkoeb_value"), hundredths))
        .when(pl.col("kind") == "hours")
        .then(
            half_up(
                pl.col("full") * pl.col("afkoeb_value") * tables.weeks_per_year, PERCENT_SCALE * tables.annual_hours
            )
        )
        .otherwise(0)
    )
    frame = frame.with_columns(
        annual_pay=lines + extra,
        pensionable=pl.col("basisloen") + pl.col("opslag") + pl.col("kval_line"),
    )
    pension = half_up(pl.col("pensionable") * pl.col("rate"), hundredths)
    low = pl.when(pl.col("ranged")).then(
        half_up((pl.col("pensionable") - pl.col("opslag")) * pl.col("rate"), hundredths)
    )
    monthly = half_up(pl.col("annual_pay") * 100, 12)
    frame = frame.with_columns(
        row=pl.int_range(2, len(rows) + 2),
        monthly_pay=(monthly // 100).cast(pl.String) + "." + (monthly % 100).cast(pl.String).str.zfill(2),
        pension=pension,
        total=pl.col("annual_pay") + pension,
        pension_low=low,
        total_low=pl.col("annual_pay") + low,
        holiday_pay=half_up(pl.col("annual_pay") * pl.col("holiday_rate"), hundredths),
    ).with_columns(total_compensation=pl.col("total") + pl.col("holiday_pay"))
    frame.select(COLUMNS).with_columns(pl.col("posting").replace("", None)).write_csv(target)


if __name__ == "__main__":
    main()
