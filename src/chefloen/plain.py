"""Plain data for the results' JSON contracts (``to_data()``) and CSV tables: amounts as exact decimal strings,
dates in ISO form, warnings and notes as small objects. It imports nothing of chefloen: the records know their
own shape (model.source_data, model.factor_data, breakdown.summary)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

# What a spreadsheet runs as a formula when a cell starts with it (chefloen.render.sheet guards such text with a
# ``'``, chefloen.batch_cells reads the guard back), unless the cell is a number such as -125.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")
# A JSON object as json.loads would give it back.
Data = dict[str, Any]
# A CSV table: a header and its rows.
CsvTable = tuple[list[str], list[list[Any]]]


class Notice(NamedTuple):
    """A warning or a note attached to a result: a stable code for scripts and a Danish message for people."""

    code: str
    message: str


def amount(value: Decimal | None) -> str | None:
    """Amounts leave the program as exact decimal strings.

    >>> amount(Decimal("66006.00")), amount(None)
    ('66006.00', None)
    """
    return None if value is None else str(value)


def source_columns(source: Data | None) -> Data:
    """A source of a JSON contract as CSV columns: ``source_id``, ``source_title``, ``source_url``."""
    return {} if source is None else {f"source_{key}": value for key, value in source.items()}


def notices_data(notices: Iterable[Notice]) -> list[Data]:
    return [{"code": notice.code, "message": notice.message} for notice in notices]


def records_table(records: Sequence[Data]) -> CsvTable:
    """A list of records as a CSV table: one column per scalar field of the first, one row per record.

    >>> records_table([{"a": "1", "b": [2], "c": None}, {"a": "3", "b": [], "c": "x"}])
    (['a', 'c'], [['1', None], ['3', 'x']])
    """
    if not records:
        return [], []
    header = [column for column, value in records[0].items() if not isinstance(value, dict | list)]
    return header, [[record[column] for column in header] for record in records]
