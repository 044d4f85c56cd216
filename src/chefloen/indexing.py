"""Re-indexing at one date, without a breakdown: grundbeløb <-> current kroner, and the step table."""

# No `from __future__ import annotations`: NamedTuple would turn every field's annotation string
# into a ForwardRef and compile it at import.
import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple

from chefloen.errors import InputError
from chefloen.model import Factor, InForce, Scales, factor_data
from chefloen.money import base_amount_for, monthly, round_money
from chefloen.plain import CsvTable, Data, Notice, amount, notices_data, records_table
from chefloen.rules import factor_notices

if TYPE_CHECKING:
    import pandas

Direction = Literal["kroner", "grundbeloeb"]


class Conversion(NamedTuple):
    """A grundbeløb <-> current kroner conversion at one date."""

    on: dt.date
    direction: Direction
    amount: Decimal
    result: Decimal
    check: Decimal
    factor: InForce[Factor]
    notices: tuple[Notice, ...]

    def to_data(self) -> Data:
        """The JSON contract of ``chefloen convert``."""
        return {
            "date": self.on.isoformat(),
            "to": self.direction,
            "amount": amount(self.amount),
            "result": amount(self.result),
            "check": amount(self.check),
            "index": factor_data(self.factor),
            "warnings": notices_data(self.notices),
        }

    @property
    def date(self) -> dt.date:
        """The index date of the conversion (``on``)."""
        return self.on

    @property
    def warnings(self) -> tuple[Notice, ...]:
        """What a reader must know about the factor (``notices``)."""
        return self.notices

    def csv_table(self) -> CsvTable:
        return records_table([self.to_data()])


def convert(amount: Decimal, on: dt.date, scales: Scales, *, to: Direction) -> Conversion:
    """Convert grundbeløb to kroner at ``on`` (``to="kroner"``) or kroner to grundbeløb (``to="grundbeloeb"``).

    ``check`` is the result converted back, so a user sees that it reproduces.
    """
    if amount < 0:
        raise InputError("amount must not be negative")
    lookup = scales.regulation.at(on)
    value = lookup.entry.value
    if to == "kroner":
        result = round_money(amount * value)
        check = base_amount_for(result, value)
    else:
        result = base_amount_for(round_money(amount), value)
        check = round_money(result * value)
    return Conversion(on, to, amount, result, check, lookup, tuple(factor_notices(lookup, scales.regulation, on)))


class StepAmount(NamedTuple):
    """One trin's grundbeløb and its annual amount at a date."""

    step: str
    loenramme: int
    base_amount: Decimal
    annual: Decimal


class StepTable(NamedTuple):
    """The chef step table at one date."""

    on: dt.date
    factor: InForce[Factor]
    rows: tuple[StepAmount, ...]
    notices: tuple[Notice, ...]

    def to_data(self) -> Data:
        """The JSON contract of ``chefloen steps``."""
        return {
            "date": self.on.isoformat(),
            "index": factor_data(self.factor),
            "steps": [
                {
                    "trin": row.step,
                    "loenramme": row.loenramme,
                    "base_amount": amount(row.base_amount),
                    "annual": amount(row.annual),
                    "monthly": amount(monthly(row.annual)),
                }
                for row in self.rows
            ],
            "warnings": notices_data(self.notices),
        }

    @property
    def date(self) -> dt.date:
        """The index date of the table (``on``)."""
        return self.on

    @property
    def warnings(self) -> tuple[Notice, ...]:
        """What a reader must know about the factor (``notices``)."""
        return self.notices

    def csv_table(self) -> CsvTable:
        return records_table(self.to_data()["steps"])

    def to_frame(self) -> "pandas.DataFrame":
        """One row a trin: lønramme, grundbeløb (31.3.2018 level), kroner a year and a month (see chefloen.frames)."""
        from chefloen.frames import table_frame

        return table_frame(self.csv_table())


def step_table(on: dt.date, scales: Scales) -> StepTable:
    """Every trin's annual basisløn at ``on``."""
    lookup = scales.regulation.at(on)
    rows = tuple(
        StepAmount(step.step, step.loenramme, step.base_amount, round_money(step.base_amount * lookup.entry.value))
        for step in scales.steps.values()
    )
    return StepTable(on, lookup, rows, tuple(factor_notices(lookup, scales.regulation, on)))
