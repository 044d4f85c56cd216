"""One computed pay breakdown, its lines and warnings, and its JSON and CSV shape.

These are the records a batch creates for every row, so they are NamedTuples (see model.py).
"""

# No `from __future__ import annotations`: NamedTuple would turn every field's annotation string
# into a ForwardRef and compile it at import.
import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple

from chefloen import labels
from chefloen.errors import InputError
from chefloen.model import Factor, HolidayRate, InForce, PensionRate, Posting, Step, factor_data, source_data
from chefloen.money import monthly
from chefloen.plain import CsvTable, Data, Notice, amount, notices_data

if TYPE_CHECKING:
    import pandas

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


class Taken(NamedTuple):
    """Pension taken as pay (fritvalg): points of the pension rate above a floor, and the fritvalgstillæg they
    make, the pension given up (and its low end when the pension is a range)."""

    points: Decimal
    floor: Decimal
    floor_overridden: bool
    annual: int
    annual_low: int | None


class Subject(NamedTuple):
    """What a breakdown is about: a trin or a posting."""

    kind: Literal["trin", "posting"]
    step: Step
    posting: Posting | None = None
    label: str = ""


# The totals a month that monthly_figure gives (each also with _low, at the low end of a pension range).
MONTHLY_KEYS = ("annual_pay", "fritvalg", "taxable_pay", "pension", "total", "holiday", "total_compensation")


