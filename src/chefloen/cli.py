"""The chefloen command line: options -> Scenario -> engine -> one output path."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from chefloen import __version__, cli_offer, cli_plans, notation
from chefloen.calc import compute, convert, step_table
from chefloen.errors import ChefloenError
from chefloen.model import PostingList
from chefloen.options import (
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
from chefloen.output import Format
from chefloen.scales import ENV_VAR
from chefloen.spec import ScenarioFields


class Target(StrEnum):
    kroner = "kroner"
    grundbeloeb = "grundbeloeb"


class OneLineErrors(TyperGroup):
    """Reports every user error as one line on stderr: exit 2 for usage, 1 for data and rules."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except typer.TyperException as exc:  # Typer's usage errors: bad option, missing value, …
            code = exc.exit_code
            if message := exc.format_message().replace("Value error, ", ""):
                typer.echo(f"Error: {message}", err=True)
        except ChefloenError as exc:
            code = 1
            typer.echo(f"Error: {exc}", err=True)
        except typer.Abort:
            code = 1
            typer.echo("Aborted.", err=True)
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=OneLineErrors,
    help="Pay under 'Aftale for chefer' (regions): trin, postings, pension and components at any index date.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"chefloen {__version__}")
        raise typer.Exit


@app.callback()
def main(
    ctx: typer.Context,
    scales_dir: Annotated[
        Path | None,
        typer.Option("--scales-dir", envvar=ENV_VAR, help="Directory of the data tables (default: the shipped ones)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Pay under 'Aftale for chefer' (regions): trin, postings, pension and components at any index date."""
    ctx.obj = scales_dir


@app.command()
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


@app.command()
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


@app.command()
def postings(ctx: typer.Context, fmt: FormatOption = Format.table) -> None:
    """List the published postings in the data."""
    show(PostingList(tuple(load(ctx).postings.values())), fmt)


@app.command()
def steps(
    ctx: typer.Context,
    date: DateOption = None,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The chef step table (basisløn for every trin) at an index date."""
    show(step_table(read_date(date), load(ctx, assume, period_start)), fmt)


@app.command()
def index(
    ctx: typer.Context,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The regulation factor series with status and source, and the agreement periods."""
    show(load(ctx, assume, period_start).index, fmt)


@app.command(name="convert")
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
    value = read(notation.parse_amount, amount)
    show(convert(value, read_date(date), load(ctx, assume, period_start), to=to.value), fmt)


app.command()(cli_plans.scenarios)
app.command(name="compare")(cli_plans.compare_command)
app.command(name="solve")(cli_plans.solve_command)
app.command(name="earnings")(cli_plans.earnings_command)
app.command(name="batch")(cli_plans.batch_command)
app.command(name="net")(cli_offer.net_command)
app.command(name="history")(cli_offer.history_command)
app.command(name="offer")(cli_offer.offer_command)
