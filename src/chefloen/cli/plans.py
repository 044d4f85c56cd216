"""CLI commands over many breakdowns: scenarios, compare, solve, earnings and batch."""

# No `from __future__ import annotations`: Typer reads these signatures at run time (see cli.pay).
import os
import stat
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from chefloen import labels, parsing
from chefloen.arguments import date_or_today, tax_rules
from chefloen.cli.options import (
    AfkoebOption,
    AfkoebPensionOption,
    AssumeOption,
    DateOption,
    DatesOption,
    DefaultDateOption,
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
    OutputOption,
    PensionGroupOption,
    PensionOption,
    PeriodStartOption,
    PostingOption,
    TaxYearOption,
    TillaegOption,
    TrinOption,
    check_workbook_target,
    chosen_format,
    load,
    net_estimate,
    priced_on,
    show,
    subject,
)
from chefloen.errors import InputError, RowsFailedError
from chefloen.render import Dialect
from chefloen.scenario_text import BaseAmounts, parse_spec, scenario_from_row, scenario_of


def scenarios(
    ctx: typer.Context,
    trin: TrinOption = None,
    posting: PostingOption = None,
    date: DatesOption = None,
    kvalifikationsloen: Annotated[
        list[str] | None,
        typer.Option(
            "--kvalifikationsloen",
            metavar="BELØB",
            help="Kvalifikationsløn: grundbeløb or kroner, 40.000 kr. Repeatable.",
        ),
    ] = None,
    kval_range_text: Annotated[
        str | None,
        typer.Option(
            "--kvalifikationsloen-range", metavar="START:STOP:SKRIDT", help="START:STOP:STEP, e.g. 0:100000:25000."
        ),
    ] = None,
    afkoeb: Annotated[
        list[str] | None,
        typer.Option(
            "--afkoeb", metavar="AFKØB", help="Afkøb option (10%, 5t, 25000, 25.000 kr.; 0 for none). Repeatable."
        ),
    ] = None,
    afkoeb_pensionsgivende: AfkoebPensionOption = False,
    funktionsloen: FunkOption = None,
    tillaeg: TillaegOption = None,
    pension: PensionOption = None,
    pensionsgruppe: PensionGroupOption = None,
    fritvalg: FritvalgOption = None,
    fritvalg_gulv: FritvalgFloorOption = None,
    deltid: DeltidOption = None,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    csv_dialect: DialectOption = Dialect.plain,
) -> None:
    """A grid: kvalifikationsløn values × afkøb options × dates, with the difference to the first row."""
    from chefloen.plans import afkoeb_options, grid, kval_range_of

    who = subject(trin, posting)
    loaded = load(ctx, assume, period_start)
    dates = [date_or_today(text) for text in date or []] or [date_or_today(None)]
    read = BaseAmounts(loaded, dates[0])  # kroner given as values are kroner at the first date
    kvals = [read(text, "kvalifikationsløn") for text in kvalifikationsloen or []]
    if kval_range_text is not None:
        kvals += kval_range_of(kval_range_text, "--kvalifikationsloen-range")
    options = afkoeb_options(afkoeb or ["0"], pensionable=afkoeb_pensionsgivende, read=read)
    template = scenario_of(
        on=dates[0],
        step=who["step"],
        posting=who["posting"],
        funktionsloen=funktionsloen,
        tillaeg=tillaeg,
        pension=pension,
        pensionsgruppe=pensionsgruppe,
        fritvalg=fritvalg,
        fritvalg_gulv=fritvalg_gulv,
        deltid=deltid,
        scales=loaded,
    )
    show(
        grid(template, loaded, kvals=kvals or [template.kvalifikationsloen], afkoebs=options, dates=dates),
        fmt,
        output,
        csv_dialect,
        today=None if date else dates[0],
    )


