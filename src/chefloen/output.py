"""One output path for every result: plain data for JSON, rows for CSV, and dispatch to Rich tables."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from functools import singledispatch
from typing import Any, TextIO

from chefloen import labels
from chefloen.calc import Conversion, StepTable
from chefloen.history import History
from chefloen.model import Breakdown, Factor, IndexSeries, InForce, Notice, PostingList, Source
from chefloen.money import monthly
from chefloen.plans import Comparison, Earnings, Grid, Solution
from chefloen.tax import NetPay, WithNet

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
    raise TypeError(f"no JSON shape for {type(result).__name__}")


@as_data.register
def _(result: Breakdown) -> Data:
    subject = result.subject
    posting = subject.posting
    rate = result.pension_rate
    return {
        "date": result.on.isoformat(),
        "label": subject.label,
        "subject": {
            "kind": subject.kind,
            "trin": subject.step.step,
            "posting": posting.id if posting else None,
            "title": posting.title if posting else None,
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
        "warnings": notices_data(result.notices),
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
            {"name": p.name, "first_regulation": p.first_regulation.isoformat(), "start_level": str(p.start_level)}
            for p in result.periods
        ],
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


def summary(breakdown: Breakdown, reference: Breakdown | None = None) -> Data:
    """The headline figures of a breakdown, with differences to a reference when given."""
    data: Data = {
        "label": breakdown.subject.label,
        "date": breakdown.on.isoformat(),
        "trin": breakdown.subject.step.step,
        "posting": breakdown.subject.posting.id if breakdown.subject.posting else None,
        "factor": str(breakdown.factor.entry.value),
        "factor_status": breakdown.factor.entry.status,
        "annual_pay": amount(breakdown.annual_pay),
        "monthly_pay": amount(monthly(breakdown.annual_pay)),
        "pension": amount(breakdown.pension),
        "total": amount(breakdown.total),
    }
    if reference is not None:
        data["diff_pay"] = amount(breakdown.annual_pay - reference.annual_pay)
        data["diff_total"] = amount(breakdown.total - reference.total)
    return data


@as_data.register
def _(result: Grid) -> Data:
    first = result.breakdowns[0]
    rows = []
    for breakdown, afkoeb in zip(result.breakdowns, result.afkoeb_texts, strict=True):
        kval = next((line for line in breakdown.lines if line.key == "kvalifikationsloen"), None)
        row = summary(breakdown, first)
        row["kvalifikationsloen_base_amount"] = amount(kval.base_amount if kval else Decimal(0))
        row["kvalifikationsloen_annual"] = amount(kval.annual if kval else Decimal(0))
        row["afkoeb"] = afkoeb
        rows.append(row)
    return {"rows": rows, "warnings": notices_data(result.notices)}


def net_summary(net: NetPay | None) -> Data:
    if net is None:
        return {}
    return {"net_annual": amount(net.net_annual), "net_monthly": amount(net.net_monthly)}


@as_data.register
def _(result: Comparison) -> Data:
    first = result.breakdowns[0]
    return {
        "scenarios": [as_data(breakdown) for breakdown in result.breakdowns],
        "summary": [
            summary(breakdown, first) | net_summary(result.nets[position] if result.nets else None)
            for position, breakdown in enumerate(result.breakdowns)
        ],
        "warnings": notices_data(result.notices),
    }


@as_data.register
def _(result: Solution) -> Data:
    return {
        "target": amount(result.target),
        "target_kind": result.target_kind,
        "kvalifikationsloen_base_amount": amount(result.base_amount),
        "kvalifikationsloen_annual": amount(result.annual),
        "reached": amount(result.reached),
        "breakdown": as_data(result.breakdown),
        "warnings": notices_data(result.notices),
    }


@as_data.register
def _(result: Earnings) -> Data:
    return {
        "from": result.start.isoformat(),
        "to": result.end.isoformat(),
        "months": [
            {
                "month": month.first_day.strftime("%Y-%m"),
                "share": str(month.share.quantize(Decimal("0.0001"))),
                "factor": str(month.breakdown.factor.entry.value),
                "factor_status": month.breakdown.factor.entry.status,
                "annual_pay": amount(month.breakdown.annual_pay),
                "pay": amount(month.pay),
                "pension": amount(month.pension),
                "total": amount(month.total),
            }
            for month in result.months
        ],
        "pay": amount(result.pay),
        "pension": amount(result.pension),
        "total": amount(result.total),
        "warnings": notices_data(result.notices),
    }


def net_data(result: NetPay) -> Data:
    warnings = (
        []
        if not result.inferred
        else [{"code": "inferred_tax_rule", "message": labels.warn_tax_inferred(result.inferred)}]
    )
    return {
        "estimate": True,
        "year": result.year,
        "kommune": result.kommune,
        "church": result.church,
        "gross": amount(result.gross),
        "lines": [
            {
                "key": line.key,
                "label": labels.TAX_LABELS[line.key],
                "base": amount(line.base),
                "amount": amount(line.amount),
            }
            for line in result.lines
        ],
        "net_annual": amount(result.net_annual),
        "net_monthly": amount(result.net_monthly),
        "marginal_rate": str(result.marginal_rate),
        "effective_rate": str(result.effective_rate),
        "rates_in": "percent",
        "disclaimer": labels.NET_DISCLAIMER,
        "warnings": warnings,
    }


@as_data.register
def _(result: NetPay) -> Data:
    return net_data(result)


@as_data.register
def _(result: WithNet) -> Data:
    return as_data(result.breakdown) | {"net": net_data(result.net)}


@as_data.register
def _(result: History) -> Data:
    return {
        "history": [summary(breakdown) for breakdown in result.breakdowns],
        "warnings": notices_data(result.notices),
    }


ROW_KEYS: dict[type, str | None] = {
    StepTable: "steps",
    IndexSeries: "factors",
    Conversion: None,
    PostingList: "postings",
    Grid: "rows",
    Comparison: "summary",
    Earnings: "months",
    Solution: None,
    History: "history",
}


Rows = tuple[list[str], list[list[Any]]]


@singledispatch
def as_rows(result: object) -> Rows:
    """The CSV shape of a result: a header and rows (its list of records, flattened)."""
    data = as_data(result)
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
    return header, rows


@as_rows.register
def _(result: WithNet) -> Rows:
    header, rows = as_rows(result.breakdown)
    net = result.net
    label = f"Nettoløn (skøn, {net.kommune} {net.year})"
    rows.append(["net_annual", label, None, amount(net.net_annual), amount(net.net_monthly), None])
    return header, rows


@as_rows.register
def _(result: NetPay) -> Rows:
    data = net_data(result)
    rows: list[list[Any]] = [[line["key"], line["label"], line["base"], line["amount"]] for line in data["lines"]]
    rows += [
        ["net_annual", "Nettoløn pr. år (skøn)", None, data["net_annual"]],
        ["net_monthly", "Nettoløn pr. måned (skøn)", None, data["net_monthly"]],
        ["marginal_rate", "Marginalskat (%)", None, data["marginal_rate"]],
        ["effective_rate", "Gennemsnitsskat (%)", None, data["effective_rate"]],
    ]
    return ["key", "label", "base", "amount"], rows


# Spreadsheets treat cells starting with these as formulas.
_FORMULA = re.compile(r"^[=+\-@\t\r]")
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
    if isinstance(value, str) and _FORMULA.match(value) and not _NUMBER.match(value):
        return "'" + value
    return value


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]], stream: TextIO) -> None:
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
        from chefloen.tables import render

        render(result, stream, width=width)
