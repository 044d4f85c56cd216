"""Values as a notebook holds them, made plain for the library: a ``datetime`` or a ``pd.Timestamp`` is its date,
``np.datetime64`` too, numpy's numbers are Python's, and NaN, None, ``pd.NA`` and ``NaT`` are "not given", as an
empty cell is. Neither numpy nor pandas is imported unless the value is one of theirs (told by its type's module).

>>> import datetime as dt
>>> plain(dt.datetime(2025, 11, 1, 9, 30)), plain(float("nan")), plain(Decimal("NaN")), plain(7)
(datetime.date(2025, 11, 1), None, None, 7)
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from chefloen.errors import InputError

# A value as chefloen reads it: text in the CLI's notation, or one of the plain values it stands for.
Plain = str | bool | int | float | Decimal | dt.date | None

if TYPE_CHECKING:
    import numpy
    from pandas.api.typing import NaTType, NAType

    # What the library's arguments are given, for a type checker: the plain values and numpy's and pandas' own
    # (np.int64, np.datetime64, pd.NA, pd.NaT; a pd.Timestamp is a datetime). Any other object is refused at run
    # time with an InputError; at run time the alias is ``object``, so numpy and pandas are not imported for it.
    Given: TypeAlias = str | int | float | Decimal | dt.date | numpy.generic | NAType | NaTType | None
else:
    Given = object


def plain(value: object) -> Plain:
    """``value`` as a plain value, None when it means "not given"; a value of no kind chefloen reads (a list, bytes,
    a timedelta, …) is an InputError that names its type. Infinity is refused (it is no amount, date or rate)."""
    if value is None:
        return None
    if type(value).__module__ in _PLAIN_MODULES:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str | bool | int | dt.date):
            return value
        if isinstance(value, float):
            return _finite(value, math.isnan(value), math.isinf(value))
        if isinstance(value, Decimal):
            return _finite(value, value.is_nan(), value.is_infinite())
    module = type(value).__module__.partition(".")[0]
    if module == "numpy":
        return _numpy(value)
    if module == "pandas":
        return _pandas(value)
    if isinstance(value, str):  # a subclass of str (an enum's member, numpy's str_ is numpy's)
        return str(value)
    raise not_allowed(value)


# The modules of the types read as they are: a subclass of them from elsewhere is read by what it is.
_PLAIN_MODULES = frozenset({"builtins", "datetime", "decimal"})


def _finite(value: float | Decimal, nan: bool, infinite: bool) -> float | Decimal | None:
    if infinite:
        raise InputError(f"{value} is not a number; give a finite number, or nothing")
    return None if nan else value


def not_allowed(value: object) -> InputError:
    return InputError(
        f"a value of type {type(value).__name__} is not allowed here; give text, a number, a date or nothing"
    )


def _numpy(value: object) -> Plain:
    import numpy  # the value is numpy's, so numpy is imported already

    if isinstance(value, numpy.timedelta64):  # a kind of numpy integer, and no amount, date or rate
        raise not_allowed(value)
    if isinstance(value, numpy.bool_):
        return bool(value)
    if isinstance(value, numpy.integer):
        return int(value)
    if isinstance(value, numpy.floating):
        return plain(float(value))
    if isinstance(value, numpy.str_):
        return str(value)
    if isinstance(value, numpy.datetime64):
        if numpy.isnat(value):
            return None
        day = value.astype("datetime64[D]").item()
        if not isinstance(day, dt.date):  # beyond the years a datetime.date holds
            raise InputError(f"date {value} is out of range; use dates from 1900 to 2199")
        return day
    raise not_allowed(value)


def _pandas(value: object) -> Plain:
    import pandas  # the value is pandas', so pandas is imported already

    if value is pandas.NA or value is pandas.NaT:
        return None
    if isinstance(value, pandas.Timestamp):
        return value.date()
    raise not_allowed(value)


def not_percent(value: object, what: str, *, number_is: str = "") -> None:
    """Refuse a number between 0 and 1 (exclusive) where a percentage is wanted: ``0.1`` is a share, which a
    percentage field would read as 0,1 %, or an afkøb field as a grundbeløb of 0,10 kr. (``number_is``: what a plain
    number means in the field, when it is not a percentage). Text is read by its notation, and not checked here.

    >>> not_percent(0.1, "afkoeb", number_is="a grundbeløb")
    Traceback (most recent call last):
    chefloen.errors.InputError: afkoeb 0.1 looks like a share of 1; write 10 % as "10%" (a number is a grundbeløb)
    >>> not_percent(0.2159, "pension")
    Traceback (most recent call last):
    chefloen.errors.InputError: pension 0.2159 looks like a share of 1; write 21.59 % as "21.59%" or 21.59
    >>> not_percent(21.59, "pension"), not_percent("0.5", "pension"), not_percent(0, "afkoeb")
    (None, None, None)
    """
    if value is None or isinstance(value, str):  # the CLI's case, first
        return
    number = plain(value)
    if isinstance(number, bool) or not isinstance(number, float | Decimal) or not 0 < number < 1:
        return
    shown = format(Decimal(repr(number) if isinstance(number, float) else number) * 100, "f")
    shown = shown.rstrip("0").rstrip(".") if "." in shown else shown
    written = f'"{shown}%" (a number is {number_is})' if number_is else f'"{shown}%" or {shown}'
    raise InputError(f"{what} {number} looks like a share of 1; write {shown} % as {written}")
