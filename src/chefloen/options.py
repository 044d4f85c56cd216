"""The CLI's shared options, declared once, and how they become a Scenario."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, TypeVar

import typer

from chefloen import notation
from chefloen.errors import InputError
from chefloen.model import Afkoeb, PartTime, Scenario, Supplement
from chefloen.output import Format

T = TypeVar("T")

FormatOption = Annotated[
    Format, typer.Option("--format", "-f", case_sensitive=False, help="Output: table (Danish), json or csv.")
]
DateOption = Annotated[
    str | None, typer.Option("--date", "-d", help="Index date, 2025-11-01 or 1.11.2025. Default: today.")
]
KvalOption = Annotated[
    str | None, typer.Option("--kvalifikationsloen", help="Kvalifikationsløn, annual grundbeløb (31.3.2018).")
]
FunkOption = Annotated[str | None, typer.Option("--funktionsloen", help="Funktionsløn, annual grundbeløb (31.3.2018).")]
TillaegOption = Annotated[
    list[str] | None,
    typer.Option("--tillaeg", help="Named tillæg NAVN=BELØB (grundbeløb, pensionable). Repeatable."),
]
AfkoebOption = Annotated[
    str | None,
    typer.Option("--afkoeb", help="Afkøb af merarbejde: 10% of pay, 5t hours a week, or a grundbeløb such as 25000."),
]
AfkoebPensionOption = Annotated[
    bool, typer.Option("--afkoeb-pensionsgivende", help="Count afkøb as pensionable (default: not).")
]
OneOffOption = Annotated[
    str | None, typer.Option("--engangsvederlag", help="Engangsvederlag in current kroner (not regulated).")
]
OneOffPensionOption = Annotated[
    bool, typer.Option("--engangsvederlag-pensionsgivende", help="Count engangsvederlag as pensionable.")
]
PensionOption = Annotated[
    str | None, typer.Option("--pension", help="Pension percent instead of the agreed rate, e.g. 21.59.")
]
PensionGroupOption = Annotated[
    str | None, typer.Option("--pensionsgruppe", help="Pension group: chef or regionsdirektoer.")
]
DeltidOption = Annotated[
    str | None, typer.Option("--deltid", help="Part time: a fraction (0.8) or weekly hours of 37 (30t).")
]


def read(parse: Callable[[str], T], text: str) -> T:
    """Parse one option value; a bad value is a usage error (exit 2)."""
    try:
        return parse(text)
    except InputError as exc:
        raise typer.BadParameter(str(exc)) from None


def read_date(text: str | None) -> dt.date:
    # The core never reads the clock; "today" is decided here.
    return dt.date.today() if text is None else read(notation.parse_date, text)


def read_amount(text: str | None, what: str) -> Decimal:
    return Decimal(0) if text is None else read(lambda value: notation.parse_amount(value, what), text)


@dataclass(frozen=True)
class ScenarioOptions:
    """The scenario options as typed, before parsing."""

    kvalifikationsloen: str | None = None
    funktionsloen: str | None = None
    tillaeg: list[str] | None = None
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
        afkoeb: Afkoeb | None = None
        if self.afkoeb is not None:
            afkoeb = read(
                lambda text: notation.parse_afkoeb(text, pensionable=self.afkoeb_pensionsgivende), self.afkoeb
            )
        supplements: tuple[Supplement, ...] = tuple(
            read(notation.parse_supplement, text) for text in self.tillaeg or ()
        )
        part_time: PartTime | None = None if self.deltid is None else read(notation.parse_part_time, self.deltid)
        pension = (
            None if self.pension is None else read(lambda text: notation.parse_percent(text, "pension"), self.pension)
        )
        return Scenario(
            on=on,
            step=step,
            posting=posting,
            kvalifikationsloen=read_amount(self.kvalifikationsloen, "kvalifikationsløn"),
            funktionsloen=read_amount(self.funktionsloen, "funktionsløn"),
            supplements=supplements,
            afkoeb=afkoeb,
            one_off=read_amount(self.engangsvederlag, "engangsvederlag"),
            one_off_pensionable=self.engangsvederlag_pensionsgivende,
            pension_percent=pension,
            pension_group=self.pensionsgruppe,
            part_time=part_time,
            label=label,
        )
