"""Scenario fields as written (CLI options, batch rows, compare specs, library keywords) and how they become a
Scenario. Every field is text in the CLI's notation; the library also takes plain numbers, Decimals and dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from chefloen import parsing
from chefloen.columns import ALIASES, COLUMNS, KNOWN, column_name, fold
from chefloen.errors import InputError
from chefloen.model import Afkoeb, Converted, Fritvalg, PartTime, Scales, Scenario, Supplement
from chefloen.money import MAX_AMOUNT, ZERO, base_amount_for, round_money
from chefloen.values import Given, not_percent, plain


def unknown_field(name: str, what: str = "field") -> InputError:
    """The error for a column or key that is not one of COLUMNS, with the closest one when any is close."""
    import difflib  # only for the error

    written = name.strip().casefold()
    candidates = [*COLUMNS, *(alias for alias, key in ALIASES.items() if key in KNOWN)]
    closest = difflib.get_close_matches(fold(name), candidates, n=1, cutoff=0.6)
    hint = f"did you mean {' or '.join(closest)}? " if closest else ""
    return InputError(f"unknown {what} {written[:40]!r}{'…' * (len(written) > 40)}; {hint}known: {', '.join(COLUMNS)}")


# Several tillæg in one field are separated by "|": "Ledelse=20000|Rådighed=5000".
SEPARATOR = "|"
_TRUE = {"ja", "true", "1", "yes"}
_FALSE = {"nej", "false", "0", "no", ""}

# A field's value: text in the CLI's notation, or (from the library and JSON/TOML files) a plain value, numpy's and
# pandas' among them (see chefloen.values for every kind that is read).
Value = Given
Supplements = Sequence[str] | Mapping[str, Value]


_HUGE = 10**30


def text_of(value: object) -> str | None:
    """A plain value as the text the CLI would take: numbers as written, dates in ISO form, flags as ja/nej; a
    notebook's values as :func:`chefloen.values.plain` makes them, NaN and the like as nothing given (None).

    >>> text_of(Decimal("50000.50")), text_of(0.8), text_of(True), text_of(dt.date(2025, 11, 1)), text_of(float("nan"))
    ('50000.50', '0.8', 'ja', '2025-11-01', None)
    """
    if value is None or type(value) is str:  # what the CLI and files give: no look at the type's module
        return value
    value = plain(value)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int):
        if not -_HUGE < value < _HUGE:  # str() of an int of thousands of digits fails, and takes time
            raise InputError("a number of more than 30 digits is too large")
        return str(value)
    if isinstance(value, Decimal):
        if value.adjusted() >= 30:
            raise InputError("a number of more than 30 digits is too large")
        return format(value, "f")
    if isinstance(value, float):
        # A whole number as a spreadsheet shows it (a frame's column of trin with a gap in it is of floats: 51.0).
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    return value.isoformat()


def parse_flag(value: object, what: str) -> bool:
    """A yes/no field: ja/nej (also true/false, yes/no, 1/0) or a bool; nothing given is no."""
    if isinstance(value, bool):
        return value
    text = text_of(value)
    if not text:
        return False
    cleaned = text.strip().lower()
    if cleaned in _TRUE:
        return True
    if cleaned in _FALSE:
        return False
    raise InputError(f"{what} {text!r} must be ja or nej")


def given(value: Value) -> str | None:
    """The field as text with surrounding blanks removed, or None when nothing was given."""
    text = value if isinstance(value, str) else text_of(value)
    return (text.strip() or None) if text else None


class BaseAmounts:
    """Reads the amounts of one scenario where a grundbeløb is wanted (see :func:`parsing.read_base_amount`):
    kroner become the grundbeløb that gives them back at the scenario's date (money.base_amount_for: whole kroner
    wherever one exists), a 31.3.2000 grundbeløb becomes a 31.3.2018 one by the data's factor, rounded to whole
    kroner; each conversion is kept, for the breakdown's notes. Kroner are full-time kroner, as agreed amounts are.
    """

    def __init__(self, scales: Scales | None, on: dt.date) -> None:
        self.scales = scales
        self.on = on
        self.converted: list[Converted] = []

    def __call__(self, text: str, what: str) -> Decimal:
        value, unit = parsing.read_base_amount(text, what)
        if unit == "grundbeloeb":
            return value
        if self.scales is None:  # a batch's fast path reads fields without a date; the row is read again with one
            raise InputError(f"{what} {text!r} needs the tables to become a grundbeløb")
        if unit == "kroner":
            if value != value.to_integral_value():  # every component is paid in whole kroner
                raise InputError(f"{what} {text!r}: kroner given for a grundbeløb are whole kroner")
            factor = self.scales.regulation.at(self.on).entry.value
            base = base_amount_for(value, factor)
        else:
            level = self.scales.regulation.level_2000
            if level is None:
                raise InputError(f"{what} {text!r}: the data has no factor from the 31.3.2000 level")
            factor = level.value
            base = round_money(value * factor)
            if base > MAX_AMOUNT:
                raise InputError(f"{what} {text!r} is too large at the 31.3.2018 level; at most 1.000.000.000")
        self.converted.append(Converted(what, unit, value, base, self.on, factor))
        return base


def amount_of(value: Value, what: str, *, base: bool = True, read: parsing.BaseReader | None = None) -> Decimal:
    """A grundbeløb (``base``; kroner and 2000-level amounts are turned into one by ``read``), or an amount in
    today's kroner."""
    text = given(value)
    if text is None:
        return ZERO
    if not base:
        return parsing.parse_amount(text, what)
    return (read or parsing.parse_base_amount)(text, what)


