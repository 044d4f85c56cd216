"""Read what users type: amounts, percentages, hours, dates and the afkøb / deltid / tillæg notations.

Amounts are read the Danish way first (``50.000``, ``1.072.226,50``), strictly by the grouping rules
(:func:`read_marks`). When that fails, the international way (``50,000.50``, ``1234.56``). A Danish reading with
more than two decimals that also reads internationally (``50,000``: fifty, or fifty thousand?) is
ambiguous and is refused with both readings as a hint; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Literal

from chefloen.errors import InputError, UnknownKeyError, bounded
from chefloen.model import Afkoeb, BaseUnit, PartTime, Supplement
from chefloen.money import MAX_AMOUNT, given_decimals

_SOURCES = {
    "plain": r"\d+",
    # The two Danish forms people type most, read before the general rule (read_marks): 50.000 and 50000,50.
    "danish_grouped": r"\d{1,3}(\.\d{3})+",
    "danish_decimal": r"\d+,\d{1,2}",
    # 1.11.2025 as typed, 01-11-2025 as Danish Excel saves a date; 31.12.26 with a two-digit year.
    "danish_date": r"(\d{1,2})([.-])(\d{1,2})\2(\d{4}|\d{2})",
    "iso_date": r"\d{4}-\d{2}-\d{2}",
    "digits_and_marks": r"[\d.,]+",
    "small_number": r"\d+(\.\d+)?",
}


class _Patterns:
    """The patterns, each compiled on first use and then kept as an attribute: a start compiles only those it
    reads (about 1 ms for all eight), and a batch row pays no lookup in re's cache. Each is matched whole, on text
    no longer than LONGEST, and none has two unbounded repeats over the same characters: none backtracks."""

    def __getattr__(self, name: str) -> re.Pattern[str]:
        if name not in _SOURCES:
            raise AttributeError(name)
        compiled = re.compile(_SOURCES[name])
        setattr(self, name, compiled)
        return compiled


_RE = _Patterns()


def parse_amount(text: str, what: str = "amount") -> Decimal:
    """An amount of kroner, never negative and at most MAX_AMOUNT; see :func:`read_amount` for the notations,
    and :func:`without_unit` for the kroner marks it may carry (``40.000 kr.``, ``40 t.kr.``).

    >>> parse_amount("40 t.kr."), parse_amount("kr. 1.000,50")
    (Decimal('40000'), Decimal('1000.50'))
    """
    return marked_amount(text, what)[0]


def marked_amount(text: str, what: str) -> tuple[Decimal, bool]:
    """An amount as :func:`parse_amount` reads it, and whether it was marked as kroner (``kr.``, ``t.kr.``)."""
    if text.isascii() and text.isdigit() and len(text) <= LONGEST:  # the common case, without the clean-up
        value, kroner = Decimal(text), False
    else:
        number, kroner, thousands = without_unit(bounded(text, what, LONGEST), what)
        value = read_amount(number, what, shown=text)
        if thousands:
            value *= 1000
            value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    if value > MAX_AMOUNT:
        raise InputError(f"{what} {text!r} is too large; at most 1.000.000.000")
    return value, kroner


# No amount, percentage, number of hours or date a user means is longer than this (1.000.000.000,00 kr. is 20), nor
# a name (of a trin, posting, pension group, kommune or tillæg) longer than LONGEST_NAME: a longer one is refused
# before it is read.
LONGEST = 40
LONGEST_NAME = 100
# The decimals chefloen keeps of what is typed, and shows as typed: a percentage (KRL publishes the
# reguleringsprocent to four decimals) and weekly hours to four; a share of full time to six, as a factor.
PERCENT_PLACES = 4
HOURS_PLACES = 4
SHARE_PLACES = 6


def without_unit(text: str, what: str) -> tuple[str, bool, bool]:
    """``text`` without its kroner mark (``kr.``, ``kr``, ``DKK`` before or after the number, ``,-`` after) or
    thousands-of-kroner mark (``t.kr.``), whether it had one, and whether that counts thousands. A unit given
    twice (``40.000 kr. kr.``) is refused. String methods only, so it takes time linear in the text.

    >>> without_unit("kr. 40.000,-", "x"), without_unit("40 t.kr.", "x"), without_unit("50.000", "x")
    (('40.000', True, False), ('40', True, True), ('50.000', False, False))
    """
    cleaned = " ".join(text.split())
    lowered = cleaned.casefold()
    thousands = next((mark for mark in _THOUSANDS_AFTER if lowered.endswith(mark)), None)
    after = thousands or next((mark for mark in _KRONER_AFTER if lowered.endswith(mark)), None)
    if after is not None:
        cleaned, lowered = cleaned[: -len(after)].rstrip(), lowered[: -len(after)].rstrip()
    # "kr" before the number must be followed by it, with or without a blank ("kræ 5" is not kroner).
    before = next(
        (m for m in _KRONER_BEFORE if lowered.startswith(m) and lowered[len(m) :].lstrip()[:1].isdigit()), None
    )
    if before is not None:
        cleaned, lowered = cleaned[len(before) :].lstrip(), lowered[len(before) :].lstrip()
    # "kr. 40.000,-" is one unit written the Danish way; "DKK 40.000 kr." and "40.000 kr. kr." are two.
    if (before and after not in (None, ",-", ".-")) or "kr" in lowered or "dkk" in lowered:
        raise InputError(f"{what} {text!r} gives its unit twice; write e.g. 40.000 kr.")
    return cleaned, bool(after or before), bool(thousands)


# How an amount says it is kroner (before or after the number), thousands of kroner, or a grundbeløb at the
# 31.3.2000 level rather than the 31.3.2018 one. Matched on the text's ends with str methods: linear time.
_KRONER_BEFORE = ("kr.", "kr", "dkk")
_KRONER_AFTER = ("kr.", "kr", "dkk", ",-", ".-")
_THOUSANDS_AFTER = ("t.kr.", "t.kr", "tkr.", "tkr", "t. kr.", "t. kr")
_LEVEL_AFTER: dict[str, BaseUnit] = {
    "@2000": "level_2000",
    "(2000-niveau)": "level_2000",
    "@2018": "grundbeloeb",
    "(2018-niveau)": "grundbeloeb",
}


def read_base_amount(text: str, what: str = "grundbeløb") -> tuple[Decimal, BaseUnit]:
    """An amount where a grundbeløb is wanted, and what it is: a plain number is a grundbeløb at the 31.3.2018
    level; written as kroner (``40.000 kr.``, ``kr. 40.000``, ``40.000,-``, ``40 t.kr.``) it is kroner, which the
    scenario turns into a grundbeløb at its date; ``106.000@2000`` (or ``106.000 (2000-niveau)``) is a grundbeløb
    at the old 31.3.2000 level.

    >>> read_base_amount("50.000"), read_base_amount("40.000 kr."), read_base_amount("40 t.kr.")
    ((Decimal('50000'), 'grundbeloeb'), (Decimal('40000'), 'kroner'), (Decimal('40000'), 'kroner'))
    >>> read_base_amount("kr. 40.000,-"), read_base_amount("106.000@2000")
    ((Decimal('40000'), 'kroner'), (Decimal('106000'), 'level_2000'))
    """
    if text.isascii() and text.isdigit():  # the common case, without the look at its ends
        return marked_amount(text, what)[0], "grundbeloeb"
    cleaned = " ".join(bounded(text, what, LONGEST).split())
    lowered = cleaned.casefold()
    level = next((mark for mark in _LEVEL_AFTER if lowered.endswith(mark)), None)
    if level is None:
        value, kroner = marked_amount(cleaned, what)
        return value, ("kroner" if kroner else "grundbeloeb")
    number = cleaned[: -len(level)].rstrip()
    if not number:
        raise InputError(f"{what} {text!r} has no amount before its level; write e.g. 106.000@2000")
    value, kroner = marked_amount(number, what)
    if kroner:
        raise InputError(f"{what} {text!r} is either kroner or a grundbeløb at a level, not both")
    return value, _LEVEL_AFTER[level]


def parse_base_amount(text: str, what: str = "grundbeløb", *, hint: str = "") -> Decimal:
    """A grundbeløb at the 31.3.2018 level, and nothing else: where kroner or another level cannot be turned
    into one (a range of values, ``convert`` to kroner), they are refused with ``hint``.

    >>> parse_base_amount("40.000 kr.", "kvalifikationsløn")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    chefloen.errors.InputError: kvalifikationsløn '40.000 kr.' is in kroner; a grundbeløb (31.3.2018 level) ...
    """
    value, unit = read_base_amount(text, what)
    if unit == "kroner":
        raise InputError(f"{what} {text!r} is in kroner; a grundbeløb (31.3.2018 level) is wanted here{hint}")
    if unit == "level_2000":
        raise InputError(
            f"{what} {text!r} is at the 31.3.2000 level; a grundbeløb at the 31.3.2018 level is wanted here"
        )
    return value


def read_amount(text: str, what: str, *, shown: str | None = None) -> Decimal:
    """An amount in Danish or international notation (``shown``: the text as the user wrote it, for errors).

    >>> parse_amount("50.000"), parse_amount("50000,50"), parse_amount("50,000.50"), parse_amount("1234.56")
    (Decimal('50000'), Decimal('50000.50'), Decimal('50000.50'), Decimal('1234.56'))
    >>> parse_amount("50,000")
    Traceback (most recent call last):
    chefloen.errors.InputError: amount '50,000' is ambiguous: 50.000 with a Danish decimal comma, \
