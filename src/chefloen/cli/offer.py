"""CLI commands for candidates and HR: net pay, pay history and the HTML offer sheet."""

# No `from __future__ import annotations`: Typer reads these signatures at run time (see cli_pay).
from pathlib import Path
from typing import Annotated

import typer

from chefloen import parsing
from chefloen.cli.options import (
    AfkoebOption,
    AfkoebPensionOption,
    AssumeOption,
    DateOption,
    DeltidOption,
    FormatOption,
    FunkOption,
    KirkeOption,
    KommuneOption,
    KvalOption,
    PensionGroupOption,
    PensionOption,
    PeriodStartOption,
    PostingOption,
    TaxYearOption,
    TillaegOption,
    TrinOption,
    build,
    date_or_posting_date,
    load,
    net_estimate,
    read,
    show,
    subject,
)
from chefloen.errors import InputError
from chefloen.render import Format
from chefloen.scenario_text import ScenarioFields


def net_command(
    gross: Annotated[str, typer.Option("--gross", help="Annual gross pay before pension, e.g. 792072.")],
    kommune: KommuneOption = None,
    kirke: KirkeOption = False,
    year: Annotated[int | None, typer.Option("--year", help="Income tax year. Default: the latest known.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Estimate net pay of an annual gross pay: AM-bidrag, ATP, fradrag, every tax and the skatteloft."""
    if kommune is None:
        raise typer.BadParameter("give --kommune, e.g. --kommune Viborg")
    show(net_estimate(read(parsing.parse_amount, gross), kommune, church=kirke, year=year), fmt)


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
    fmt: FormatOption = Format.table,
) -> None:
    """Pay of a trin or posting at every regulation date since 2018, as a table and a terminal chart."""
    from chefloen.history import history

    who = subject(trin, posting)
    loaded = load(ctx, assume, period_start)
    fields = ScenarioFields(
        kvalifikationsloen=kvalifikationsloen, funktionsloen=funktionsloen, tillaeg=tuple(tillaeg or ()), deltid=deltid
    )
    template = build(fields, loaded.regulation.factors[0].effective, step=who["step"], posting=who["posting"])
    show(history(template, loaded), fmt)


def offer_command(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write, e.g. tilbud.html.")],
    trin: TrinOption = None,
    posting: PostingOption = None,
    date: DateOption = None,
    label: Annotated[str, typer.Option("--label", help="A name for the scenario shown on the page.")] = "",
    kvalifikationsloen: KvalOption = None,
    funktionsloen: FunkOption = None,
    tillaeg: TillaegOption = None,
    afkoeb: AfkoebOption = None,
    afkoeb_pensionsgivende: AfkoebPensionOption = False,
    pension: PensionOption = None,
    pensionsgruppe: PensionGroupOption = None,
    deltid: DeltidOption = None,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    net: Annotated[bool, typer.Option("--net", help="Include a net-pay estimate (needs --kommune).")] = False,
    kommune: KommuneOption = None,
    kirke: KirkeOption = False,
    skatteaar: TaxYearOption = None,
) -> None:
    """Write a one-page, self-contained Danish offer sheet (HTML, printable to PDF)."""
    from chefloen.calc import compute
    from chefloen.history import history
    from chefloen.render import html
    from chefloen.render.files import atomic_output

    who = subject(trin, posting)
    loaded = load(ctx, assume, period_start)
    on = date_or_posting_date(loaded, date, posting)
    fields = ScenarioFields(
        kvalifikationsloen=kvalifikationsloen,
        funktionsloen=funktionsloen,
        tillaeg=tuple(tillaeg or ()),
        afkoeb=afkoeb,
        afkoeb_pensionsgivende=afkoeb_pensionsgivende,
        pension=pension,
        pensionsgruppe=pensionsgruppe,
        deltid=deltid,
    )
    scenario = build(fields, on, step=who["step"], posting=who["posting"])._replace(label=label)
    breakdown = compute(scenario, loaded)
    estimate = net_estimate(breakdown.annual_pay, kommune, church=kirke, year=skatteaar) if net else None
    page = html.page(breakdown, history(scenario, loaded), estimate)
    if output.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"{output.name}: the offer sheet is HTML; name the file .html")
    with atomic_output(output) as stream:
        stream.write(page)
    typer.echo(f"Skrev {output}", err=True)