def _supplement_texts(tillaeg: object) -> list[str]:
    if isinstance(tillaeg, Mapping):
        return [f"{text_of(name)}={text_of(amount)}" for name, amount in tillaeg.items()]
    if isinstance(tillaeg, list | tuple):
        return [text_of(item) or "" for item in tillaeg]
    text = text_of(tillaeg)
    return text.split(SEPARATOR) if text else []


def supplements_of(tillaeg: Supplements | None, read: parsing.BaseReader | None = None) -> tuple[Supplement, ...]:
    """The named tillæg; a name given twice is refused, since a breakdown shows each name once."""
    texts = [text for text in _supplement_texts(tillaeg) if text.strip()]
    supplements = tuple(parsing.parse_supplement(text, read or parsing.parse_base_amount) for text in texts)
    names = [supplement.name.casefold() for supplement in supplements]
    for position, name in enumerate(names):
        if name in names[:position]:
            raise InputError(f"tillæg {supplements[position].name!r} is given twice; give each name once")
    return supplements


def scenario_of(
    *,
    on: dt.date,
    step: Value = None,
    posting: str | None = None,
    label: str = "",
    kvalifikationsloen: Value = None,
    funktionsloen: Value = None,
    tillaeg: Supplements | None = None,
    afkoeb: Value = None,
    afkoeb_pensionsgivende: Value | bool = False,
    engangsvederlag: Value = None,
    engangsvederlag_pensionsgivende: Value | bool = False,
    pension: Value = None,
    pensionsgruppe: str | None = None,
    deltid: Value = None,
    fritvalg: Value = None,
    fritvalg_gulv: Value = None,
    scales: Scales | None = None,
) -> Scenario:
    """The Scenario the fields describe; bad text is an InputError naming the field. With ``scales``, amounts
    given in kroner (at ``on``) or at the 31.3.2000 level where a grundbeløb is wanted become grundbeløb. A share
    of 1 given as a number where a percentage is wanted (``afkoeb=0.1``) is refused (:func:`values.not_percent`)."""
    not_percent(afkoeb, "afkoeb", number_is="a grundbeløb")
    for value, what in ((pension, "pension"), (fritvalg, "fritvalg"), (fritvalg_gulv, "fritvalg_gulv")):
        not_percent(value, what)
    afkoeb_text, pension_text, deltid_text = given(afkoeb), given(pension), given(deltid)  # first: their errors lead
    pensionable_afkoeb = parse_flag(afkoeb_pensionsgivende, "afkoeb_pensionsgivende")
    read = BaseAmounts(scales, on)
    return Scenario(
        on=on,
        step=given(step),
        posting=given(posting),
        kvalifikationsloen=amount_of(kvalifikationsloen, "kvalifikationsløn", read=read),
        funktionsloen=amount_of(funktionsloen, "funktionsløn", read=read),
        supplements=supplements_of(tillaeg, read),
        afkoeb=afkoeb_of(afkoeb_text, pensionable_afkoeb, read),
        one_off=amount_of(engangsvederlag, "engangsvederlag", base=False),
        one_off_pensionable=parse_flag(engangsvederlag_pensionsgivende, "engangsvederlag_pensionsgivende"),
        pension_percent=pension_percent_of(pension_text),
        pension_group=given(pensionsgruppe),
        part_time=part_time_of(deltid_text),
        label=label if isinstance(label, str) else text_of(label) or "",
        converted=tuple(read.converted),
        fritvalg=fritvalg_of(fritvalg, fritvalg_gulv),
    )


# Each field as scenario_of and scenario_from_row read it; a batch reads each distinct text through these once.


def afkoeb_of(value: Value, pensionable: bool, read: parsing.BaseReader | None = None) -> Afkoeb | None:
    text = given(value)
    return parsing.parse_afkoeb(text, pensionable=pensionable, base=read or parsing.parse_base_amount) if text else None


# How "all of the pension above the floor" is written.
FRITVALG_ALL = frozenset({"max", "maks", "alt", "all"})


