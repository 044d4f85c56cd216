"""A scenario written as text fields (CLI options, a batch row, a compare spec) and how it becomes a Scenario."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from chefloen import notation
from chefloen.errors import InputError
from chefloen.model import Scenario

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
    value = (text or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InputError(f"{what} {text!r} must be ja or nej")


def _amount(text: str | None, what: str) -> Decimal:
    return Decimal(0) if text is None or not text.strip() else notation.parse_amount(text, what)


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


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
        afkoeb = None
        if not _blank(self.afkoeb):
            assert self.afkoeb is not None
            afkoeb = notation.parse_afkoeb(self.afkoeb, pensionable=self.afkoeb_pensionsgivende)
        return Scenario(
            on=on,
            step=step,
            posting=posting,
            kvalifikationsloen=_amount(self.kvalifikationsloen, "kvalifikationsløn"),
            funktionsloen=_amount(self.funktionsloen, "funktionsløn"),
            supplements=tuple(notation.parse_supplement(text) for text in self.tillaeg if text.strip()),
            afkoeb=afkoeb,
            one_off=_amount(self.engangsvederlag, "engangsvederlag"),
            one_off_pensionable=self.engangsvederlag_pensionsgivende,
            pension_percent=None if _blank(self.pension) else notation.parse_percent(self.pension or "", "pension"),
            pension_group=None if _blank(self.pensionsgruppe) else (self.pensionsgruppe or "").strip(),
            part_time=None if _blank(self.deltid) else notation.parse_part_time(self.deltid or ""),
            label=label,
        )


FIELD_NAMES = ScenarioFields._fields
KNOWN = frozenset(COLUMNS)


def scenario_from_row(row: Mapping[str, str | None], default_date: dt.date | None = None) -> Scenario:
    """A Scenario from a mapping of the COLUMNS (a batch row or a compare spec)."""
    unknown = sorted(key for key in row if key not in KNOWN)
    if unknown:
        raise InputError(f"unknown field {unknown[0]!r}; known: {', '.join(COLUMNS)}")
    step, posting = (row.get("trin") or "").strip(), (row.get("posting") or "").strip()
    if bool(step) == bool(posting):
        raise InputError("give either trin or posting")
    date_text = row.get("date")
    if _blank(date_text):
        if default_date is None:
            raise InputError("date is missing")
        on = default_date
    else:
        on = notation.parse_date(date_text or "")
    values: dict[str, object] = {}
    for name in FIELD_NAMES:
        text = row.get(name)
        if name.endswith("pensionsgivende"):
            values[name] = parse_flag(text, name)
        elif name == "tillaeg":
            values[name] = tuple((text or "").split(SEPARATOR))
        else:
            values[name] = text
    fields_ = ScenarioFields(**values)  # type: ignore[arg-type]
    return fields_.scenario(on, step=step or None, posting=posting or None, label=(row.get("label") or "").strip())


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
