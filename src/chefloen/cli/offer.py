"""CLI commands for candidates and HR: net pay, pay history and the HTML offer sheet."""

# No `from __future__ import annotations`: Typer reads these signatures at run time (see cli.pay).
import datetime as dt
from dataclasses import replace
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
from chefloen.model import Scales, Scenario
from chefloen.render import Dialect
from chefloen.scenario_text import parse_spec, scenario_from_row, scenario_of


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


ScenarioOption = Annotated[
    list[str] | None,
    typer.Option(
        "--scenario",
        "-s",
        metavar="SCENARIE",
        help="An alternative, LABEL | key=value | … as for compare, e.g. 'Med kval | kvalifikationsloen=60000'; "
        "2 to 4 side by side. A spec without trin or posting is of --trin or --posting; the scenario options "
        "(--label, --kvalifikationsloen, …) then go in the specs. Repeatable.",
    ),
]


def offer_command(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write, e.g. tilbud.html.")],
    trin: TrinOption = None,
    posting: PostingOption = None,
    scenario: ScenarioOption = None,
    date: DateOption = None,
    kandidat: Annotated[
        str | None, typer.Option("--kandidat", metavar="NAVN", help="The candidate's name, shown on the sheet.")
    ] = None,
    tiltraedelse: Annotated[
        str | None,
        typer.Option(
            "--tiltraedelse",
            metavar="DATO",
            help="The start date, shown on the sheet; the pay is priced at it unless --date is given.",
        ),
    ] = None,
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
    """Write a one-page, self-contained Danish offer sheet (HTML, printable to one A4 page) for the candidate: one
    scenario in detail, or 2 to 4 --scenario alternatives side by side with their differences to the first; with
    --kommune (--net is then implied), the net-pay estimate a month and a year."""
    from chefloen.files import atomic_output, stream_or_device
    from chefloen.offers import check_count, offer
    from chefloen.render import html

    if not stream_or_device(output):
        format_of_name(output, {".html": "html", ".htm": "html"}, "chefloen offer", hint="give one of those")
    today = date_or_today(None)
    start = None if tiltraedelse is None else date_or_today(tiltraedelse)
    on = date_or_today(date) if date is not None or start is None else start
    loaded = load(ctx, assume, period_start)
    fields = {
        "--label": label or None,
        "--kvalifikationsloen": kvalifikationsloen,
        "--funktionsloen": funktionsloen,
        "--tillaeg": tillaeg,
        "--afkoeb": afkoeb,
        "--afkoeb-pensionsgivende": afkoeb_pensionsgivende or None,
        "--pension": pension,
        "--pensionsgruppe": pensionsgruppe,
        "--fritvalg": fritvalg,
        "--fritvalg-gulv": fritvalg_gulv,
        "--deltid": deltid,
    }
    if scenario:
        stray = next((name for name, value in fields.items() if value is not None), None)
        if stray is not None:
            field = "LABEL | …" if stray == "--label" else f"{stray[2:].replace('-', '_')}=…"
            raise InputError(f"with --scenario, {stray} belongs in the specs: write {field} in each that has it")
        check_count(len(scenario))
        scenarios = [spec_scenario(text, trin, posting, on, loaded, today) for text in scenario]
    else:
        who = subject(trin, posting)
        scenarios = [
            scenario_of(
                on=on,
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
        ]
    made = offer(scenarios, loaded, issued=today, candidate=kandidat or "", start=start)
    if net or kommune is not None:  # a kommune is given for its net pay
        nets = tuple(
            net_estimate(b.taxable_pay, kommune, church=kirke, year=skatteaar, on=b.on) for b in made.breakdowns
        )
        made = replace(made, nets=nets)
    page = html.sheet(made)
    with atomic_output(output) as stream:
        stream.write(page)
    if str(output) != "-":
        typer.echo(f"Tilbudsarket er gemt i {output}", err=True)


def spec_scenario(
    text: str, trin: str | None, posting: str | None, on: dt.date, scales: Scales, today: dt.date
) -> Scenario:
    """An alternative from its spec, as compare reads one: a spec that names no trin, lønramme or posting is of
    the --trin or --posting given, and one without a date is priced at ``on`` (``date=i dag`` is ``today``)."""
    row: dict[str, str] = parse_spec(text)
    if not any(row.get(key, "").strip() for key in ("trin", "loenramme", "posting")):
        if trin is None and posting is None:
            raise InputError(
                f"scenario {text!r} names no trin or posting; write trin=… in it, or give --trin or --posting"
            )
        who = subject(trin, posting)
        row |= {key: value for key, value in (("trin", who["step"]), ("posting", who["posting"])) if value}
    return scenario_from_row(row, on, scales, today)
