"""The CLI's options, declared once as Annotated aliases, and the few steps every command shares."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from chefloen import labels
from chefloen.arguments import date_or_today, with_assumed
from chefloen.breakdown import Breakdown
from chefloen.cli import complete
from chefloen.errors import InputError
from chefloen.model import Scales
from chefloen.render import Dialect, Format, Result, emit

if TYPE_CHECKING:
    from chefloen.tax import NetPay, WithNet

F = TypeVar("F", bound=str)  # a format: Format, BatchFormat, or the offer sheet's "html"

FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output: table (Danish), json, csv or xlsx. Default: from --output's name, else table.",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="FIL", help="Write to this file, whole or not at all; - is standard output."
    ),
]
DialectOption = Annotated[
    Dialect,
    typer.Option(
        "--csv-dialect",
        case_sensitive=False,
        help="CSV for scripts (plain), or for Danish Excel (excel-da: semicolons, decimal commas, BOM).",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", "-d", metavar="DATO", help="Index date: 2025-11-01, 1.11.2025, 1.11.25 or 'i dag'. Default: today."
    ),
]
DefaultDateOption = Annotated[
    str | None,
    typer.Option("--date", "-d", metavar="DATO", help="Date for the scenarios that give none. Default: today."),
]
DatesOption = Annotated[
    list[str] | None,
    typer.Option("--date", "-d", metavar="DATO", help="Index date. Repeatable. Default: today."),
]
KvalOption = Annotated[
    str | None,
    typer.Option(
        "--kvalifikationsloen",
        metavar="BELØB",
        help="Kvalifikationsløn: annual grundbeløb (31.3.2018) or kroner, 40.000 kr.",
    ),
]
FunkOption = Annotated[
    str | None,
    typer.Option(
        "--funktionsloen",
        metavar="BELØB",
        help="Funktionsløn: annual grundbeløb (31.3.2018) or kroner, 40.000 kr.",
    ),
]
TillaegOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tillaeg",
        metavar="NAVN=BELØB",
        help="Named tillæg NAVN=BELØB (grundbeløb or kroner, pensionable). Repeatable.",
    ),
]
AfkoebOption = Annotated[
    str | None,
    typer.Option(
        "--afkoeb",
        metavar="AFKØB",
        help="Afkøb af merarbejde: 10% of pay, 5t a week, grundbeløb 25000 or 25.000 kr.",
    ),
]
AfkoebPensionOption = Annotated[
    bool, typer.Option("--afkoeb-pensionsgivende", help="Count afkøb as pensionable (default: not).")
]
OneOffOption = Annotated[
    str | None,
    typer.Option("--engangsvederlag", metavar="BELØB", help="Engangsvederlag in current kroner (not regulated)."),
]
OneOffPensionOption = Annotated[
    bool, typer.Option("--engangsvederlag-pensionsgivende", help="Count engangsvederlag as pensionable.")
]
PensionOption = Annotated[
    str | None, typer.Option("--pension", metavar="PCT", help="Pension percent instead of the agreed rate, e.g. 21.59.")
]
FritvalgOption = Annotated[
    str | None,
    typer.Option(
        "--fritvalg",
        metavar="PCT",
        help="Pension taken as pay (fritvalgstillæg): points of the pension rate, e.g. 3.5, or max for all above "
        "the 15 % floor.",
    ),
]
FritvalgFloorOption = Annotated[
    str | None,
    typer.Option(
        "--fritvalg-gulv",
        metavar="PCT",
        help="The pension rate that stays pension under --fritvalg. Default: 15 (data/scales).",
    ),
]
PensionGroupOption = Annotated[
    str | None, typer.Option("--pensionsgruppe", metavar="GRUPPE", help="Pension group: chef or regionsdirektoer.")
]
DeltidOption = Annotated[
    str | None,
    typer.Option(
        "--deltid", metavar="DELTID", help="Part time: a fraction (0.8), a percent (80%) or weekly hours of 37 (30t)."
    ),
]
TrinOption = Annotated[
    str | None,
    typer.Option(
        "--trin",
        "-t",
        metavar="TRIN",
        help="Chef trin, or a lønramme (LR37); or use --posting.",
        autocompletion=complete.trin,
    ),
]
PostingOption = Annotated[
    str | None,
    typer.Option("--posting", "-p", metavar="ID", help="Posting id (or use --trin).", autocompletion=complete.posting),
]
AssumeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--assume",
        metavar="DATO:+PCT%",
        help="Assumed regulation DATE:+PCT%, e.g. 2026-04-01:+2.5%, or @FILE with one a line. Repeatable.",
    ),
]
PeriodStartOption = Annotated[
    str | None,
    typer.Option(
        "--period-start",
        metavar="PERIODE",
        help="Agreement period the assumptions belong to: a name (OK24) or a start date. Default: a new period.",
    ),
]
NetOption = Annotated[bool, typer.Option("--net", help="Add a net-pay estimate (needs --kommune).")]
KommuneOption = Annotated[
    str | None,
    typer.Option(
        "--kommune",
        metavar="KOMMUNE",
        help="Municipality for the tax estimate, e.g. Aarhus or Århus.",
        autocompletion=complete.kommune,
    ),
]
KirkeOption = Annotated[bool, typer.Option("--kirke", help="Member of the folkekirke: add kirkeskat.")]
TaxYearOption = Annotated[
    int | None,
    typer.Option(
        "--skatteaar",
        metavar="ÅR",
        help="Income tax year of the net estimate. Default: the year of the date; when the data has no rules for it, "
        "the latest year before it, else the first after it (and a warning says so).",
    ),
]
NetTaxYearOption = Annotated[
    int | None,
    typer.Option(
        "--skatteaar", metavar="ÅR", help="Income tax year. Default: the latest known, shipped or yours (chefloen tax)."
    ),
]


def subject(trin: str | None, posting: str | None) -> dict[str, str | None]:
    """The trin or the posting a command is about; exactly one must be given."""
    if (trin is None) == (posting is None):
        raise InputError("give either --trin or --posting")
    return {"step": trin.strip() if trin else None, "posting": posting}


def priced_on(text: str | None) -> tuple[dt.date, dt.date | None]:
    """The date a command prices at (the one date rule: today unless given), and that date again when it
    was not given, for :func:`show` to say so."""
    on = date_or_today(text)
    return on, (on if text is None else None)


def load(ctx: typer.Context, assume: list[str] | None = None, period_start: str | None = None) -> Scales:
    """The tables from --scales-dir (or the default), with any assumed regulations applied."""
    from chefloen.loading.scales import load_scales

    directory = ctx.find_root().obj
    return with_assumed(load_scales(directory if isinstance(directory, Path) else None), assume or [], period_start)


# The --output names of a result, by extension, and what each writes.
WRITES = {".txt": Format.table, ".json": Format.json, ".csv": Format.csv, ".xlsx": Format.xlsx}


def chosen_format(
    fmt: F | None, output: Path | None, writes: Mapping[str, F], default: F, *, command: str = "chefloen"
) -> F:
    """The --format given; else the one the --output file's extension names in ``writes``; else ``default``, as
    for standard output, a device or a FIFO. A file named with another extension, or none, is refused."""
    if fmt is not None:
        return fmt
    if output is None or output.is_dir():  # a directory: atomic_output says it cannot be written, and why
        return default
    from chefloen.files import stream_or_device

    if stream_or_device(output):
        return default
    return format_of_name(output, writes, command, hint="give one of those or --format")


def format_of_name(output: Path, writes: Mapping[str, F], command: str, *, hint: str) -> F:
    """What the extension of ``output`` names in ``writes``; any other is a usage error that lists them."""
    suffix = output.suffix.lower()
    if suffix in writes:
        return writes[suffix]
    listed = ", ".join(name if f".{kind}" in writes else f"{name} ({kind})" for name, kind in writes.items())
    missing = "" if suffix else "no extension; "
    raise InputError(f"{output.name}: {missing}{command} writes {listed}; {hint}")


def show(
    result: Result,
    fmt: Format | None,
    output: Path | None = None,
    dialect: Dialect = Dialect.plain,
    *,
    today: dt.date | None = None,
) -> None:
    """Write a result to stdout or to --output; for CSV and workbooks, warnings also go to stderr, and so does
    ``today``, the date the result was priced at because none was given (tables and JSON show their date)."""
    fmt = chosen_format(fmt, output, WRITES, Format.table)
    if fmt is Format.xlsx:
        check_workbook_target(output)
    if output is None:
        emit(result, fmt, sys.stdout, dialect=dialect)
    else:
        from chefloen.files import atomic_output

        with atomic_output(output, binary=fmt is Format.xlsx) as stream:
            emit(result, fmt, stream, dialect=dialect)
    if fmt in (Format.csv, Format.xlsx):
        if today is not None:
            typer.echo(f"Dato: {labels.date(today)} (i dag; --date for en anden dato)", err=True)
        for notice in result.notices:
            typer.echo(f"Advarsel: {labels.visible(notice.message)}", err=True)


def check_workbook_target(output: Path | None) -> None:
    """A workbook is written to a file, or to standard output when that is not a terminal."""
    if output is None:
        raise InputError("--format xlsx writes a workbook: give --output FILE.xlsx")
    if str(output) == "-" and sys.stdout.isatty():
        raise InputError("a workbook is not written to the terminal: give --output FILE.xlsx, or pipe it")


def net_estimate(
    gross: Decimal, kommune: str | None, *, church: bool, year: int | None, on: dt.date | None = None
) -> NetPay:
    """A net-pay estimate for the options given: under the rules of ``year``, else of the year of ``on`` (the
    date priced; warned of when the data has none for it), else of the latest year. A missing municipality is a
    usage error."""
    from chefloen.loading.tax import load_tax_year, tax_year_for
    from chefloen.tax import net_pay

    if kommune is None:
        raise InputError("--net needs --kommune, e.g. --kommune Viborg")
    if year is None and on is not None:
        return net_pay(gross, kommune, church=church, rules=tax_year_for(on.year), asked_year=on.year)
    return net_pay(gross, kommune, church=church, rules=load_tax_year(year))


def maybe_net(
    breakdown: Breakdown, *, net: bool, kommune: str | None, church: bool, year: int | None
) -> Breakdown | WithNet:
    """The breakdown, with a net-pay estimate of its annual pay when --net is given."""
    if not net:
        return breakdown
    from chefloen.tax import WithNet

    estimate = net_estimate(breakdown.taxable_pay, kommune, church=church, year=year, on=breakdown.on)
    return WithNet(breakdown=breakdown, net=estimate)
