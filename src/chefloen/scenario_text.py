"""A scenario written as text fields (CLI options, a batch row, a compare spec) and how it becomes a Scenario."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from chefloen import parsing
from chefloen.errors import InputError
from chefloen.model import Scenario
from chefloen.money import ZERO

# The columns a batch file or a compare spec may use; the names scripts rely on.
COLUMNS = (
    "label",
    "trin",
    "posting",
    "date",
    "kvalifikationsloen",
    "funktionsloen",
    "tillaeg",
    "afkoeb",
    "afkoeb_pensionsgivende",
    "engangsvederlag",
    "engangsvederlag_pensionsgivende",
    "pension",
    "pensionsgruppe",
    "deltid",
)
# Several tillæg in one field are separated by "|": "Ledelse=20000|Rådighed=5000".
SEPARATOR = "|"
_TRUE = {"ja", "true", "1", "yes"}
_FALSE = {"nej", "false", "0", "no", ""}


def parse_flag(text: str | None, what: str) -> bool:
    if not text:
        return False
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InputError(f"{what} {text!r} must be ja or nej")


def _given(text: str | None) -> str | None:
    """The text with surrounding blanks removed, or None when nothing was given."""
    return (text.strip() or None) if text else None


def _amount(text: str | None, what: str) -> Decimal:
    return parsing.parse_amount(text, what) if text is not None and _given(text) else ZERO


class ScenarioFields(NamedTuple):
    """A scenario's components as typed; ``scenario()`` reads them, raising InputError on bad text."""

    kvalifikationsloen: str | None = None
    funktionsloen: str | None = None
    tillaeg: tuple[str, ...] = ()
    afkoeb: str | None = None
    afkoeb_pensionsgivende: bool = False
    engangsvederlag: str | None = None
    engangsvederlag_pensionsgivende: bool = False
    pension: str | None = None
    pensionsgruppe: str | None = None
    deltid: str | None = None

    def scenario(
        self, on: dt.date, *, step: str | None = None, posting: str | None = None, label: str = ""
    ) -> Scenario:
        afkoeb, pension, deltid = _given(self.afkoeb), _given(self.pension), _given(self.deltid)
        return Scenario(
            on=on,
            step=step,
            posting=posting,
            kvalifikationsloen=_amount(self.kvalifikationsloen, "kvalifikationsløn"),
            funktionsloen=_amount(self.funktionsloen, "funktionsløn"),
            supplements=tuple(parsing.parse_supplement(text) for text in self.tillaeg if text.strip())
            if self.tillaeg
            else (),
            afkoeb=parsing.parse_afkoeb(afkoeb, pensionable=self.afkoeb_pensionsgivende) if afkoeb else None,
            one_off=_amount(self.engangsvederlag, "engangsvederlag"),
            one_off_pensionable=self.engangsvederlag_pensionsgivende,
            pension_percent=parsing.parse_percent(pension, "pension") if pension else None,
            pension_group=_given(self.pensionsgruppe),
            part_time=parsing.parse_part_time(deltid) if deltid else None,
            label=label,
        )


KNOWN = frozenset(COLUMNS)


def scenario_from_row(row: Mapping[str, str | None], default_date: dt.date | None = None) -> Scenario:
    """A Scenario from a mapping of the COLUMNS (a batch row or a compare spec)."""
    if not KNOWN.issuperset(row):
        unknown = sorted(key for key in row if key not in KNOWN)
        raise InputError(f"unknown field {unknown[0]!r}; known: {', '.join(COLUMNS)}")
    step, posting = _given(row.get("trin")), _given(row.get("posting"))
    if bool(step) == bool(posting):
        raise InputError("give either trin or posting")
    date_text = _given(row.get("date"))
    if date_text is not None:
        on = parsing.parse_date(date_text)
    elif default_date is not None:
        on = default_date
    else:
        raise InputError("date is missing")
    tillaeg = row.get("tillaeg")
    fields = ScenarioFields(
        kvalifikationsloen=row.get("kvalifikationsloen"),
        funktionsloen=row.get("funktionsloen"),
        tillaeg=tuple(tillaeg.split(SEPARATOR)) if tillaeg else (),
        afkoeb=row.get("afkoeb"),
        afkoeb_pensionsgivende=parse_flag(row.get("afkoeb_pensionsgivende"), "afkoeb_pensionsgivende"),
        engangsvederlag=row.get("engangsvederlag"),
        engangsvederlag_pensionsgivende=parse_flag(
            row.get("engangsvederlag_pensionsgivende"), "engangsvederlag_pensionsgivende"
        ),
        pension=row.get("pension"),
        pensionsgruppe=row.get("pensionsgruppe"),
        deltid=row.get("deltid"),
    )
    return fields.scenario(on, step=step, posting=posting, label=_given(row.get("label")) or "")


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
        key = key.strip()
        if key == "tillaeg" and key in row:
            row[key] += SEPARATOR + value.strip()
        elif key in row:
            raise InputError(f"scenario {text!r} gives {key} twice")
        else:
            row[key] = value.strip()
    return row
