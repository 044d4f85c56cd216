"""Batch runs: one result per scenario row, in order; a bad row gives its error and the run goes on.

The rows come from chefloen.batch_input (files) or from the library (dicts); chefloen.render.files writes
the results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from chefloen.breakdown import Breakdown
from chefloen.calc import compute
from chefloen.errors import ChefloenError, InputError
from chefloen.model import Scales
from chefloen.money import monthly
from chefloen.plain import Data, notices_data
from chefloen.scenario_text import scenario_from_row

Row = Mapping[str, str | None]
Result = list[Any]  # one value per RESULT_COLUMNS: see BatchRow
RESULT_COLUMNS = (
    "row",
    "label",
    "date",
    "trin",
    "trin_as_posted",
    "posting",
    "annual_pay",
    "monthly_pay",
    "pension",
    "total",
    "pension_low",
    "total_low",
    "factor_status",
    "warnings",
    "error",
)
# A row that fails by a fault of chefloen's, not of the row: the generated tests look for this text.
INTERNAL_ERROR = "chefloen could not compute this row; please report it"
WARNINGS_AT = RESULT_COLUMNS.index("warnings")


def result(number: int, breakdown: Breakdown) -> Result:
    """A computed row's result, in RESULT_COLUMNS order."""
    subject = breakdown.subject
    posting = subject.posting
    low = breakdown.pension_low
    return [
        number,
        subject.label,
        breakdown.on,
        subject.step.step,
        posting.trin_as_posted if posting else None,
        posting.id if posting else None,
        breakdown.annual_pay,
        monthly(breakdown.annual_pay),
        breakdown.pension,
        breakdown.total,
        low,
        None if low is None else breakdown.annual_pay + low,
        breakdown.factor.entry.status,
        breakdown.notices,
        None,
    ]


def failure(number: int, row: Row | None, error: str) -> Result:
    """A failed row's result: what identifies the row, as the user wrote it, and the error."""
    row = row or {}
    return [
        number,
        row.get("label"),
        row.get("date"),
        row.get("trin"),
        None,
        row.get("posting"),
        *[None] * 7,
        (),
        error,
    ]


class BatchRow(NamedTuple):
    """One row's result: its values in RESULT_COLUMNS order; a failed row has its error and what identifies it.

    The values are typed (the row an int, the date a date, amounts Decimals, warnings Notices), so each
    output writes them its own way. A batch creates one for every row, so it is a NamedTuple (see model.py)."""

    number: int
    values: Result
    error: str | None = None

    def to_data(self) -> Data:
        """The JSON contract of one batch row (an item of ``--format json``, a line of ``--format jsonl``)."""
        data: Data = dict(zip(RESULT_COLUMNS, self.cells(), strict=True))
        data["row"] = self.number
        data["warnings"] = notices_data(self.values[WARNINGS_AT])
        return data

    def plain(self) -> list[Any]:
        """The values as a spreadsheet takes them: still typed, with the warnings as their codes."""
        values = list(self.values)
        values[WARNINGS_AT] = " ".join(notice.code for notice in values[WARNINGS_AT])
        return values

    def cells(self) -> list[str | None]:
        """The values as CSV text: amounts as exact decimals, the date in ISO form, warnings as their codes."""
        return [None if value is None else str(value) for value in self.plain()]


def results(
    rows: Iterable[tuple[int, Row | InputError]], scales: Scales, *, default_date: dt.date | None = None
) -> Iterator[BatchRow]:
    """Compute every row; a bad row gives its error as a result, and the run goes on."""
    for number, row in rows:
        try:
            if isinstance(row, InputError):
                raise row
            breakdown = compute(scenario_from_row(row, default_date), scales)
        except ChefloenError as exc:
            error = str(exc)
        except Exception as exc:  # a fault of ours must not cost the user every later row
            error = f"{INTERNAL_ERROR} ({type(exc).__name__})"
        else:
            yield BatchRow(number, result(number, breakdown))
            continue
        yield BatchRow(number, failure(number, None if isinstance(row, InputError) else row, error), error)
