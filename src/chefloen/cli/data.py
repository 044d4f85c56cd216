"""Commands over the data tables: `index` and `postings` list them; `add` and `remove` keep the user's own."""

# No `from __future__ import annotations`: Typer reads these signatures at run time (see cli.pay).
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import typer

from chefloen import labels, parsing
from chefloen.cli.commands import Command, Group
from chefloen.cli.options import AssumeOption, DialectOption, FormatOption, OutputOption, PeriodStartOption, load, show
from chefloen.errors import InputError
from chefloen.loading.paths import INDEX_FILE, POSTINGS_FILE
from chefloen.model import PostingList
from chefloen.render import Dialect

if TYPE_CHECKING:
    from chefloen.loading.userdata import Rederived

SETTINGS = {"help_option_names": ["-h", "--help"]}


def table_group(name: str) -> typer.Typer:
    """A command over one data table: it lists the table by itself, and has add and remove."""
    return typer.Typer(
        name=name,
        cls=Group,
        invoke_without_command=True,
        context_settings=SETTINGS,
        add_completion=False,
        rich_markup_mode=None,
    )


index_app = table_group("index")
postings_app = table_group("postings")


@index_app.callback()
def index(
    ctx: typer.Context,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    csv_dialect: DialectOption = Dialect.plain,
) -> None:
    """The regulation factor series with status and source, and the agreement periods.

    'chefloen index add' adds a regulation published after the shipped data; 'chefloen index remove'
    takes one of yours away again.
    """
    if ctx.invoked_subcommand is None:
        show(load(ctx, assume, period_start).regulation, fmt, output, csv_dialect)


def signed_percent(text: str) -> Decimal:
    """A percentage that may be negative (a særlig regulering can be), e.g. 0,54 or -0.16."""
    cleaned = text.strip().removesuffix("%").strip()
    negative = cleaned.startswith("-")
    number = cleaned.removeprefix("-").removeprefix("+")
    value = parsing.parse_number(number, "percent", shown=text, most=parsing.PERCENT_PLACES)
    if value >= 100:
        raise InputError(f"percent {text!r} must be below 100")
    return -value if negative else value


@index_app.command("add", cls=Command)
def index_add(
    ctx: typer.Context,
    date: Annotated[str, typer.Argument(metavar="DATO", help="The date the regulation takes effect, e.g. 2026-10-01.")],
    source: Annotated[
        str, typer.Option("--source", metavar="KILDE", help="Where it is published, e.g. 'KRL satstabel 1.10.2026'.")
    ],
    percent: Annotated[
        str | None,
        typer.Option(
            "--percent", metavar="PCT", help="Regional increase in percent of the period's start level, e.g. 0.54."
        ),
    ] = None,
    factor: Annotated[
        str | None,
        typer.Option("--factor", metavar="FAKTOR", help="The published factor itself, e.g. 1.204326 (six decimals)."),
    ] = None,
) -> None:
    """Add a published regulation after the shipped data (yours: status 'egen'); every command then uses it."""
    from chefloen.loading import userdata

    on = parsing.parse_date(date)
    pct = None if percent is None else signed_percent(percent)
    value = None if factor is None else parsing.parse_number(factor, "factor")
    scales = load(ctx)
    added, rederived = userdata.add_regulation(scales, on, percent=pct, factor=value, source=source)
    typer.echo(
        f"Tilføjet: regulering pr. {labels.date(added.effective)}, faktor {labels.factor(added.value)} (egen). "
        f"Grundlag: {added.basis}. Gemt i {userdata.require_dir() / INDEX_FILE}"
    )
    say_rederived(rederived)


def say_rederived(rederived: "list[Rederived]") -> None:
    """Each later regulation of the user's, added by percent, whose factor now rests on a changed one."""
    for entry in rederived:
        typer.echo(
            f"Genberegnet: din regulering pr. {labels.date(entry.effective)} er lagt til på faktoren før den, "
            f"som er ændret: {labels.factor(entry.before)} → {labels.factor(entry.after)}."
        )


