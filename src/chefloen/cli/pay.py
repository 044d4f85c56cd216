"""Commands that compute one result: quote, posting, steps and convert."""

# No `from __future__ import annotations`: Typer reads these signatures at run time, and real
# annotation objects spare it compiling every annotation string on each start.
from enum import StrEnum
from typing import Annotated

import typer

from chefloen import parsing
from chefloen.calc import compute, convert, step_table
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
    NetOption,
    OneOffOption,
    OneOffPensionOption,
    PensionGroupOption,
    PensionOption,
    PeriodStartOption,
    TaxYearOption,
    TillaegOption,
    build,
    date_or_posting_date,
    load,
    maybe_net,
    read,
    read_date,
    show,
)
from chefloen.render import Format
from chefloen.scenario_text import ScenarioFields


class Target(StrEnum):
    kroner = "kroner"
    grundbeloeb = "grundbeloeb"


def quote(
    ctx: typer.Context,
    trin: Annotated[str, typer.Option("--trin", "-t", help="Chef trin: 49, 50, …, 55, 55+.")],
    date: DateOption = None,
    kvalifikationsloen: KvalOption = None,
    funktionsloen: FunkOption = None,
    tillaeg: TillaegOption = None,
    afkoeb: AfkoebOption = None,
    afkoeb_pensionsgivende: AfkoebPensionOption = False,
    engangsvederlag: OneOffOption = None,
    engangsvederlag_pensionsgivende: OneOffPensionOption = False,
    pension: PensionOption = None,
    pensionsgruppe: PensionGroupOption = None,
    deltid: DeltidOption = None,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    net: NetOption = False,
    kommune: KommuneOption = None,
    kirke: KirkeOption = False,
    skatteaar: TaxYearOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Annual and monthly pay, pension and total for a trin at an index date."""
    fields = ScenarioFields(
        kvalifikationsloen, funktionsloen, tuple(tillaeg or ()), afkoeb, afkoeb_pensionsgivende,
        engangsvederlag, engangsvederlag_pensionsgivende, pension, pensionsgruppe, deltid,
    )  # fmt: skip
    scenario = build(fields, read_date(date), step=trin.strip())
    breakdown = compute(scenario, load(ctx, assume, period_start))
    show(maybe_net(breakdown, net=net, kommune=kommune, church=kirke, year=skatteaar), fmt)


def posting(
    ctx: typer.Context,
    posting_id: Annotated[str, typer.Argument(metavar="ID", help="Posting id; see 'chefloen postings'.")],
    date: DateOption = None,
    kvalifikationsloen: KvalOption = None,
    funktionsloen: FunkOption = None,
    tillaeg: TillaegOption = None,
    afkoeb: AfkoebOption = None,
    afkoeb_pensionsgivende: AfkoebPensionOption = False,
    engangsvederlag: OneOffOption = None,
    engangsvederlag_pensionsgivende: OneOffPensionOption = False,
    pension: PensionOption = None,
    pensionsgruppe: PensionGroupOption = None,
    deltid: DeltidOption = None,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    net: NetOption = False,
    kommune: KommuneOption = None,
    kirke: KirkeOption = False,
    skatteaar: TaxYearOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """A published posting re-indexed to a date (default: its own level date), with any extra components."""
    fields = ScenarioFields(
        kvalifikationsloen, funktionsloen, tuple(tillaeg or ()), afkoeb, afkoeb_pensionsgivende,
        engangsvederlag, engangsvederlag_pensionsgivende, pension, pensionsgruppe, deltid,
    )  # fmt: skip
    scales = load(ctx, assume, period_start)
    on = date_or_posting_date(scales, date, posting_id)
    breakdown = compute(build(fields, on, posting=posting_id), scales)
    show(maybe_net(breakdown, net=net, kommune=kommune, church=kirke, year=skatteaar), fmt)


def steps(
    ctx: typer.Context,
    date: DateOption = None,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The chef step table (basisløn for every trin) at an index date."""
    show(step_table(read_date(date), load(ctx, assume, period_start)), fmt)


def convert_command(
    ctx: typer.Context,
    amount: Annotated[str, typer.Argument(metavar="BELØB", help="The amount to convert.")],
    date: DateOption = None,
    to: Annotated[
        Target,
        typer.Option("--to", help="kroner: grundbeløb -> kroner at the date; grundbeloeb: kroner -> grundbeløb."),
    ] = Target.kroner,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Convert a grundbeløb (31.3.2018 level) to current kroner at a date, or back."""
    value = read(parsing.parse_amount, amount)
    show(convert(value, read_date(date), load(ctx, assume, period_start), to=to.value), fmt)
