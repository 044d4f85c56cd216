"""Decimal money helpers: the one rounding rule and the constants it rounds to."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
KRONE = Decimal(1)
ORE = Decimal("0.01")
HUNDRED = Decimal(100)
MONTHS = Decimal(12)
# No pay component comes near a milliard kroner; far larger amounts would overflow Decimal's 28
# digits when rounded. Amounts typed by users and amounts in data files are held to it alike.
MAX_AMOUNT = Decimal(1_000_000_000)


def round_money(amount: Decimal, unit: Decimal = KRONE) -> Decimal:
    """Round half up to whole kroner, or to øre with ``unit=ORE``.

    >>> round_money(Decimal("666945.5"))
    Decimal('666946')
    >>> round_money(Decimal("792072") / 12, ORE)
    Decimal('66006.00')
    >>> round_money(Decimal("-0.5"))
    Decimal('-1')
    """
    return amount.quantize(unit, rounding=ROUND_HALF_UP)


def monthly(annual: Decimal) -> Decimal:
    """Monthly amount of an annual amount, to øre.

    >>> monthly(Decimal("171008"))
    Decimal('14250.67')
    """
    return round_money(annual / MONTHS, ORE)


def base_amount_for(amount: Decimal, factor: Decimal) -> Decimal:
    """The grundbeløb that gives ``amount`` kroner at ``factor``: whole kroner when one exists, else øre.

    >>> base_amount_for(Decimal("125126"), Decimal("1.168869"))
    Decimal('107049')
    >>> round_money(base_amount_for(Decimal("25001"), Decimal("1.168869")) * Decimal("1.168869"))
    Decimal('25001')
    """
    whole = round_money(amount / factor)
    for candidate in (whole, whole - 1, whole + 1):
        if round_money(candidate * factor) == amount:
            return candidate
    return round_money(amount / factor, ORE)