@index_app.command("remove", cls=Command)
def index_remove(
    ctx: typer.Context,
    date: Annotated[str, typer.Argument(metavar="DATO", help="The date of your regulation to remove.")],
) -> None:
    """Remove a regulation you added; shipped ones cannot be removed."""
    from chefloen.loading import userdata

    on = parsing.parse_date(date)
    scales = load(ctx)
    rederived = userdata.remove_regulation(scales, on)
    typer.echo(f"Fjernet: din regulering pr. {labels.date(on)}.")
    say_rederived(rederived)


@postings_app.callback()
def postings(
    ctx: typer.Context,
    fmt: FormatOption = None,
    output: OutputOption = None,
    csv_dialect: DialectOption = Dialect.plain,
) -> None:
    """List the postings: the shipped ones and your own.

    'chefloen postings add' adds a posting of your own; 'chefloen postings remove' takes it away again.
    """
    if ctx.invoked_subcommand is None:
        show(PostingList(tuple(load(ctx).postings.values())), fmt, output, csv_dialect)


@postings_app.command("add", cls=Command)
def postings_add(
    ctx: typer.Context,
    posting_id: Annotated[str, typer.Argument(metavar="ID", help="A short id, e.g. kontorchef-hr.")],
    trin: Annotated[
        str, typer.Option("--trin", "-t", metavar="TRIN", help="The trin as posted: 51, or 52+1 (modelled as 52).")
    ],
    level: Annotated[
        str, typer.Option("--level", metavar="BELØB", help="The posted annual level in kroner, e.g. 792.072.")
    ],
    level_date: Annotated[
        str, typer.Option("--level-date", metavar="DATO", help="The index date of the level, e.g. 2025-11-01.")
    ],
    title: Annotated[str, typer.Option("--title", metavar="STILLING", help="The position, e.g. 'Kontorchef, HR'.")],
    employer: Annotated[
        str, typer.Option("--employer", metavar="ARBEJDSGIVER", help="The employer, e.g. 'Region Nordjylland'.")
    ] = "",
    location: Annotated[str, typer.Option("--location", metavar="STED", help="Where the position is.")] = "",
    pension_group: Annotated[
        str, typer.Option("--pension-group", metavar="GRUPPE", help="Pension group: chef or regionsdirektoer.")
    ] = "chef",
    includes_afkoeb: Annotated[
        bool, typer.Option("--includes-afkoeb", help="The level includes afkøb af merarbejde of unknown size.")
    ] = False,
    source: Annotated[
        str, typer.Option("--source", metavar="KILDE", help="Where the posting is, e.g. its web address.")
    ] = "",
) -> None:
    """Add a posting of your own (status 'egen'); quote it with 'chefloen posting ID'."""
    from chefloen.loading import userdata

    amount = parsing.parse_amount(level, "level")
    on = parsing.parse_date(level_date)
    scales = load(ctx)
    added = userdata.add_posting(
        scales,
        posting_id.strip(),
        trin=trin,
        level=amount,
        level_date=on,
        title=title,
        employer=employer,
        location=location,
        pension_group=pension_group,
        includes_afkoeb=includes_afkoeb,
        source=source,
    )
    typer.echo(
        f"Tilføjet opslag {added.id}: trin {added.trin_as_posted}, beregnet som trin {added.step} plus forskel til "
        f"opslagsniveau (grundbeløb {labels.number(added.supplement_base_amount, 0)}); "
        f"{labels.kr(added.level)} pr. {labels.date(added.level_date)}. "
        f"Gemt i {userdata.require_dir() / POSTINGS_FILE}"
    )


@postings_app.command("remove", cls=Command)
def postings_remove(
    ctx: typer.Context,
    posting_id: Annotated[str, typer.Argument(metavar="ID", help="The id of your posting to remove.")],
) -> None:
    """Remove a posting you added; shipped ones cannot be removed."""
    from chefloen.loading import userdata

    scales = load(ctx)
    userdata.remove_posting(scales, posting_id.strip())
    typer.echo(f"Fjernet: dit opslag {posting_id.strip()}.")
