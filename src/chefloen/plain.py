"""Plain data for the results' JSON contracts (``to_data()``) and CSV tables: amounts as exact decimal strings,
dates in ISO form, sources and warnings as small objects."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from chefloen.money import monthly

if TYPE_CHECKING:
    from chefloen.breakdown import Breakdown, Notice
    from chefloen.model import Factor, InForce, Source

# A JSON object as json.loads would give it back.
Data = dict[str, Any]
# A CSV table: a header and its rows.
CsvTable = tuple[list[str], list[list[Any]]]


def amount(value: Decimal | None) -> str | None:
    """Amounts leave the program as exact decimal strings.

    >>> amount(Decimal("66006.00")), amount(None)
    ('66006.00', None)
    """
    return None if value is None else str(value)


def source_data(source: Source | None) -> Data | None:
    return None if source is None else {"id": source.id, "title": source.title, "url": source.url}


def source_columns(source: Data | None) -> Data:
    """A source of a JSON contract as CSV columns: ``source_id``, ``source_title``, ``source_url``."""
    return {} if source is None else {f"source_{key}": value for key, value in source.items()}


def notices_data(notices: Iterable[Notice]) -> list[Data]:
    return [{"code": notice.code, "message": notice.message} for notice in notices]


def factor_data(lookup: InForce[Factor]) -> Data:
    """The factor a result rests on, and whether its date lies past the last regulation."""
    factor = lookup.entry
    return {
        "effective": factor.effective.isoformat(),
        "factor": str(factor.value),
        "status": factor.status,
        "basis": factor.basis,
        "source": source_data(factor.source),
        "after_last_regulation": lookup.after_last,
    }


def summary(breakdown: Breakdown, reference: Breakdown | None = None) -> Data:
    """The headline figures of a breakdown, with differences to a reference when given."""
    posting = breakdown.subject.posting
    data: Data = {
        "label": breakdown.subject.label,
        "date": breakdown.on.isoformat(),
        "trin": breakdown.subject.step.step,
        "trin_as_posted": posting.trin_as_posted if posting else None,
        "posting": posting.id if posting else None,
        "factor": str(breakdown.factor.entry.value),
        "factor_status": breakdown.factor.entry.status,
        "annual_pay": amount(breakdown.annual_pay),
        "monthly_pay": amount(monthly(breakdown.annual_pay)),
        "pension": amount(breakdown.pension),
        "total": amount(breakdown.total),
        "pension_low": amount(breakdown.pension_low),
        "total_low": amount(breakdown.total_low),
    }
    if reference is not None:
        data["diff_pay"] = amount(breakdown.annual_pay - reference.annual_pay)
        data["diff_total"] = amount(breakdown.total - reference.total)
    return data


def records_table(records: Sequence[Data]) -> CsvTable:
    """A list of records as a CSV table: one column per scalar field of the first, one row per record.

    >>> records_table([{"a": "1", "b": [2], "c": None}, {"a": "3", "b": [], "c": "x"}])
    (['a', 'c'], [['1', None], ['3', 'x']])
    """
    if not records:
        return [], []
    header = [column for column, value in records[0].items() if not isinstance(value, dict | list)]
    return header, [[record[column] for column in header] for record in records]