class Breakdown(NamedTuple):
    """A computed pay breakdown at one date (``date``); pay totals are sums of the rounded lines.

    Figures are ``Decimal`` kroner: a year, whole kroner (``annual_pay``, ``pension``, ``total``,
    ``taxable_pay``, ``holiday``, ``total_compensation``, each line's ``annual``), and a month to øre, as a payslip
    has them (``monthly_pay``, ``monthly_pension``, ``monthly_total``, …: each part annual / 12, a total the sum
    of its parts' months). A line's ``base_amount`` is its grundbeløb a year at the 31.3.2018 level, which the
    ``factor`` in force on the date turns into kroner. ``warnings`` say what a reader must know about the figures;
    ``to_data()`` is the CLI's JSON, ``to_frame()`` the lines as a pandas DataFrame.
    """

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
    fritvalg: Taken | None = None
    # The særlig feriegodtgørelse a year of this pay earns (paid the year after), at the rate of the date.
    holiday_rate: HolidayRate | None = None
    holiday: Decimal = Decimal(0)
    holiday_low: Decimal | None = None  # at the low end of a pension range, when fritvalg makes it differ
    holiday_assumption: str = ""  # that chefs receive it: an assumption, said with the figure
    floor_source: str | None = None  # the title of the fritvalg floor's source

    def annual_of(self, key: LineKey) -> Decimal:
        """The annual amount of the lines of one kind (kroner a year; 0 when there is none)."""
        return sum((line.annual for line in self.lines if line.key == key), Decimal(0))

    @property
    def fritvalg_annual(self) -> Decimal:
        return Decimal(self.fritvalg.annual if self.fritvalg else 0)

    @property
    def fritvalg_low(self) -> Decimal | None:
        taken = self.fritvalg
        return None if taken is None or taken.annual_low is None else Decimal(taken.annual_low)

    @property
    def kept_rate(self) -> Decimal:
        """The pension rate that goes to pension: the rate less any points taken as pay."""
        return self.pension_rate.percent - (self.fritvalg.points if self.fritvalg else 0)

    @property
    def taxable_pay(self) -> Decimal:
        """The pay that is taxed: the lines and any fritvalgstillæg (pension, which the employer pays, is not)."""
        return self.annual_pay + self.fritvalg_annual

    @property
    def total(self) -> Decimal:
        """Pay and pension: with fritvalg, the pension given up is here as pay, so the total stays the same."""
        return self.taxable_pay + self.pension

    @property
    def total_low(self) -> Decimal | None:
        """The total at the low end of the pension range, when the pension is a range."""
        if self.pension_low is None:
            return None
        low = self.fritvalg_low
        return self.annual_pay + (self.fritvalg_annual if low is None else low) + self.pension_low

    @property
    def total_compensation(self) -> Decimal:
        """Samlet aflønning: pay, fritvalgstillæg, pension and særlig feriegodtgørelse."""
        return self.total + self.holiday

    @property
    def total_compensation_low(self) -> Decimal | None:
        low = self.total_low
        return None if low is None else low + (self.holiday if self.holiday_low is None else self.holiday_low)

    @property
    def notes(self) -> tuple[Notice, ...]:
        """What a reader of a posting's breakdown should know about how it was modelled (not warnings)."""
        notes = self.posting_notes()
        taken = self.fritvalg
        if taken is not None:
            floor = None if taken.floor_overridden else self.floor_source
            notes.append(Notice("fritvalg", labels.note_fritvalg(taken.points, taken.floor, floor)))
        rate = self.holiday_rate
        if rate is not None:
            notes.append(Notice("holiday_pay", labels.note_holiday(rate.percent, rate.status, self.holiday_assumption)))
        return (*notes, *self.conversions)

    def posting_notes(self) -> list[Notice]:
        posting = self.subject.posting
        if posting is None:
            return []
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
        return notes

    def monthly_figure(self, key: str) -> Decimal:
        """A total a month, as a payslip has it: each part annual / 12 to øre, and a total the sum of its parts'
        months, so the parts always add up (``chefloen earnings`` pays a full month the same). ``key`` names the
        total (one of MONTHLY_KEYS, ``_low`` for the low end of a pension range); the ``monthly_*`` properties
        give each."""
        if not isinstance(key, str) or key.removesuffix("_low") not in MONTHLY_KEYS:
            shown = repr(key) if isinstance(key, str) else f"a {type(key).__name__}"
            raise InputError(
                f"monthly_figure takes the name of a total, not {shown[:60]}; one of {', '.join(MONTHLY_KEYS)}"
            )
        low = key.endswith("_low")
        if low and self.pension_low is None:
            raise InputError(f"{key}: this breakdown's pension is no range, so it has no low end; use {key[:-4]}")
        pay = monthly(self.annual_pay)
        fritvalg = monthly(self.fritvalg_low if low and self.fritvalg_low is not None else self.fritvalg_annual)
        holiday = monthly(self.holiday_low if low and self.holiday_low is not None else self.holiday)
        pension = monthly(self.pension_low if low and self.pension_low is not None else self.pension)
        parts = {
            "annual_pay": pay,
            "fritvalg": fritvalg,
            "taxable_pay": pay + fritvalg,
            "pension": pension,
            "total": pay + fritvalg + pension,
            "holiday": holiday,
            "total_compensation": pay + fritvalg + pension + holiday,
        }
        return parts[key.removesuffix("_low")]

    # --- as a reader names them ---------------------------------------------------------------------------------

    @property
    def date(self) -> dt.date:
        """The index date the figures are at (the field ``on``)."""
        return self.on

    @property
    def warnings(self) -> tuple[Notice, ...]:
        """What a reader must know about the figures (the field ``notices``): each a code and a Danish message."""
        return self.notices

    @property
    def monthly_pay(self) -> Decimal:
        """Pay before pension a month, kroner to øre: ``annual_pay`` / 12."""
        return self.monthly_figure("annual_pay")

    @property
    def monthly_pension(self) -> Decimal:
        """Pension a month (paid by the employer on top of pay), kroner to øre."""
        return self.monthly_figure("pension")

    @property
    def monthly_fritvalg(self) -> Decimal:
        """The fritvalgstillæg a month (pension taken as pay), kroner to øre; 0 without fritvalg."""
        return self.monthly_figure("fritvalg")

    @property
    def monthly_taxable_pay(self) -> Decimal:
        """Taxed pay a month (pay and fritvalgstillæg), kroner to øre."""
        return self.monthly_figure("taxable_pay")

    @property
    def monthly_total(self) -> Decimal:
        """Pay and pension a month, kroner to øre: the sum of their months."""
        return self.monthly_figure("total")

    @property
    def monthly_holiday(self) -> Decimal:
        """The særlig feriegodtgørelse a month of this pay earns, kroner to øre."""
        return self.monthly_figure("holiday")

    @property
    def monthly_total_compensation(self) -> Decimal:
        """Samlet aflønning a month: pay, fritvalgstillæg, pension and særlig feriegodtgørelse, kroner to øre."""
        return self.monthly_figure("total_compensation")

    def to_frame(self) -> "pandas.DataFrame":
        """The lines, then the totals, as a pandas DataFrame (the rows of ``--format csv``; see chefloen.frames)."""
        from chefloen.frames import table_frame

        return table_frame(self.csv_table())

    def extra_totals(self, high: str = "", low: str = f" ({labels.PENSION_LOW})") -> list[tuple[str, str, Decimal]]:
        """The totals after "Løn og pension i alt" (key, label, annual): særlig feriegodtgørelse and samlet
        aflønning, at both ends of a pension range (labels ending in ``high`` and ``low``) where they differ."""
        holiday = labels.holiday_label(self.holiday_rate.percent) if self.holiday_rate else ""
        rows = [("holiday", holiday + (high if self.holiday_low is not None else ""), self.holiday)]
        if self.holiday_low is not None:
            rows.append(("holiday_low", holiday + low, self.holiday_low))
        total, total_low = self.total_compensation, self.total_compensation_low
        rows.append(("total_compensation", labels.TOTAL_COMPENSATION + (high if total_low is not None else ""), total))
        if total_low is not None:
            rows.append(("total_compensation_low", labels.TOTAL_COMPENSATION + low, total_low))
        return rows

    def fritvalg_totals(self, high: str = "", low: str = f" ({labels.PENSION_LOW})") -> list[tuple[str, str, Decimal]]:
        """With fritvalg, the fritvalgstillæg and the pay with it (key, label, annual), between pay and pension."""
        taken = self.fritvalg
        if taken is None:
            return []
        label = labels.fritvalg_label(taken.points)
        ranged = self.fritvalg_low is not None and self.fritvalg_low != self.fritvalg_annual
        rows = [("fritvalg", label + (high if ranged else ""), self.fritvalg_annual)]
        if ranged and self.fritvalg_low is not None:
            rows.append(("fritvalg_low", label + low, self.fritvalg_low))
        rows.append(("taxable_pay", labels.TAXABLE_PAY + (high if ranged else ""), self.taxable_pay))
        if ranged and self.fritvalg_low is not None:
            rows.append(("taxable_pay_low", labels.TAXABLE_PAY + low, self.annual_pay + self.fritvalg_low))
        return rows

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
            "fritvalg": self.fritvalg_data(),
            "taxable_pay": amount(self.taxable_pay),
            "taxable_pay_monthly": amount(self.monthly_figure("taxable_pay")),
            "holiday_pay": amount(self.holiday),
            "holiday_pay_rate": None if self.holiday_rate is None else str(self.holiday_rate.percent),
            "holiday_pay_status": None if self.holiday_rate is None else self.holiday_rate.status,
            "holiday_pay_low": amount(self.holiday_low),
            "total_compensation": amount(self.total_compensation),
            "total_compensation_monthly": amount(self.monthly_figure("total_compensation")),
            "total_compensation_low": amount(self.total_compensation_low),
            "warnings": notices_data(self.notices),
            "notes": notices_data(self.notes),
        }

    def fritvalg_data(self) -> Data | None:
        """Pension taken as pay, or None: the points, the floor, the rate left as pension and the amounts."""
        taken = self.fritvalg
        if taken is None:
            return None
        return {
            "points": str(taken.points),
            "floor": str(taken.floor),
            "floor_status": "user" if taken.floor_overridden else "sourced",
            "pension_rate_kept": str(self.kept_rate),
            "annual": amount(self.fritvalg_annual),
            "monthly": amount(self.monthly_figure("fritvalg")),
            "annual_low": amount(self.fritvalg_low),
            "pensionable": False,
            "taxable": True,
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
        rate = labels.percent(self.kept_rate)
        totals = [
            ("annual_pay", "Løn i alt", self.annual_pay),
            *self.fritvalg_totals(),
            ("pension", f"Pension ({rate})", self.pension),
            ("total", "Løn og pension i alt", self.total),
        ]
        if self.pension_low is not None and self.total_low is not None:
            low = f"({labels.PENSION_LOW})"
            totals += [
                ("pension_low", f"Pension ({rate}) {low}", self.pension_low),
                ("total_low", f"Løn og pension i alt {low}", self.total_low),
            ]
        totals += self.extra_totals()
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
        "fritvalg": amount(breakdown.fritvalg_annual if breakdown.fritvalg else None),
        "holiday_pay": amount(breakdown.holiday),
        "total_compensation": amount(breakdown.total_compensation),
    }
    if reference is not None:
        data["diff_pay"] = amount(breakdown.annual_pay - reference.annual_pay)
        data["diff_total"] = amount(breakdown.total - reference.total)
    return data
