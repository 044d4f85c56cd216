"""Results as pandas DataFrames (``to_frame()``, and ``batch`` of a DataFrame), pandas imported only here and only
when asked for: it is an extra (``pip install "chefloen[pandas]"``), and without it a frame is a one-line error.

A frame is built from the table a result writes as CSV (its ``csv_table()``, the one shape of its rows), each
column typed by what it holds, so a frame's user computes without converting:

- kroner a year (``annual``, ``annual_pay``, ``pension``, ``total``, …): ``Int64``, pandas' nullable integer. Every
  amount the agreement pays a year is whole kroner, so the integers are exact, and ``<NA>`` marks a figure that does
  not apply (a failed batch row, no pension range).
- kroner to øre (``monthly``, ``monthly_pay``, an earnings month's ``pay``, …) and grundbeløb (which may have øre):
  ``float64``. A float holds any amount below 10^13 kr. to within a thousandth of an øre, so shown at two decimals it
  is the exact amount; sums of many of them may differ from the Decimal sum in the last øre. The exact Decimals are
  the result's own attributes and its ``to_data()``.
- factors, percentages and shares: ``float64`` (six decimals of a factor are exact to the sixth when shown).
- dates: ``datetime64[ns]``; a month (``2025-11``) is its first day.
- flags: ``boolean``; text (labels, trin, statuses, warnings, errors): text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from chefloen.errors import InputError, MissingExtraError
from chefloen.plain import CsvTable

if TYPE_CHECKING:
    import pandas

Kind = Literal["kroner", "oere", "rate", "date", "month", "flag", "count", "text"]

# What each column holds, by its name; the names are one for one thing across all results (see README).
KINDS: dict[str, Kind] = {
    **dict.fromkeys(
        ["annual", "annual_pay", "pension", "total", "pension_low", "total_low", "fritvalg", "fritvalgstillaeg",
         "holiday_pay", "total_compensation", "diff_pay", "diff_total", "kvalifikationsloen_annual", "net_annual",
         "diff_net_annual", "level", "result", "check", "amount"],
        "kroner",
    ),
    **dict.fromkeys(
        ["monthly", "monthly_pay", "net_monthly", "diff_net_monthly", "base_amount", "kvalifikationsloen_base_amount",
         "supplement_base_amount"],
        "oere",
    ),
    **dict.fromkeys(["factor", "share", "start_level", "pension_rate"], "rate"),
    **dict.fromkeys(["date", "effective", "level_date", "first_regulation", "last_day"], "date"),
    "month": "month",
    **dict.fromkeys(["pensionable", "level_includes_afkoeb"], "flag"),
    **dict.fromkeys(["row", "loenramme"], "count"),
}  # fmt: skip
# An earnings month pays parts of a month's pay: kroner to øre.
EARNINGS: dict[str, Kind] = dict.fromkeys(
    ["pay", "pension", "total", "pension_low", "total_low", "fritvalg", "holiday_pay", "net"], "oere"
)


def pandas_module(feature: str = "a DataFrame") -> Any:
    """pandas, or a :class:`~chefloen.errors.MissingExtraError` that says how to install it."""
    try:
        import pandas
    except ImportError:
        raise MissingExtraError("pandas", "pandas", feature) from None
    return pandas


def table_frame(table: CsvTable, kinds: Mapping[str, Kind] | None = None, index: Any = None) -> pandas.DataFrame:
    """A result's CSV table as a DataFrame, each column typed by its kind (``kinds``, else :data:`KINDS`, else text).

    >>> table_frame((["key", "annual", "monthly"], [["basisloen", "667552", "55629.33"]])).dtypes.astype(str).tolist()
    ['str', 'Int64', 'float64']
    """
    pd = pandas_module("to_frame()")
    header, rows = table
    chosen = {**KINDS, **(kinds or {})}
    columns = {}
    for position, name in enumerate(header):
        cells = [row[position] for row in rows]
        columns[name] = column(pd, cells, chosen.get(name, "text"), index)
    built: pandas.DataFrame = pd.DataFrame(columns, index=index, columns=list(header))
    return built


def column(pd: Any, cells: list[Any], kind: Kind, index: Any) -> Any:
    """One column of cells (as a CSV table has them: amounts as exact decimal text, dates in ISO form) typed."""
    if kind == "text":  # empty text stays text: a row without warnings has ""; pandas' own text type, even when empty
        texts = [None if cell is None else str(cell) for cell in cells]
        return pd.Series(texts, index=index, dtype=pd.Series([""]).dtype)
    missing = [cell is None or cell == "" for cell in cells]
    if kind in ("kroner", "count"):
        numbers = [None if gone else Decimal(str(cell)) for cell, gone in zip(cells, missing, strict=True)]
        if all(number is None or number == number.to_integral_value() for number in numbers):
            return pd.Series([pd.NA if n is None else int(n) for n in numbers], dtype="Int64", index=index)
        kind = "oere"  # not whole kroner after all: never rounded away
    if kind in ("oere", "rate"):
        floats = [
            float("nan") if gone else float(Decimal(str(cell))) for cell, gone in zip(cells, missing, strict=True)
        ]
        return pd.Series(floats, dtype="float64", index=index)
    if kind in ("date", "month"):
        days = [None if gone else day_of(cell, kind) for cell, gone in zip(cells, missing, strict=True)]
        return pd.Series(days, dtype="datetime64[ns]", index=index)
    if kind == "flag":
        return pd.Series([pd.NA if gone else flag_of(cell) for cell, gone in zip(cells, missing, strict=True)],
                         dtype="boolean", index=index)  # fmt: skip
    raise AssertionError(kind)


def day_of(cell: object, kind: Kind) -> dt.date | None:
    """A date cell's date; None for text that is no ISO date (what a failed batch row's date cell held)."""
    if isinstance(cell, dt.date):
        return cell
    text = str(cell)
    try:
        return dt.date.fromisoformat(f"{text}-01" if kind == "month" else text)
    except ValueError:
        return None


def flag_of(cell: object) -> bool:
    return cell if isinstance(cell, bool) else str(cell).casefold() in ("true", "ja", "1")


def records_frame(records: Iterable[Mapping[str, Any]], kinds: Mapping[str, Kind] | None = None) -> pandas.DataFrame:
    """Records of a JSON contract (each a dict, as ``to_data()`` has its rows) as a DataFrame: one row a record, a
    column a scalar field of the first record."""
    from chefloen.plain import records_table

    return table_frame(records_table([dict(record) for record in records]), kinds)


def frame_rows(rows: object) -> tuple[list[str], Iterator[tuple[Any, ...]], Any]:
    """A DataFrame given to ``chefloen.batch``: its column names as text, its rows (each a tuple of cells in column
    order) and its index."""
    pd = pandas_module("batch of a DataFrame")
    if not isinstance(rows, pd.DataFrame):
        raise InputError(f"batch takes a DataFrame or dicts of batch columns, not a {type(rows).__name__}")
    return [str(name) for name in rows.columns], rows.itertuples(index=False, name=None), rows.index