def compare_command(
    ctx: typer.Context,
    scenario: Annotated[
        list[str],
        typer.Option(
            "--scenario",
            "-s",
            metavar="SCENARIE",
            help="LABEL | key=value | …, keys as in batch files, e.g. 'Med kval | trin=51 | kvalifikationsloen=60000'",
        ),
    ],
    date: DefaultDateOption = None,
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
    """Two or more named scenarios side by side, line by line, with the differences."""
    from chefloen.plans import compare

    on, today = priced_on(date)
    loaded = load(ctx, assume, period_start)
    now = date_or_today(None)  # what a spec's date=i dag means
    result = compare([scenario_from_row(parse_spec(text), on, loaded, now) for text in scenario], loaded)
    if net:
        estimates = tuple(
            net_estimate(b.taxable_pay, kommune, church=kirke, year=skatteaar, on=b.on) for b in result.breakdowns
        )
        result = replace(result, nets=estimates)
    show(result, fmt, output, csv_dialect, today=today)


def solve_command(
    ctx: typer.Context,
    trin: TrinOption = None,
    posting: PostingOption = None,
    date: DateOption = None,
    target_pay: Annotated[
        str | None, typer.Option("--target-pay", metavar="BELØB", help="Target annual pay before pension.")
    ] = None,
    target_total: Annotated[
        str | None, typer.Option("--target-total", metavar="BELØB", help="Target annual pay plus pension.")
    ] = None,
    target_net: Annotated[
        str | None,
        typer.Option(
            "--target-net",
            metavar="BELØB",
            help="Target net pay a month (an estimate), e.g. 45.000; a year with --per aar. Needs --kommune.",
        ),
    ] = None,
    per: Annotated[
        str | None,
        typer.Option("--per", metavar="ENHED", help="The unit of --target-net: maaned (default) or aar (måned, år)."),
    ] = None,
    kommune: KommuneOption = None,
    kirke: KirkeOption = False,
    skatteaar: TaxYearOption = None,
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
    fmt: FormatOption = None,
    output: OutputOption = None,
    csv_dialect: DialectOption = Dialect.plain,
) -> None:
    """The kvalifikationsløn needed to reach a target annual pay, total (pay + pension) or net pay at a date."""
    from chefloen.plans import solve

    who = subject(trin, posting)
    targets = {"--target-pay": target_pay, "--target-total": target_total, "--target-net": target_net}
    given = [name for name, value in targets.items() if value is not None]
    if not given:
        raise InputError("give one of --target-pay, --target-total or --target-net")
    if len(given) > 1:
        raise InputError(f"give one target, not {' and '.join(given)}")
    target = parsing.parse_amount(targets[given[0]] or "")
    net_options = {"--per": per, "--kommune": kommune, "--kirke": kirke or None, "--skatteaar": skatteaar}
    if target_net is None:
        stray = next((name for name, value in net_options.items() if value is not None), None)
        if stray is not None:
            raise InputError(f"{stray} goes with --target-net")
    elif kommune is None:
        raise InputError("--target-net needs --kommune, e.g. --kommune Viborg")
    unit = "month" if per is None else parsing.parse_per(per)
    loaded = load(ctx, assume, period_start)
    on, today = priced_on(date)
    scenario = scenario_of(
        on=on,
        step=who["step"],
        posting=who["posting"],
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
    if kommune is None:
        solved = solve(scenario, loaded, target=target, kind="pay" if target_pay is not None else "total")
        show(solved, fmt, output, csv_dialect, today=today)
        return
    from chefloen.net_plans import solve_net

    rules, asked = tax_rules(on, skatteaar)
    reached = solve_net(
        scenario, loaded, target=target, per=unit, kommune=kommune, church=kirke, rules=rules, asked_year=asked
    )
    show(reached, fmt, output, csv_dialect, today=today)


def earnings_command(
    ctx: typer.Context,
    start: Annotated[str, typer.Option("--from", metavar="DATO", help="First day of the period (or of employment).")],
    end: Annotated[str, typer.Option("--to", metavar="DATO", help="Last day of the period.")],
    trin: TrinOption = None,
    posting: PostingOption = None,
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
    net: Annotated[
        bool, typer.Option("--net", help="Add each month's net (needs --kommune): each year's tax spread by gross.")
    ] = False,
    kommune: KommuneOption = None,
    kirke: KirkeOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    csv_dialect: DialectOption = Dialect.plain,
) -> None:
    """What a period pays month by month, each month at the factor in force on its first day."""
    from chefloen.earnings import earnings

    who = subject(trin, posting)
    first, last = date_or_today(start), date_or_today(end)
    loaded = load(ctx, assume, period_start)
    template = scenario_of(
        on=first,
        step=who["step"],
        posting=who["posting"],
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
    result = earnings(template, loaded, start=first, end=last)
    if net:
        from chefloen.earnings import with_net
        from chefloen.loading.tax import tax_year_for

        if kommune is None:
            raise InputError("--net needs --kommune, e.g. --kommune Viborg")
        result = with_net(result, kommune, church=kirke, rules_for=tax_year_for)
    show(result, fmt, output, csv_dialect)


class BatchFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    json = "json"
    xlsx = "xlsx"


BATCH_WRITES = {f".{kind}": kind for kind in BatchFormat}


def one_file(source: Path, output: Path) -> bool:
    """Whether the batch file and the output are one regular file: the same name, a link to it or a hard link;
    ``-`` is standard input or output, which the shell may have opened on a file (``batch - -o k.csv < k.csv``)."""
    try:
        first = os.fstat(0) if str(source) == "-" else os.stat(source)
        second = os.fstat(1) if str(output) == "-" else os.stat(output)
    except OSError:  # one of them is not there (yet), or standard input is closed
        return False
    return stat.S_ISREG(first.st_mode) and os.path.samestat(first, second)


def batch_command(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FIL",
            help="Scenarios: .csv (as Excel saves it, also Danish), .xlsx, .jsonl, .json or .toml; - reads stdin.",
        ),
    ],
    output: OutputOption = None,
    fmt: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="Results as csv, jsonl, json or xlsx. Default: as --output's name says, else csv.",
        ),
    ] = None,
    csv_dialect: DialectOption = Dialect.plain,
    sheet: Annotated[
        str | None, typer.Option("--sheet", metavar="ARK", help="The .xlsx sheet to read. Default: the first visible.")
    ] = None,
    date: DefaultDateOption = None,
    assume: AssumeOption = None,
    period_start: PeriodStartOption = None,
) -> None:
    """Compute one scenario a row; bad rows are reported and every good row is still written."""
    from chefloen import batch_input, batch_rows
    from chefloen.files import atomic_output
    from chefloen.render.files import batch_writer, writes_plain_csv

    chosen = chosen_format(fmt, output, BATCH_WRITES, BatchFormat.csv, command="chefloen batch")
    if one_file(file, output or Path("-")):  # the results would replace, or grow, the rows they are read from
        raise InputError(f"{output}: it is the batch file itself; write the results to another file")
    binary = chosen is BatchFormat.xlsx
    if binary:
        check_workbook_target(output)
    loaded = load(ctx, assume, period_start)
    default_date = date_or_today(date)
    pricing = batch_rows.Pricing(loaded, default_date, date_or_today(None))
    succeeded = failed = 0
    with (
        batch_input.open_rows(file, sheet=sheet) as opened,
        atomic_output(output or Path("-"), binary=binary) as stream,  # "-" is standard output
        batch_writer(chosen, stream, csv_dialect) as write,
    ):
        if opened.read_as:
            typer.echo(f"batch: {batch_input.shown(file)}: {opened.read_as}", err=True)
        if opened.table is not None and writes_plain_csv(chosen, stream, csv_dialect):
            from chefloen.batch_loop import CsvLoop

            loop = CsvLoop(opened.table, loaded, pricing)
            rows = loop.results(stream.write)  # the rows it does not write itself come here
        else:
            loop = None
            rows = (pricing.row(number, row) for number, row in opened.rows)
        for row in rows:
            if row.error is None:
                succeeded += 1
            else:
                failed += 1
                typer.echo(f"row {row.number}: {labels.visible(row.error)}", err=True)
            write(row)
        if loop is not None:
            succeeded += loop.written
    total = succeeded + failed
    summary = f"batch: {total} {'row' if total == 1 else 'rows'}, {succeeded} succeeded, {failed} failed"
    if failed:
        raise RowsFailedError(summary)
    typer.echo(summary, err=True)
