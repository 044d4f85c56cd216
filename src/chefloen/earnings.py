"""What a calendar period actually pays, month by month: pay, fritvalgstillæg and pension pro rata, the særlig
feriegodtgørelse in the months it is paid, and with a kommune the net of each month.

Rules, each stated where a result shows it:

- A month is paid at annual / 12 with the factor in force on its first day; a month only partly inside the
  period by calendar days (days inside / days in the month).
- Særlig feriegodtgørelse is earned on the pay and fritvalgstillæg of each month inside the period, at the rate
  in force on the month's first day, as for someone employed from the period's first day (what an earlier
  employer owes is not counted). The ferielov's part is paid with the pay for May (earned 1.9–31.5) and August
  (earned 1.6–31.8), the rest with the pay for May of the year after it was earned (data/scales/
  region-holiday.toml says so with its source). What is earned but paid after the period is shown apart.
- Net: each calendar year's tax is that of the year's income inside the period (no other income that year),
  under the year's rules, and spread over its months in proportion to their gross pay, as a flat trækprocent
  would: the months of a year add up to its net exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from chefloen import labels
from chefloen.breakdown import Breakdown
from chefloen.calc import compute
from chefloen.errors import InputError
from chefloen.model import HolidayPayout, Scales, Scenario
from chefloen.money import HUNDRED, ORE, ZERO, round_money
from chefloen.plain import CsvTable, Data, Notice, amount, notices_data, records_table
from chefloen.plans import conversion_notes, merged_notices

if TYPE_CHECKING:
    import pandas

    from chefloen.tax import NetPay, TaxYear

MAX_EARNINGS_YEARS = 60  # a working life; one breakdown a month
NO_ORE = Decimal("0.00")


@dataclass(frozen=True, slots=True, kw_only=True)
class Month:
    """One calendar month's pay at the factor in force on its first day, pro rata for part months."""

    first_day: dt.date
    share: Decimal
    breakdown: Breakdown
    pay: Decimal
    pension: Decimal
    pension_low: Decimal | None = None
    fritvalg: Decimal = ZERO
    holiday: Decimal = NO_ORE  # særlig feriegodtgørelse paid with this month's pay
    net: Decimal | None = None

    @property
    def total(self) -> Decimal:
        return self.pay + self.fritvalg + self.pension

    @property
    def total_low(self) -> Decimal | None:
        return None if self.pension_low is None else self.pay + self.fritvalg + self.pension_low

    @property
    def taxable(self) -> Decimal:
        """What is taxed of this month: pay, fritvalgstillæg and the særlig feriegodtgørelse paid in it."""
        return self.pay + self.fritvalg + self.holiday


@dataclass(frozen=True, slots=True, kw_only=True)
class YearNet:
    """A calendar year's income inside the period and its net-pay estimate."""

    year: int
    estimate: NetPay


@dataclass(frozen=True, slots=True, kw_only=True)
class Earnings:
    """What a period actually pays, month by month."""

    start: dt.date
    end: dt.date
    months: tuple[Month, ...]
    holiday_outstanding: Decimal = ZERO  # earned inside the period, paid after it
    payout: HolidayPayout | None = None
    years: tuple[YearNet, ...] = ()  # with a kommune: each calendar year's net

    def _sum(self, part: Callable[[Month], Decimal]) -> Decimal:
        return sum((part(month) for month in self.months), ZERO)

    @property
    def pay(self) -> Decimal:
        return self._sum(lambda month: month.pay)

    @property
    def pension(self) -> Decimal:
        return self._sum(lambda month: month.pension)

    @property
    def fritvalg(self) -> Decimal:
        return self._sum(lambda month: month.fritvalg)

    @property
    def holiday(self) -> Decimal:
        return self._sum(lambda month: month.holiday)

    @property
    def total(self) -> Decimal:
        return self.pay + self.fritvalg + self.pension

    @property
    def pension_low(self) -> Decimal | None:
        """The low end of the pension range, when the months' pension is a range."""
        lows = [month.pension_low for month in self.months]
        if not lows or any(low is None for low in lows):
            return None
        return sum((low for low in lows if low is not None), ZERO)

    @property
    def total_low(self) -> Decimal | None:
        low = self.pension_low
        return None if low is None else self.pay + self.fritvalg + low

    @property
    def net(self) -> Decimal | None:
        return None if not self.years else sum((year.estimate.net_annual for year in self.years), ZERO)

    @property
    def notices(self) -> tuple[Notice, ...]:
        nets = dict.fromkeys(notice for year in self.years for notice in year.estimate.notices)
        return merged_notices(month.breakdown for month in self.months) + tuple(nets)

    @property
    def notes(self) -> tuple[Notice, ...]:
        notes = list(conversion_notes(month.breakdown for month in self.months[:1]))
        if self.payout is not None:
            notes.append(Notice("holiday_paid", labels.note_holiday_paid(self.payout, self.holiday_outstanding)))
        if self.years:
            notes.append(Notice("net_spread", labels.NOTE_NET_SPREAD))
        return tuple(notes)

    def to_data(self) -> Data:
        """The JSON contract of ``chefloen earnings``: a row a month, the sums, and with a kommune a row a year."""
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
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
                    "fritvalg": amount(month.fritvalg),
                    "holiday_pay": amount(month.holiday),
                    "net": amount(month.net),
                }
                for month in self.months
            ],
            "pay": amount(self.pay),
            "pension": amount(self.pension),
            "total": amount(self.total),
            "pension_low": amount(self.pension_low),
            "total_low": amount(self.total_low),
            "fritvalg": amount(self.fritvalg),
            "holiday_pay": amount(self.holiday),
            "holiday_pay_outstanding": amount(self.holiday_outstanding),
            "net": amount(self.net),
            "years": [
                {
                    "year": year.year,
                    "gross": amount(year.estimate.gross),
                    "net": amount(year.estimate.net_annual),
                    "tax_year": year.estimate.year,
                    "kommune": year.estimate.kommune,
                    "church": year.estimate.church,
                }
                for year in self.years
            ],
            "warnings": notices_data(self.notices),
            "notes": notices_data(self.notes),
        }

    @property
    def warnings(self) -> tuple[Notice, ...]:
        """What a reader must know about the figures (``notices``)."""
        return self.notices

    def csv_table(self) -> CsvTable:
        return records_table(self.to_data()["months"])

    def to_frame(self) -> pandas.DataFrame:
        """One row a month (its first day as ``month``): its share, factor, pay, pension, fritvalg, særlig
        feriegodtgørelse paid and net, kroner to øre, and the annual pay it is a part of (see chefloen.frames)."""
        from chefloen.frames import EARNINGS, table_frame

        return table_frame(self.csv_table(), EARNINGS)


