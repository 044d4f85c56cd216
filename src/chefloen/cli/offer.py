"""CLI commands for candidates and HR: net pay, pay history and the HTML offer sheet."""

# No `from __future__ import annotations`: Typer reads these signatures at run time (see cli.pay).
from pathlib import Path
from typing import Annotated

import typer

from chefloen import parsing
from chefloen.api import date_or_today
from chefloen.cli.options import (
    AfkoebOption,
    AfkoebPensionOption,
    AssumeOption,
    DateOption,
    DeltidOption,
    DialectOption,
    FormatOption,
    FritvalgFloorOption,
    FritvalgOption,
    FunkOption,
    KirkeOption,
    KommuneOption,
    KvalOption,
    NetOption,
    NetTaxYearOption,
    OutputOption,
    PensionGroupOption,
    PensionOption,
    PeriodStartOption,
    PostingOption,
    TaxYearOption,
    TillaegOption,
    TrinOption,
    format_of_name,
    load,
    net_estimate,
    show,
    subject,
)
from chefloen.errors import InputError
from chefloen.render import Dialect
from chefloen.scenario_text import scenario_of


def net_command(
    gross: Annotated[
        str, typer.Option("--gross", metavar="BELØB", help="Annual gross pay before pension, e.g. 792072.")
    ],
    kommune: KommuneOption = None,
    kirke: KirkeOption = False,
    skatteaar: NetTaxYearOption = None,
    year: Annotated[
        int | None, typer.Option("--year", metavar="ÅR", hidden=True, help="Old name of --skatteaar.")
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    csv_dialect: DialectOption = Dialect.plain,
) -> None:
    """Estimate net pay of an annual gross pay: AM-bidrag, ATP, fradrag, every tax and the skatteloft."""
    if kommune is None:
        raise InputError("give --kommune, e.g. --kommune Viborg")
    if skatteaar is not None and year is not None and skatteaar != year:
        raise InputError("give the tax year once, as --skatteaar")
    chosen = skatteaar if skatteaar is not None else year
    show(net_estimate(parsing.parse_amount(gross), kommune, church=kirke, year=chosen), fmt, output, csv_dialect)


def history_command(
    ctx: typer.Context,
    trin: TrinOption = None,
    posting: PostingOption = None,
    kvalifikationsloen: KvalOption = None,
    funktionsloen: FunkOption = None,
    tillaeg: TillaegOption = None,
    deltid: DeltidOption = None,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    csv_dialect: DialectOption = Dialect.plain,
) -> None:
    """Pay of a trin or posting at every regulation date since 2018, as a table and a terminal chart."""
    from chefloen.plans import history

    who = subject(trin, posting)
    loaded = load(ctx, assume, period_start)
    template = scenario_of(
        on=date_or_today(None),  # kroner given as components are today's; history prices every regulation date
        step=who["step"],
        posting=who["posting"],
        kvalifikationsloen=kvalifikationsloen,
        funktionsloen=funktionsloen,
        tillaeg=tillaeg,
        deltid=deltid,
        scales=loaded,
    )
    show(history(template, loaded), fmt, output, csv_dialect)


def offer_command(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write, e.g. tilbud.html.")],
    trin: TrinOption = None,
    posting: PostingOption = None,
    date: DateOption = None,
    label: Annotated[
        str, typer.Option("--label", metavar="NAVN", help="A name for the scenario shown on the page.")
    ] = "",
    kvalifikationsloen: KvalOption = None,
    funktionsloen: FunkOption = None,
    tillaeg: TillaegOption = None,
    afkoeb: AfkoebOption = None,
    afkoeb_pensionsgivende: AfkoebPensionOption = False,
    pension: PensionOption = None,
    pensionsgruppe: PensionGroupOption = None,
    fritvalg: FritvalgOption = None,
    fritvalg_gulv: FritvalgFloorOption = None,
    deltid: DeltidOption = None,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    net: NetOption = False,
    kommune: KommuneOption = None,
    kirke: KirkeOption = False,
    skatteaar: TaxYearOption = None,
) -> None:
    """Write a one-page, self-contained Danish offer sheet (HTML, printable to PDF); with --kommune (--net is then
    implied), it shows the net-pay estimate a month and a year."""
    from chefloen.calc import compute
    from chefloen.files import atomic_output, stream_or_device
    from chefloen.plans import history
    from chefloen.render import html

    if not stream_or_device(output):
        format_of_name(output, {".html": "html", ".htm": "html"}, "chefloen offer", hint="give one of those")
    who = subject(trin, posting)
    loaded = load(ctx, assume, period_start)
    scenario = scenario_of(
        on=date_or_today(date),
        step=who["step"],
        posting=who["posting"],
        label=label,
        kvalifikationsloen=kvalifikationsloen,
        funktionsloen=funktionsloen,
        tillaeg=tillaeg,
        afkoeb=afkoeb,
        afkoeb_pensionsgivende=afkoeb_pensionsgivende,
        pension=pension,
        pensionsgruppe=pensionsgruppe,
        fritvalg=fritvalg,
        fritvalg_gulv=fritvalg_gulv,
        deltid=deltid,
        scales=loaded,
    )
    breakdown = compute(scenario, loaded)
    wanted = net or kommune is not None  # a kommune is given for its net pay
    estimate = (
        net_estimate(breakdown.taxable_pay, kommune, church=kirke, year=skatteaar, on=breakdown.on) if wanted else None
    )
    page = html.page(breakdown, history(scenario, loaded), estimate)
    with atomic_output(output) as stream:
        stream.write(page)
    if str(output) != "-":
        typer.echo(f"Tilbudsarket er gemt i {output}", err=True)
