"""JSON and CSV shapes of the multi-breakdown, history and tax results, loaded only when one is shown."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from chefloen import labels
from chefloen.model import Breakdown
from chefloen.money import monthly
from chefloen.plans import Comparison, Earnings, Grid, History, Solution
from chefloen.render import ROW_KEYS, Data, Rows, amount, as_data, as_rows, notices_data
from chefloen.tax import NetPay, WithNet

ROW_KEYS.update({Grid: "rows", Comparison: "summary", Earnings: "months", Solution: None, History: "history"})


def summary(breakdown: Breakdown, reference: Breakdown | None = None) -> Data:
    """The headline figures of a breakdown, with differences to a reference when given."""
    data: Data = {
        "label": breakdown.subject.label,
        "date": breakdown.on.isoformat(),
        "trin": breakdown.subject.step.step,
        "trin_as_posted": breakdown.subject.posting.trin_as_posted if breakdown.subject.posting else None,
        "posting": breakdown.subject.posting.id if breakdown.subject.posting else None,
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
                "pension_low": amount(month.pension_low),
                "total_low": amount(month.total_low),
            }
            for month in result.months
        ],
        "pay": amount(result.pay),
        "pension": amount(result.pension),
        "total": amount(result.total),
        "pension_low": amount(result.pension_low),
        "total_low": amount(result.total_low),
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
