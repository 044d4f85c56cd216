"""One computed pay breakdown, its lines and warnings, and its JSON and CSV shape.

These are the records a batch creates for every row, so they are NamedTuples (see model.py).
"""

# No `from __future__ import annotations`: NamedTuple would turn every field's annotation string
# into a ForwardRef and compile it at import.
import datetime as dt
from decimal import Decimal
from typing import Literal, NamedTuple

from chefloen import labels
from chefloen.model import Factor, InForce, PensionRate, Posting, Step, factor_data, source_data
from chefloen.money import monthly
from chefloen.plain import CsvTable, Data, Notice, amount, notices_data

LineKey = Literal[
    "basisloen", "opslagstillaeg", "kvalifikationsloen", "funktionsloen", "tillaeg", "afkoeb", "engangsvederlag"
]
Rule = Literal["regulated", "afkoeb_percent", "afkoeb_hours", "one_off"]
# How a line's amount was computed: a rule (see labels.RULES) and the inputs it was computed from.
How = tuple[Rule, tuple[Decimal, ...]]


class Line(NamedTuple):
    """One pay component: its grundbeløb (if regulated), annual amount, whether it is pensionable, and
    ``how`` it was computed: a rule name and its inputs, put into words by ``rule`` when shown."""

    key: LineKey
    label: str
    base_amount: Decimal | None
    annual: Decimal
    pensionable: bool
    how: How

    @property
    def rule(self) -> str:
        return labels.rule_text(*self.how)

    @property
    def monthly(self) -> Decimal:
        return monthly(self.annual)


class Subject(NamedTuple):
    """What a breakdown is about: a trin or a posting."""

    kind: Literal["trin", "posting"]
    step: Step
    posting: Posting | None = None
    label: str = ""


class Breakdown(NamedTuple):
    """A computed pay breakdown at one date; pay totals are sums of the rounded lines."""

    on: dt.date
    subject: Subject
    factor: InForce[Factor]
    fraction: Decimal
    lines: tuple[Line, ...]
    annual_pay: Decimal
    pensionable_pay: Decimal
    pension_rate: PensionRate
    pension_overridden: bool
    pension: Decimal
    notices: tuple[Notice, ...] = ()
    pension_low: Decimal | None = None
    # A posting's level (basisløn and opslagstillæg at full time) at this date: its published level re-indexed.
    posting_level: Decimal | None = None
    # How amounts given in kroner or at the 31.3.2000 level became grundbeløb (see calc.resolved).
    conversions: tuple[Notice, ...] = ()

    @property
    def taxable_pay(self) -> Decimal:
        """The pay that is taxed: the lines (pension, which the employer pays, is not pay)."""
        return self.annual_pay

    @property
    def total(self) -> Decimal:
        return self.annual_pay + self.pension

    @property
    def total_low(self) -> Decimal | None:
        """The total at the low end of the pension range, when the pension is a range."""
        return None if self.pension_low is None else self.annual_pay + self.pension_low

    @property
    def notes(self) -> tuple[Notice, ...]:
        """What a reader of a posting's breakdown should know about how it was modelled (not warnings)."""
        posting = self.subject.posting
        if posting is None:
            return self.conversions
        notes = [
            Notice("posting_modelled_as", labels.note_modelled_as(posting.trin_as_posted, posting.step)),
            Notice(
                "posting_difference_derived",
                labels.note_difference_derived(posting.level, posting.level_date, posting.step),
            ),
        ]
        if posting.status == "user":
            notes.append(Notice("user_posting", labels.note_user_posting(posting.source.title)))
        if self.posting_level is not None and self.on != posting.level_date:
            notes.append(
                Notice(
                    "posting_level_at_date",
                    labels.note_level_at_date(posting.level, posting.level_date, self.posting_level, self.on),
                )
            )
        return (*notes, *self.conversions)

    def monthly_figure(self, key: str) -> Decimal:
        """A total a month, as a payslip has it: pay and pension each annual / 12 to øre, and a total the sum of
        those two, so the parts always add up (``chefloen earnings`` pays a full month the same)."""
        pay = monthly(self.annual_pay)
        if key == "annual_pay":
            return pay
        pension = self.pension_low if key.endswith("_low") else self.pension
        assert pension is not None, key
        return monthly(pension) + (pay if key.startswith("total") else 0)

    def to_data(self) -> Data:
        """The JSON contract of a breakdown (``chefloen quote --format json``)."""
        subject = self.subject
        posting = subject.posting
        rate = self.pension_rate
        return {
            "date": self.on.isoformat(),
            "label": subject.label,
            "subject": {
                "kind": subject.kind,
                "trin": subject.step.step,
                "trin_as_posted": posting.trin_as_posted if posting else None,
                "posting": posting.id if posting else None,
                "title": posting.title if posting else None,
                "posting_status": posting.status if posting else None,
                "posting_source": source_data(posting.source) if posting else None,
                "posting_level": amount(posting.level) if posting else None,
                "posting_level_date": posting.level_date.isoformat() if posting else None,
                "posting_level_at_date": amount(self.posting_level),
            },
            "index": factor_data(self.factor),
            "employment_fraction": format(self.fraction, "f"),
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
                for line in self.lines
            ],
            "annual_pay": amount(self.annual_pay),
            "monthly_pay": amount(monthly(self.annual_pay)),
            "pensionable_pay": amount(self.pensionable_pay),
            "pension_rate": str(rate.percent),
            "pension_rate_status": "user" if self.pension_overridden else rate.status,
            "pension": amount(self.pension),
            "pension_monthly": amount(monthly(self.pension)),
            "pension_low": amount(self.pension_low),
            "total": amount(self.total),
            "total_monthly": amount(self.monthly_figure("total")),
            "total_low": amount(self.total_low),
            "warnings": notices_data(self.notices),
            "notes": notices_data(self.notes),
        }

    def csv_table(self) -> CsvTable:
        """The lines, then the totals, as CSV rows (``--format csv``)."""
        header = ["key", "label", "base_amount", "annual", "monthly", "pensionable"]
        rows: list[list[object]] = [
            [
                line.key,
                line.label,
                amount(line.base_amount),
                amount(line.annual),
                amount(line.monthly),
                line.pensionable,
            ]
            for line in self.lines
        ]
        rate = labels.percent(self.pension_rate.percent)
        totals = [
            ("annual_pay", "Løn i alt", self.annual_pay),
            ("pension", f"Pension ({rate})", self.pension),
            ("total", "Løn og pension i alt", self.total),
        ]
        if self.pension_low is not None and self.total_low is not None:
            low = f"({labels.PENSION_LOW})"
            totals += [
                ("pension_low", f"Pension ({rate}) {low}", self.pension_low),
                ("total_low", f"Løn og pension i alt {low}", self.total_low),
            ]
        rows += [
            [key, label, None, amount(value), amount(self.monthly_figure(key)), None] for key, label, value in totals
        ]
        posting = self.subject.posting
        if posting is not None and self.posting_level is not None:
            # Beside the pay, not part of it: the published level, and that level at this date.
            levels = [
                ("posting_level", f"Opslagsniveau pr. {labels.date(posting.level_date)}", posting.level),
                ("posting_level_at_date", f"Opslagsniveau reguleret til {labels.date(self.on)}", self.posting_level),
            ]
            rows += [[key, label, None, amount(value), amount(monthly(value)), None] for key, label, value in levels]
        return header, rows


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
