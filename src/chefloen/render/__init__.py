"""One output path for every result: plain data for JSON, rows for CSV, and dispatch to Rich tables."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from functools import singledispatch
from typing import Any, TextIO

from chefloen import labels
from chefloen.calc import Conversion, StepTable
from chefloen.model import Breakdown, Factor, IndexSeries, InForce, Notice, PostingList, Source
from chefloen.money import monthly

Data = dict[str, Any]


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def amount(value: Decimal | None) -> str | None:
    """Amounts leave the program as exact decimal strings."""
    return None if value is None else str(value)


def source_data(source: Source | None) -> Data | None:
    return None if source is None else {"id": source.id, "title": source.title, "url": source.url}


def notices_data(notices: Iterable[Notice]) -> list[Data]:
    return [{"code": notice.code, "message": notice.message} for notice in notices]


def factor_data(lookup: InForce[Factor]) -> Data:
    factor = lookup.entry
    return {
        "effective": factor.effective.isoformat(),
        "factor": str(factor.value),
        "status": factor.status,
        "basis": factor.basis,
        "source": source_data(factor.source),
        "after_last_regulation": lookup.after_last,
    }


@singledispatch
def as_data(result: object) -> Data:
    """The JSON shape of a result."""
    if load_extra():
        return as_data(result)
    raise TypeError(f"no JSON shape for {type(result).__name__}")


_extra_loaded: list[bool] = []


def load_extra() -> bool:
    """Register the shapes of the multi-breakdown and tax results on first need; True if that was new."""
    if _extra_loaded:
        return False
    _extra_loaded.append(True)
    import chefloen.render.extra  # noqa: F401  (registers on import)

    return True


@as_data.register
def _(result: Breakdown) -> Data:
    from chefloen.calc import notes_of

    subject = result.subject
    posting = subject.posting
    rate = result.pension_rate
    return {
        "date": result.on.isoformat(),
        "label": subject.label,
        "subject": {
            "kind": subject.kind,
            "trin": subject.step.step,
            "trin_as_posted": posting.trin_as_posted if posting else None,
            "posting": posting.id if posting else None,
            "title": posting.title if posting else None,
            "posting_status": posting.status if posting else None,
            "posting_source": source_data(posting.source) if posting else None,
        },
        "index": factor_data(result.factor),
        "employment_fraction": str(result.fraction),
        "lines": [
            {
                "key": line.key,
                "label": line.label,
                "base_amount": amount(line.base_amount),
                "annual": amount(line.annual),
                "monthly": amount(line.monthly),
                "pensionable": line.pensionable,
                "rule": line.rule,
            }
            for line in result.lines
        ],
        "annual_pay": amount(result.annual_pay),
        "monthly_pay": amount(monthly(result.annual_pay)),
        "pensionable_pay": amount(result.pensionable_pay),
        "pension_rate": str(rate.percent),
        "pension_rate_status": "user" if result.pension_overridden else rate.status,
        "pension": amount(result.pension),
        "pension_monthly": amount(monthly(result.pension)),
        "pension_low": amount(result.pension_low),
        "total": amount(result.total),
        "total_monthly": amount(monthly(result.total)),
        "total_low": amount(result.total_low),
        "warnings": notices_data(result.notices),
        "notes": notices_data(notes_of(result)),
    }


@as_data.register
def _(result: StepTable) -> Data:
    return {
        "date": result.on.isoformat(),
        "index": factor_data(result.factor),
        "steps": [
            {
                "trin": row.step,
                "loenramme": row.loenramme,
                "base_amount": amount(row.base_amount),
                "annual": amount(row.annual),
                "monthly": amount(monthly(row.annual)),
            }
            for row in result.rows
        ],
        "warnings": notices_data(result.notices),
    }


@as_data.register
def _(result: IndexSeries) -> Data:
    return {
        "factors": [
            {
                "effective": factor.effective.isoformat(),
                "factor": str(factor.value),
                "status": factor.status,
                "basis": factor.basis,
                "source": source_data(factor.source),
            }
            for factor in result.factors
        ],
        "periods": [
            {
                "name": p.name,
                "first_regulation": p.first_regulation.isoformat(),
                "last_day": p.last_day.isoformat() if p.last_day else None,
                "start_level": str(p.start_level),
            }
            for p in result.periods
        ],
        "last_regulation": result.last.effective.isoformat(),
        "upcoming": None
        if result.upcoming is None
        else {
            "date": result.upcoming.date.isoformat(),
            "basis": result.upcoming.basis,
            "source": source_data(result.upcoming.source),
        },
    }


@as_data.register
def _(result: Conversion) -> Data:
    return {
        "date": result.on.isoformat(),
        "to": result.direction,
        "amount": amount(result.amount),
        "result": amount(result.result),
        "check": amount(result.check),
        "index": factor_data(result.factor),
        "warnings": notices_data(result.notices),
    }


@as_data.register
def _(result: PostingList) -> Data:
    return {
        "postings": [
            {
                "id": p.id,
                "title": p.title,
                "employer": p.employer,
                "location": p.location,
                "trin_as_posted": p.trin_as_posted,
                "trin": p.step,
                "level": amount(p.level),
                "level_date": p.level_date.isoformat(),
                "supplement_base_amount": amount(p.supplement_base_amount),
                "pension_group": p.pension_group,
                "level_includes_afkoeb": p.level_includes_afkoeb,
                "wording": p.wording,
                "note": p.note,
                "status": p.status,
                "source": source_data(p.source),
            }
            for p in result.postings
        ]
    }


ROW_KEYS: dict[type, str | None] = {
    StepTable: "steps",
    IndexSeries: "factors",
    Conversion: None,
    PostingList: "postings",
}


Rows = tuple[list[str], list[list[Any]]]


@singledispatch
def as_rows(result: object) -> Rows:
    """The CSV shape of a result: a header and rows (its list of records, flattened)."""
    data = as_data(result)  # also registers the extra result types
    handler = as_rows.dispatch(type(result))
    if handler is not as_rows.registry[object]:  # registered by output_extra just now
        return handler(result)
    key = ROW_KEYS[type(result)]
    records = [data] if key is None else data[key]
    header = [column for column, value in records[0].items() if not isinstance(value, (dict, list))]
    return header, [[record[column] for column in header] for record in records]


@as_rows.register
def _(result: Breakdown) -> Rows:
    data = as_data(result)
    header = ["key", "label", "base_amount", "annual", "monthly", "pensionable"]
    rows: list[list[Any]] = [[line[column] for column in header] for line in data["lines"]]
    rate = labels.percent(result.pension_rate.percent)
    rows.append(["annual_pay", "Løn i alt", None, data["annual_pay"], data["monthly_pay"], None])
    rows.append(["pension", f"Pension ({rate})", None, data["pension"], data["pension_monthly"], None])
    rows.append(["total", "Løn og pension i alt", None, data["total"], data["total_monthly"], None])
    if result.pension_low is not None and result.total_low is not None:
        low = f"({labels.PENSION_LOW})"
        rows.append(
            [
                "pension_low",
                f"Pension ({rate}) {low}",
                None,
                data["pension_low"],
                amount(monthly(result.pension_low)),
                None,
            ]
        )
        rows.append(
            [
                "total_low",
                f"Løn og pension i alt {low}",
                None,
                data["total_low"],
                amount(monthly(result.total_low)),
                None,
            ]
        )
    return header, rows


# Spreadsheets treat cells starting with these as formulas.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def safe_cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula.

    >>> safe_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> safe_cell("-125")
    '-125'
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return safe_text(value)
    return value


def safe_text(value: str | None) -> str | None:
    """Text that a spreadsheet will not run as a formula: ``'`` before a leading ``=``, ``+``, ``-``, ``@``, …"""
    if value and value[0] in _FORMULA_STARTS and not _NUMBER.match(value):
        return "'" + value
    return value


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]], stream: TextIO) -> None:
    import csv

    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)


def emit(result: object, fmt: Format, stream: TextIO, *, width: int | None = None) -> None:
    """Write ``result`` to ``stream`` as a Rich table, JSON or CSV."""
    if fmt is Format.json:
        stream.write(json.dumps(as_data(result), ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.csv:
        write_csv(*as_rows(result), stream)
    else:
        from chefloen.render.table import render

        render(result, stream, width=width)
