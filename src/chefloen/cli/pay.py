"""Commands that compute one result: quote, posting, steps and convert."""

# No `from __future__ import annotations`: Typer reads these signatures at run time, and real
# annotation objects spare it compiling every annotation string on each start.
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from chefloen import parsing
from chefloen.calc import compute
from chefloen.cli import complete
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
    OneOffOption,
    OneOffPensionOption,
    OutputOption,
    PensionGroupOption,
    PensionOption,
    PeriodStartOption,
    TaxYearOption,
    TillaegOption,
    load,
    maybe_net,
    priced_on,
    show,
)
from chefloen.render import Dialect, Format
from chefloen.scenario_text import scenario_of


class Target(StrEnum):
    kroner = "kroner"
    grundbeloeb = "grundbeloeb"


def quote(
    ctx: typer.Context,
    trin: Annotated[
        str,
        typer.Option(
            "--trin",
            "-t",
            metavar="TRIN",
            help="Chef trin: 49, 50, …, 55, 55+, or a lønramme: LR37.",
            autocompletion=complete.trin,
        ),
    ],
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
    fritvalg: FritvalgOption = None,
    fritvalg_gulv: FritvalgFloorOption = None,
    deltid: DeltidOption = None,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    net: NetOption = False,
    kommune: KommuneOption = None,
    kirke: KirkeOption = False,
    skatteaar: TaxYearOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    csv_dialect: DialectOption = Dialect.plain,
) -> None:
    """Annual and monthly pay, pension and total for a trin at an index date."""
    # Typer reads each command's own signature; quote and posting hand their options to one code path.
    pay(**locals())


def posting(
    ctx: typer.Context,
    posting_id: Annotated[
        str, typer.Argument(metavar="ID", help="Posting id; see 'chefloen postings'.", autocompletion=complete.posting)
    ],
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
    fritvalg: FritvalgOption = None,
    fritvalg_gulv: FritvalgFloorOption = None,
    deltid: DeltidOption = None,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    net: NetOption = False,
    kommune: KommuneOption = None,
    kirke: KirkeOption = False,
    skatteaar: TaxYearOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    csv_dialect: DialectOption = Dialect.plain,
) -> None:
    """A published posting at a date (default: today), with any extra components; at the posting's own level date
    it reproduces the posted level, at another it shows the level re-indexed beside it."""
    pay(**locals())


def pay(
    ctx: typer.Context,
    *,
    trin: str | None = None,
    posting_id: str | None = None,
    date: str | None,
    assume: list[str] | None,
    period_start: str | None,
    net: bool,
    kommune: str | None,
    kirke: bool,
    skatteaar: int | None,
    fmt: Format | None,
    output: Path | None,
    csv_dialect: Dialect,
    **components: Any,
) -> None:
    """The breakdown of a trin or a posting with its components, and a net-pay estimate when asked."""
    scales = load(ctx, assume, period_start)
    on, today = priced_on(date)
    scenario = scenario_of(on=on, step=trin, posting=posting_id, scales=scales, **components)
    breakdown = compute(scenario, scales)
    result = maybe_net(breakdown, net=net, kommune=kommune, church=kirke, year=skatteaar)
    show(result, fmt, output, csv_dialect, today=today)


def steps(
    ctx: typer.Context,
    date: DateOption = None,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    csv_dialect: DialectOption = Dialect.plain,
) -> None:
    """The chef step table (basisløn for every trin) at an index date."""
    from chefloen.indexing import step_table

    on, today = priced_on(date)
    show(step_table(on, load(ctx, assume, period_start)), fmt, output, csv_dialect, today=today)


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
    fmt: FormatOption = None,
    output: OutputOption = None,
    csv_dialect: DialectOption = Dialect.plain,
) -> None:
    """Convert a grundbeløb (31.3.2018 level) to current kroner at a date, or back."""
    from chefloen.indexing import convert

    hint = "; to turn kroner into a grundbeløb, add --to grundbeloeb"
    value = (
        parsing.parse_base_amount(amount, "amount", hint=hint) if to is Target.kroner else parsing.parse_amount(amount)
    )
    on, today = priced_on(date)
    result = convert(value, on, load(ctx, assume, period_start), to="kroner" if to is Target.kroner else "grundbeloeb")
    show(result, fmt, output, csv_dialect, today=today)
