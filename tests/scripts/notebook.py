"""A user's script that calls every public function of chefloen, as a notebook would: type-checked with
``mypy --strict`` by tests/test_library_types.py, and run by it. It prints one figure a call."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

import chefloen


def main() -> None:
    on = dt.date(2025, 11, 1)
    scales: chefloen.Scales = chefloen.load_scales()
    breakdown: chefloen.Breakdown = chefloen.quote(51, on, scales=scales, kvalifikationsloen="50.000")
    pay: Decimal = breakdown.annual_pay
    month: Decimal = breakdown.monthly_pay
    print(pay, month, breakdown.date, [warning.code for warning in breakdown.warnings])
    print(chefloen.posting("kontorchef-sundhed-praksis", "1.11.2025").total)
    print(chefloen.compare([{"trin": 51}, "Trin 52 | trin=52"], on).breakdowns[1].annual_pay)
    print([entry.year for entry in chefloen.tax_years().years])
    print(chefloen.offer(["Trin 51 | trin=51"], on, kandidat="Anne", kommune="Aarhus").breakdowns[0].annual_pay)
    print(chefloen.solve(51, date=on, target_pay=750000).base_amount)
    print(chefloen.earnings(51, start=on, end=dt.date(2025, 12, 31)).pay)
    print(chefloen.history(51).breakdowns[-1].annual_pay)
    print(chefloen.scenarios(51, date=[on, "2026-04-01"], kvalifikationsloen=[0, 50000]).to_frame().shape)
    print(chefloen.net_pay(breakdown.taxable_pay, "Aarhus", skatteaar=2026).net_monthly)
    print([row.annual_pay for row in chefloen.batch([{"trin": 51, "date": on}])])
    frame: pd.DataFrame = chefloen.batch(pd.DataFrame({"trin": [51, 52]}), date=on)
    print(frame["annual_pay"].sum())
    print(chefloen.convert(50000, on).result, chefloen.convert("58.497 kr.", on, to="grundbeloeb").result)
    print(chefloen.steps(on).rows[0].annual, len(chefloen.index().factors), len(chefloen.postings().postings))
    print(chefloen.compute(chefloen.Scenario(on=on, step="51"), scales).annual_pay)
    print(chefloen.load_tax_year(2026).year)
    chefloen.reload()
    try:
        chefloen.quote(51, on, afkoeb=0.1)
    except chefloen.InputError as error:
        print(error)


if __name__ == "__main__":
    main()
