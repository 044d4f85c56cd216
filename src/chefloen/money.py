"""Decimal money helpers: the one rounding rule and the constants it rounds to."""

from __future__ import annotations

from decimal import Decimal

ZERO = Decimal(0)
KRONE = Decimal(1)
ORE = Decimal("0.01")
HUNDRED = Decimal(100)
MONTHS = Decimal(12)
# No pay component comes near a milliard kroner; far larger amounts would overflow Decimal's 28
# digits when rounded. Amounts typed by users and amounts in data files are held to it alike.
MAX_AMOUNT = Decimal(1_000_000_000)


def given_decimals(value: Decimal) -> int:
    """How many decimals ``value`` has, trailing zeros not counted (21,5900 % is 21,59 %).

    >>> given_decimals(Decimal("21.5900")), given_decimals(Decimal("0.545")), given_decimals(Decimal("0.000"))
    (2, 3, 0)
    """
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or exponent >= 0 or not value:
        return 0
    coefficient = "".join(map(str, digits))
    return max(0, -exponent - (len(coefficient) - len(coefficient.rstrip("0"))))


def half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded to a whole number, a half away from zero: the one rounding rule.

    Exact for any integers (``denominator`` > 0); every amount chefloen rounds goes through here.

    >>> half_up(13_339_105, 20), half_up(-1, 2), half_up(1, 3)
    (666955, -1, 0)
    """
    if numerator < 0:
        return -half_up(-numerator, denominator)
    return (2 * numerator + denominator) // (2 * denominator)


def round_money(amount: Decimal | int, unit: Decimal = KRONE) -> Decimal:
    """Round half up to whole kroner, or to øre with ``unit=ORE``.

    >>> round_money(Decimal("666945.5"))
    Decimal('666946')
    >>> round_money(Decimal("792072") / 12, ORE)
    Decimal('66006.00')
    >>> round_money(Decimal("-0.5"))
    Decimal('-1')
    """
    numerator, denominator = amount.as_integer_ratio()
    exponent = unit.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(half_up(numerator * 10**-exponent, denominator)).scaleb(exponent)


def monthly(annual: Decimal | int) -> Decimal:
    """Monthly amount of an annual amount, to øre.

    >>> monthly(Decimal("171008")), monthly(792072)
    (Decimal('14250.67'), Decimal('66006.00'))
    """
    numerator, denominator = annual.as_integer_ratio()
    return Decimal(half_up(numerator * 100, denominator * 12)).scaleb(-2)


def monthly_text(annual: int) -> str:
    """``str(monthly(annual))`` of whole kroner, without making the Decimal: a batch writes one for every row.

    >>> monthly_text(792072), monthly_text(171008), monthly_text(5), str(monthly(5))
    ('66006.00', '14250.67', '0.42', '0.42')
    """
    ore = half_up(annual * 100, 12)
    if ore < 0:
        return str(monthly(annual))
    return f"{ore // 100}.{ore % 100:02d}"


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