or 50000 with international thousands; write 50.000 or 50000 for fifty thousand, 50,00 for fifty
    """
    text, shown = bounded(text, what, LONGEST), text if shown is None else shown
    if text.isascii() and text.isdigit():  # the common case, without the clean-up below
        return Decimal(text)
    cleaned = text.replace(" ", "").replace("\xa0", "")
    if _RE.plain.fullmatch(cleaned):
        return Decimal(cleaned)
    if _RE.danish_grouped.fullmatch(cleaned):
        return Decimal(cleaned.replace(".", ""))
    if _RE.danish_decimal.fullmatch(cleaned):
        return Decimal(cleaned.replace(",", "."))
    if cleaned.startswith("-"):
        raise InputError(f"{what} {shown!r} must not be negative")
    if not cleaned or not _RE.digits_and_marks.fullmatch(cleaned):
        raise InputError(f"{what} {shown!r} is not a number; write e.g. 50000, 50.000 or 50.000,50")
    danish, international = read_marks(cleaned, ".", ","), read_marks(cleaned, ",", ".")
    if danish is not None and decimals(danish) <= 2:
        return danish
    if danish is not None and international is not None:
        raise InputError(
            f"{what} {shown!r} is ambiguous: {danish:f} with a Danish decimal comma, or {international:f} "
            "with international thousands; write 50.000 or 50000 for fifty thousand, 50,00 for fifty"
        )
    if international is not None and decimals(international) <= 2:
        return international
    if danish is not None or international is not None:
        raise InputError(f"{what} {shown!r} has more than two decimals")
    raise InputError(f"{what} {shown!r} is not a number; write e.g. 50000, 50.000 or 50.000,50")


def read_marks(text: str, group: str, mark: str) -> Decimal | None:
    """Digits and marks (``text``) read with ``group`` between thousands and ``mark`` before decimals, or None when
    they do not read so. With a group mark, the groups are strict: one to three digits without a leading zero, then
    groups of three, and after the decimal mark at least one digit. Without one, any digits with at most one decimal
    mark. The rules of Babel's strict reading, without the limit of 28 digits at which it failed; exact in any length.

    >>> read_marks("1.234,5", ".", ","), read_marks("1.234,5", ",", "."), read_marks("1234,567", ".", ",")
    (Decimal('1234.5'), None, Decimal('1234.567'))
    >>> read_marks("12.34", ".", ","), read_marks("0.123", ".", ","), read_marks("1.234,", ".", ",")
    (None, None, None)
    """
    whole, has_mark, fraction = text.partition(mark)
    if mark in fraction or group in fraction:
        return None
    if group in whole:
        first, *rest = whole.split(group)
        strict = [first, *rest, *([fraction] if has_mark else [])]
        if not all(part.isascii() and part.isdigit() for part in strict):
            return None
        if len(first) > 3 or first.startswith("0") or any(len(part) != 3 for part in rest):
            return None
        whole = whole.replace(group, "")
    elif not (whole or fraction):
        return None
    return Decimal(f"{whole}.{fraction}" if has_mark else whole)


def decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def parse_number(text: str, what: str, *, shown: str | None = None, most: int | None = None) -> Decimal:
    """A small number with either decimal mark and no grouping (percentages, hours, fractions), with at most
    ``most`` decimals (trailing zeros not counted) where that is given.

    >>> parse_number("21,59", "pension"), parse_number("21.5900", "pension", most=2)
    (Decimal('21.59'), Decimal('21.5900'))
    >>> parse_number("21,595", "pension", most=2)
    Traceback (most recent call last):
    chefloen.errors.InputError: pension '21,595' has 3 decimals; give at most 2
    """
    shown = text if shown is None else shown
    cleaned = bounded(text, what, LONGEST).replace(",", ".")
    if not _RE.small_number.fullmatch(cleaned):
        if cleaned.startswith("-"):
            raise InputError(f"{what} {shown!r} must not be negative")
        raise InputError(f"{what} {shown!r} is not a number; write e.g. 21,59 or 21.59")
    value = Decimal(cleaned)
    # Decimals as typed are at least those that count (trailing zeros do not): most often no more than ``most``.
    typed = len(cleaned) - cleaned.find(".") - 1 if "." in cleaned else 0
    if most is not None and typed > most and (given := given_decimals(value)) > most:
        raise InputError(f"{what} {shown!r} has {given} decimals; give at most {most}")
    return value


def parse_percent(text: str, what: str = "percentage") -> Decimal:
    """A percentage below 100, with or without ``%``.

    >>> parse_percent("10 %"), parse_percent("21,59")
    (Decimal('10'), Decimal('21.59'))
    """
    value = parse_number(text.strip().removesuffix("%"), what, shown=text, most=PERCENT_PLACES)
    if value >= 100:
        raise InputError(f"{what} {text!r} must be below 100 %")
    return value


def parse_hours(text: str, what: str = "hours") -> Decimal:
    """Weekly hours written with a trailing ``t`` (timer) or ``h``.

    >>> parse_hours("5t"), parse_hours("7,5 t")
    (Decimal('5'), Decimal('7.5'))
    """
    cleaned = bounded(text, what, LONGEST)
    number = cleaned[:-1].rstrip() if cleaned.endswith(_HOURS_MARKS) else cleaned
    value = parse_number(number, what, shown=text, most=HOURS_PLACES)
    if value > 168:
        raise InputError(f"{what} {text!r}: a week has 168 hours")
    return value


_HOURS_MARKS = ("t", "T", "h", "H")


def is_hours(text: str) -> bool:
    """Whether ``text`` is written as hours: a digit, then perhaps blanks, then ``t`` or ``h`` at its end.

    >>> is_hours("7,5 t"), is_hours("5H"), is_hours("10%"), is_hours("t")
    (True, True, False, False)
    """
    cleaned = text.strip()
    return cleaned.endswith(_HOURS_MARKS) and cleaned[:-1].rstrip()[-1:].isdecimal()


# Reads a grundbeløb (parse_base_amount), or turns kroner and 2000-level amounts into one (scenario_text.BaseAmounts).
BaseReader = Callable[[str, str], Decimal]


def parse_afkoeb(text: str, *, pensionable: bool = False, base: BaseReader = parse_base_amount) -> Afkoeb:
    """``10%`` of pay, ``5t`` hours a week, or a grundbeløb such as ``25000``.

    >>> parse_afkoeb("10%").kind, parse_afkoeb("5t").kind, parse_afkoeb("25.000").value
    ('percent', 'hours', Decimal('25000'))
    """
    if bounded(text, "afkøb", LONGEST).endswith("%"):
        return Afkoeb("percent", parse_percent(text, "afkøb"), pensionable)
    if is_hours(text):
        return Afkoeb("hours", parse_hours(text, "afkøb"), pensionable)
    return Afkoeb("amount", base(text, "afkøb"), pensionable)


def parse_part_time(text: str) -> PartTime:
    """A fraction of full time (``0.8``), a percentage of it (``80%``) or weekly hours (``30t``).

    >>> parse_part_time("0,8"), parse_part_time("30t")
    (PartTime(kind='fraction', value=Decimal('0.8')), PartTime(kind='hours', value=Decimal('30')))
    >>> parse_part_time("80%"), parse_part_time("100 %")
    (PartTime(kind='fraction', value=Decimal('0.8')), PartTime(kind='fraction', value=Decimal('1')))
    """
    bounded(text, "deltid", LONGEST)
    if is_hours(text):
        hours = parse_hours(text, "deltid")
        if hours == 0:
            raise InputError(f"deltid {text!r} must be more than 0 hours")
        return PartTime("hours", hours)
    if text.strip().endswith("%"):
        percent = parse_number(text.strip().removesuffix("%"), "deltid", shown=text, most=PERCENT_PLACES)
        if not 0 < percent <= 100:
            raise InputError(f"deltid {text!r} must be above 0 % and at most 100 % (full time)")
        return PartTime("fraction", percent / 100)
    if not _RE.small_number.fullmatch(text.strip().replace(",", ".")):
        raise InputError(f"deltid {text!r} is not a share of full time; write e.g. 0,8, 80% or 30t")
    value = parse_number(text, "deltid", most=SHARE_PLACES)
    if not 0 < value <= 1:
        raise InputError(
            f"deltid {text!r} must be a fraction above 0 and at most 1, a percentage such as 80%, or hours such as 30t"
        )
    return PartTime("fraction", value)


def parse_supplement(text: str, base: BaseReader = parse_base_amount) -> Supplement:
    """A named tillæg ``NAVN=BELØB`` (grundbeløb).

    >>> parse_supplement("Ledelsestillæg=20.000")
    Supplement(name='Ledelsestillæg', base_amount=Decimal('20000'), pensionable=True)
    """
    name, sep, value = text.rpartition("=")
    bounded(name, "tillæg name", LONGEST_NAME)
    if not sep or not name.strip():
        raise InputError(f"tillæg {text!r} must be written NAVN=BELØB, e.g. Ledelsestillæg=20000")
    if "=" in name:  # "X=40000, Y=5000": two tillæg in one, which would become one named "X=40000, Y"
        raise InputError(
            f"tillæg {text!r} holds more than one '='; give each tillæg as its own NAVN=BELØB "
            "(--tillaeg again, or separated by | in a batch cell)"
        )
    return Supplement(name.strip(), base(value, f"tillæg {name.strip()!r}"))


# What a user may write for today's date (the caller, a boundary, says which day that is).
TODAY_WORDS = frozenset({"today", "i dag", "i-dag", "idag"})


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """An ISO date (``2025-11-01``) or a Danish one (``1.11.2025``, or ``01-11-2025`` as Danish Excel saves it).
    A two-digit year is this century's: ``31.12.26`` is 31.12.2026 (pay under the agreement starts in 2018).

    >>> parse_date("1.11.2025"), parse_date("2025-11-01"), parse_date("01-11-2025"), parse_date("31.12.26")
    (datetime.date(2025, 11, 1), datetime.date(2025, 11, 1), datetime.date(2025, 11, 1), datetime.date(2026, 12, 31))
    """
    cleaned = bounded(text, "date", LONGEST)
    if " ".join(cleaned.split()).casefold() in TODAY_WORDS:
        if today is None:
            raise InputError(f"date {text!r}: today's date is not known here; write the date")
        return today
    danish = _RE.danish_date.fullmatch(cleaned)
    if not danish and not _RE.iso_date.fullmatch(cleaned):
        raise InputError(f"date {text!r} is not a date; write 2025-11-01, 1.11.2025 or 01-11-2025")
    if danish and danish[2] == "-" and len(danish[4]) == 2:  # 26-12-31 may be ISO without its century
        raise InputError(f"date {text!r} is ambiguous; write 26.12.2031 or 2026-12-31")
    try:
        if danish:
            day_part, _, month_part, year_part = danish.groups()
            year = int(year_part) + (2000 if len(year_part) == 2 else 0)
            day = dt.date(year, int(month_part), int(day_part))
        else:  # read by its parts, as a Danish date is: any digits Python reads (Arabic-Indic too), as in amounts
            year_part, month_part, day_part = cleaned.split("-")
            day = dt.date(int(year_part), int(month_part), int(day_part))
    except ValueError:
        raise InputError(f"date {text!r} does not exist") from None
    return in_range(day)


# Dates chefloen computes with. Far enough out for any career; near enough that a month or a year
# added to a date never leaves the calendar (year 9999, "until further notice" in HR systems).
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2199, 12, 31)


def in_range(day: dt.date) -> dt.date:
    """``day``, if chefloen computes with it (see FIRST_DATE and LAST_DATE)."""
    if not FIRST_DATE <= day <= LAST_DATE:
        raise InputError(f"date {day} is out of range; use dates from {FIRST_DATE.year} to {LAST_DATE.year}")
    return day


# The units a net target is given in (solve --per): a month or a year, in Danish with or without æøå.
PER: dict[str, Literal["month", "year"]] = {
    "maaned": "month",
    "måned": "month",
    "aar": "year",
    "år": "year",
}


def parse_per(text: str) -> Literal["month", "year"]:
    """The unit of a net target: a month (``maaned``, ``måned``) or a year (``aar``, ``år``), in any case.

    >>> parse_per("Måned"), parse_per("aar"), parse_per("ÅR")
    ('month', 'year', 'year')
    """
    import unicodedata

    key = unicodedata.normalize("NFC", bounded(text, "unit", LONGEST)).casefold()
    if key not in PER:
        raise UnknownKeyError("unit", text, ["maaned (måned)", "aar (år)"])
    return PER[key]
