"""`chefloen tax`: the tax years, shipped and the user's own; `add` and `remove` keep the user's."""

# No `from __future__ import annotations`: Typer reads these signatures at run time (see cli.pay).
from typing import Annotated

import typer

from chefloen import labels
from chefloen.cli.commands import Command
from chefloen.cli.data import table_group
from chefloen.cli.options import DialectOption, FormatOption, OutputOption, show
from chefloen.render import Dialect

tax_app = table_group("tax")

YearArgument = Annotated[int, typer.Argument(metavar="ÅR", help="The income year, e.g. 2027.")]


@tax_app.callback()
def tax(
    ctx: typer.Context,
    fmt: FormatOption = None,
    output: OutputOption = None,
    csv_dialect: DialectOption = Dialect.plain,
) -> None:
    """List the tax years: the shipped ones and your own (status 'egen'), with how many figures are copied and
    not yet updated.

    'chefloen tax add' adds a year of your own from the latest shipped one when skm.dk publishes its figures;
    'chefloen tax remove' takes it away again. A shipped year wins over yours for the same year.
    """
    if ctx.invoked_subcommand is None:
        from chefloen.loading.user_tax import tax_years

        show(tax_years(), fmt, output, csv_dialect)


@tax_app.command("add", cls=Command)
def tax_add(
    year: YearArgument,
    copy_from: Annotated[
        int | None,
        typer.Option("--from", metavar="ÅR", help="The shipped year to copy the rules from. Default: the latest."),
    ] = None,
) -> None:
    """Add a tax year of your own (status 'egen'), copied from a shipped year with every rule marked copied_from;
    then update its figures from skm.dk in the file it names."""
    from chefloen.loading.user_tax import add_tax_year

    path, source, rules = add_tax_year(year, copy_from=copy_from)
    typer.echo(labels.tax_year_added(year, source, str(path)))
    for line in labels.tax_year_to_update(year, source, [bracket.name for bracket in rules.brackets]):
        typer.echo(line)


@tax_app.command("remove", cls=Command)
def tax_remove(year: YearArgument) -> None:
    """Remove a tax year of yours; shipped years cannot be removed."""
    from chefloen.loading.user_tax import remove_tax_year

    typer.echo(labels.tax_year_removed(year, str(remove_tax_year(year))))