def fritvalg_of(value: Value, floor: Value = None) -> Fritvalg | None:
    """Pension taken as pay: points of the rate (6,59 or 6,59 %), or max; the floor they lie above, if given.

    >>> fritvalg_of("max"), fritvalg_of("3,5 %", "16")
    (Fritvalg(points=None, floor=None), Fritvalg(points=Decimal('3.5'), floor=Decimal('16')))
    """
    text, floor_text = given(value), given(floor)
    if not text:
        if floor_text:
            raise InputError("fritvalg_gulv needs fritvalg: the points of pension taken as pay, or max")
        return None
    points = None if text.strip().casefold() in FRITVALG_ALL else parsing.parse_percent(text, "fritvalg")
    return Fritvalg(points, parsing.parse_percent(floor_text, "fritvalg_gulv") if floor_text else None)


def pension_percent_of(value: Value) -> Decimal | None:
    text = given(value)
    return parsing.parse_percent(text, "pension") if text else None


def part_time_of(value: Value) -> PartTime | None:
    text = given(value)
    return parsing.parse_part_time(text) if text else None


def subject_and_date(
    trin: Value,
    posting: Value,
    date: Value,
    default_date: dt.date | None,
    loenramme: Value = None,
    today: dt.date | None = None,
) -> tuple[str | None, str | None, dt.date]:
    """A row's trin (or lønramme) or posting, exactly one of them, and its date, or ``default_date`` when it has
    none (see :func:`named_subject` and :func:`date_of`)."""
    step, posting_id = named_subject(trin, posting, loenramme)
    return step, posting_id, date_of(date, default_date, today)


def named_subject(trin: Value, posting: Value, loenramme: Value = None) -> tuple[str | None, str | None]:
    """A row's trin (or lønramme) or posting, exactly one of them. A lønramme becomes the trin text ``lønramme N``,
    which the step table knows."""
    step, posting_id, frame = given(trin), given(posting), given(loenramme)
    if frame is not None:
        if step is not None:
            raise InputError("give either trin or loenramme, not both")
        step = frame if frame.casefold().startswith(("lønramme", "loenramme", "lr")) else f"lønramme {frame}"
    if bool(step) == bool(posting_id):
        raise InputError("give either trin or posting")
    return step, posting_id


def date_of(date: Value, default_date: dt.date | None, today: dt.date | None = None) -> dt.date:
    """A row's date (``i dag`` is ``today``), or ``default_date`` when it has none."""
    date_text = given(date)
    if date_text is not None:
        return parsing.parse_date(date_text, today)
    if default_date is None:
        raise InputError("date is missing")
    return default_date


def scenario_from_row(
    row: Mapping[str, Value],
    default_date: dt.date | None = None,
    scales: Scales | None = None,
    today: dt.date | None = None,
) -> Scenario:
    """A Scenario from a mapping of the COLUMNS (a batch row, a compare spec, a library dict); ``scales`` as for
    :func:`scenario_of`; ``today``, the day a date cell ``i dag`` means."""
    if not KNOWN.issuperset(row):
        raise unknown_field(sorted(str(key) for key in row if key not in KNOWN)[0])
    step, posting, on = subject_and_date(
        row.get("trin"), row.get("posting"), row.get("date"), default_date, row.get("loenramme"), today
    )
    tillaeg = row.get("tillaeg")
    return scenario_of(
        on=on,
        step=step,
        posting=posting,
        label=given(row.get("label")) or "",
        kvalifikationsloen=row.get("kvalifikationsloen"),
        funktionsloen=row.get("funktionsloen"),
        tillaeg=None if tillaeg is None else given(tillaeg),
        afkoeb=row.get("afkoeb"),
        afkoeb_pensionsgivende=row.get("afkoeb_pensionsgivende"),
        engangsvederlag=row.get("engangsvederlag"),
        engangsvederlag_pensionsgivende=row.get("engangsvederlag_pensionsgivende"),
        pension=row.get("pension"),
        pensionsgruppe=given(row.get("pensionsgruppe")),
        deltid=row.get("deltid"),
        fritvalg=row.get("fritvalg"),
        fritvalg_gulv=row.get("fritvalg_gulv"),
        scales=scales,
    )


def parse_spec(text: str) -> dict[str, str]:
    """A compare spec: ``LABEL | key=value | key=value``; the label is the one part without ``=``.

    >>> parse_spec("Som opslået | posting=kontorchef-sundhed-praksis | kvalifikationsloen=60.000")
    {'label': 'Som opslået', 'posting': 'kontorchef-sundhed-praksis', 'kvalifikationsloen': '60.000'}
    """
    row: dict[str, str] = {}
    for part in text.split(SEPARATOR):
        key, sep, value = part.partition("=")
        if not sep:
            if "label" in row:
                raise InputError(f"scenario {text!r} has two labels; write LABEL | key=value | …")
            row["label"] = part.strip()
            continue
        key = column_name(key)
        if key == "tillaeg" and key in row:
            row[key] += SEPARATOR + value.strip()
        elif key in row:
            raise InputError(f"scenario {text!r} gives {key} twice")
        else:
            row[key] = value.strip()
    return row