def earnings(scenario: Scenario, scales: Scales, *, start: dt.date, end: dt.date) -> Earnings:
    """Pay, fritvalgstillæg, pension and særlig feriegodtgørelse from ``start`` to ``end`` inclusive (see the
    module's rules)."""
    if end < start:
        raise InputError(f"the period ends ({end}) before it starts ({start})")
    if relativedelta(end, start).years >= MAX_EARNINGS_YEARS:
        raise InputError(f"the period from {start} to {end} is too long; at most {MAX_EARNINGS_YEARS} years")
    months = []
    first = start.replace(day=1)
    while first <= end:
        last = first + relativedelta(months=1) - dt.timedelta(days=1)
        days_inside = (min(last, end) - max(first, start)).days + 1
        share = Decimal(days_inside) / Decimal(last.day)
        breakdown = compute(scenario._replace(on=first), scales)

        def part(annual: Decimal, share: Decimal = share) -> Decimal:
            return round_money(annual / 12 * share, ORE)

        low = None if breakdown.pension_low is None else part(breakdown.pension_low)
        months.append(
            Month(
                first_day=first,
                share=share,
                breakdown=breakdown,
                pay=part(breakdown.annual_pay),
                pension=part(breakdown.pension),
                pension_low=low,
                fritvalg=part(breakdown.fritvalg_annual),
            )
        )
        first += relativedelta(months=1)
    paid, outstanding = holiday_payouts(months, scales.holiday.payout)
    months = [replace(month, holiday=paid.get(month.first_day, NO_ORE)) for month in months]
    return Earnings(
        start=start, end=end, months=tuple(months), holiday_outstanding=outstanding, payout=scales.holiday.payout
    )


def holiday_payouts(months: list[Month], payout: HolidayPayout) -> tuple[dict[dt.date, Decimal], Decimal]:
    """The særlig feriegodtgørelse paid in each month (by its first day) for what the months earn, to øre; and
    what they earn that is paid after the last of them."""
    owed: dict[dt.date, Decimal] = {}
    may, august = payout.law_months
    for month in months:
        earned = month.pay + month.fritvalg
        rate = month.breakdown.holiday_rate
        if rate is None or not earned:
            continue
        day = month.first_day
        law_year = day.year + (day.month > august)  # 1.9–31.5 is paid in May, 1.6–31.8 in August
        law_month = may if day.month <= may or day.month > august else august
        law = dt.date(law_year, law_month, 1)
        rest = dt.date(day.year + 1, payout.rest_month, 1)
        owed[law] = owed.get(law, ZERO) + earned * payout.law_percent / HUNDRED
        owed[rest] = owed.get(rest, ZERO) + earned * (rate.percent - payout.law_percent) / HUNDRED
    inside = {month.first_day for month in months}
    paid = {day: round_money(value, ORE) for day, value in owed.items() if day in inside}
    outstanding = sum((round_money(value, ORE) for day, value in owed.items() if day not in inside), ZERO)
    return paid, outstanding


def with_net(result: Earnings, kommune: str, *, church: bool, rules_for: Callable[[int], TaxYear]) -> Earnings:
    """``result`` with each calendar year's net estimate, and each month's share of it (see the module's rules).

    ``rules_for`` gives the tax rules for a year's income (``chefloen.loading.tax.tax_year_for``)."""
    from chefloen.tax import net_pay

    years: list[YearNet] = []
    months: list[Month] = []
    for year in sorted({month.first_day.year for month in result.months}):
        of_year = [month for month in result.months if month.first_day.year == year]
        gross = sum((month.taxable for month in of_year), ZERO)
        estimate = net_pay(gross, kommune, church=church, rules=rules_for(year), asked_year=year)
        years.append(YearNet(year=year, estimate=estimate))
        # Each month's net is the year's net in proportion to its gross, to øre; the year's last month takes
        # what rounding leaves, a few øre at most, so that the months add up to the year's net exactly.
        given = ZERO
        for position, month in enumerate(of_year):
            if position == len(of_year) - 1:
                share = estimate.net_annual - given
            else:
                share = round_money(estimate.net_annual * month.taxable / gross, ORE) if gross else ZERO
            months.append(replace(month, net=share))
            given += share
    return replace(result, months=tuple(months), years=tuple(years))
