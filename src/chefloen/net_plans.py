"""Plans with net pay: the least kvalifikationsløn whose net-pay estimate reaches a target net, a month or a year.

Pure, like :mod:`chefloen.tax`: the tax rules come in loaded (see ``chefloen.api.tax_rules``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from chefloen.breakdown import Breakdown
from chefloen.errors import InputError
from chefloen.model import Scales, Scenario
from chefloen.money import MONTHS
from chefloen.plain import CsvTable, Data, Notice, amount, notices_data, records_table
from chefloen.plans import least_kvalifikationsloen
from chefloen.tax import NetPay, TaxYear, net_pay

Per = Literal["month", "year"]
NetTargetKind = Literal["net_monthly", "net_annual"]
# The net reached lies less than this above the target, a month: one krone more grundbeløb is about 1,17 kr.
# more pay a year (2 kr. at most, as each line is rounded), and the net rises by less than the pay.
WITHIN_MONTHLY = Decimal("1.00")


@dataclass(frozen=True, slots=True, kw_only=True)
class NetSolution:
    """The smallest whole-krone kvalifikationsløn grundbeløb whose net pay (an estimate) reaches a target net a
    month or a year, the breakdown it gives and the estimate of that breakdown's taxed pay."""

    target: Decimal
    per: Per
    base_amount: Decimal
    breakdown: Breakdown
    net: NetPay

    @property
    def target_kind(self) -> NetTargetKind:
        return "net_monthly" if self.per == "month" else "net_annual"

    @property
    def annual(self) -> Decimal:
        return self.breakdown.annual_of("kvalifikationsloen")

    @property
    def reached(self) -> Decimal:
        """The net pay a month or a year (as the target), rounded as shown: a month is the year's net / 12."""
        return self.net.net_monthly if self.per == "month" else self.net.net_annual

    @property
    def tolerance(self) -> Decimal:
        """One krone a month, in the target's unit."""
        return WITHIN_MONTHLY if self.per == "month" else WITHIN_MONTHLY * MONTHS

    @property
    def within(self) -> Decimal | None:
        """The tolerance when the net reached lies less than it above the target; else None (a target already
        passed without kvalifikationsløn may lie further below)."""
        return self.tolerance if self.reached - self.target < self.tolerance else None

    @property
    def notices(self) -> tuple[Notice, ...]:
        return self.breakdown.notices + self.net.notices

    @property
    def warnings(self) -> tuple[Notice, ...]:
        """What a reader must know about the figures (``notices``)."""
        return self.notices

    def to_data(self) -> Data:
        """The JSON contract of ``chefloen solve --target-net``."""
        return {
            "target": amount(self.target),
            "target_kind": self.target_kind,
            "kvalifikationsloen_base_amount": amount(self.base_amount),
            "kvalifikationsloen_annual": amount(self.annual),
            "reached": amount(self.reached),
            "within": amount(self.within),
            "already_reached": self.base_amount == 0,
            "net_monthly": amount(self.net.net_monthly),
            "net_annual": amount(self.net.net_annual),
            "breakdown": self.breakdown.to_data(),
            "net": self.net.to_data(),
            "warnings": notices_data(self.notices),
        }

    def csv_table(self) -> CsvTable:
        return records_table([self.to_data()])


def solve_net(
    scenario: Scenario,
    scales: Scales,
    *,
    target: Decimal,
    per: Per,
    kommune: str,
    church: bool,
    rules: TaxYear,
    asked_year: int | None = None,
) -> NetSolution:
    """Find the least kvalifikationsløn (grundbeløb, whole kroner) whose net pay, estimated from the breakdown's
    taxed pay (``taxable_pay``) in ``kommune`` under ``rules``, reaches ``target`` a month or a year (``per``).

    The net never falls as pay rises (every marginal rate is below 100 %), so the search of ``plans.solve``
    finds it; ``asked_year`` as in :func:`chefloen.tax.net_pay`.
    """
    if target < 0:
        raise InputError("a target net pay must not be negative")

    def net_of(breakdown: Breakdown) -> NetPay:
        return net_pay(breakdown.taxable_pay, kommune, church=church, rules=rules, asked_year=asked_year)

    def reaches(breakdown: Breakdown) -> bool:
        net = net_of(breakdown)
        return (net.net_monthly if per == "month" else net.net_annual) >= target

    shown = f"a net pay of {target} {'a month' if per == 'month' else 'a year'}"
    base, breakdown = least_kvalifikationsloen(scenario, scales, reaches, shown)
    return NetSolution(target=target, per=per, base_amount=base, breakdown=breakdown, net=net_of(breakdown))
