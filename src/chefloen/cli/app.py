"""The chefloen command line: the root group, its one error boundary, and where each command lives.

A run imports and builds only the command it runs, so `chefloen quote` starts without the modules,
options and signatures of the other thirteen commands. Help and typo suggestions still see them all.
"""

import importlib
import os
import sys
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click import Command  # Typer's own click, pinned with Typer's minor version
from typer._click.exceptions import NoArgsIsHelpError
from typer.core import MarkupMode
from typer.main import get_command_from_info, get_group
from typer.models import CommandInfo

from chefloen.cli import complete, help_format, streams
from chefloen.cli.commands import Command as OnceCommand
from chefloen.cli.commands import Group
from chefloen.errors import ChefloenError
from chefloen.loading.paths import SCALES_ENV
from chefloen.version import __version__

# Command name -> "module:function" (or "module:typer_app" for a command with subcommands). The order is
# the order of `chefloen --help`.
COMMANDS = {
    "quote": "chefloen.cli.pay:quote",
    "posting": "chefloen.cli.pay:posting",
    "postings": "chefloen.cli.data:postings_app",
    "steps": "chefloen.cli.pay:steps",
    "index": "chefloen.cli.data:index_app",
    "convert": "chefloen.cli.pay:convert_command",
    "scenarios": "chefloen.cli.plans:scenarios",
    "compare": "chefloen.cli.plans:compare_command",
    "solve": "chefloen.cli.plans:solve_command",
    "earnings": "chefloen.cli.plans:earnings_command",
    "batch": "chefloen.cli.plans:batch_command",
    "net": "chefloen.cli.offer:net_command",
    "tax": "chefloen.cli.tax:tax_app",
    "history": "chefloen.cli.offer:history_command",
    "offer": "chefloen.cli.offer:offer_command",
    "completion": "chefloen.cli.complete:completion_command",
}


# Each help ends with these, keyed by what is typed after `chefloen` ("" is the top level); "\b" keeps Click
# from rewrapping them, so an example too long for 80 columns goes on with a backslash.
EXAMPLES = {
    "": ["chefloen quote -t 51 --kvalifikationsloen 50.000",
         "chefloen posting kontorchef-sundhed-praksis -o tilbud.xlsx",
         "chefloen batch scenarier.csv -o resultater.csv"],
    "quote": ["chefloen quote -t 51 --kvalifikationsloen 50.000",
              "chefloen quote -t 53 -d 1.4.2026 --afkoeb 10% -f json"],
    "posting": ["chefloen posting kontorchef-sundhed-praksis",
                "chefloen posting kontorchef-sundhed-praksis --net --kommune Århus"],
    "postings": ["chefloen postings", "chefloen postings -o opslag.xlsx"],
    "postings add": ["chefloen postings add kontorchef-hr --trin 52+1 --level 900.000 \\\n"
                     "  --level-date 1.11.2025 --title 'Kontorchef, HR' --includes-afkoeb"],
    "postings remove": ["chefloen postings remove kontorchef-hr"],
    "steps": ["chefloen steps -d 1.11.2025", "chefloen steps -o trin.csv --csv-dialect excel-da"],
    "index": ["chefloen index",
              "chefloen index add 1.10.2026 --percent 0,54 --source 'KRL 1.10.2026'"],
    "index add": ["chefloen index add 1.4.2027 --percent 1,5 --source 'KRL satstabel 1.4.2027'",
                  "chefloen index add 1.10.2027 --factor 1.230000 --source 'KRL 1.10.2027'"],
    "index remove": ["chefloen index remove 1.10.2026"],
    "convert": ["chefloen convert 50.000 -d 1.11.2025", "chefloen convert '58.497 kr.' --to grundbeloeb"],
    "scenarios": ["chefloen scenarios -t 51 --kvalifikationsloen-range 0:100000:25000",
                  "chefloen scenarios -t 51 --afkoeb 0 --afkoeb 10% -o scenarier.xlsx"],
    "compare": ["chefloen compare -s 'Trin 51 | trin=51' -s 'Trin 52 | trin=52'",
                "chefloen compare -s 'Nu | trin=51' -s 'Med afkøb | trin=51 | afkoeb=10%'"],
    "solve": ["chefloen solve -t 51 --target-pay 750.000",
              "chefloen solve -p kontorchef-sundhed-praksis --target-total 1.000.000",
              "chefloen solve -t 51 --target-net 45.000 --kommune Aarhus"],
    "earnings": ["chefloen earnings -t 51 --from 15.9.2025 --to 31.12.2026"],
    "batch": ["chefloen batch scenarier.csv -o resultater.xlsx", "chefloen batch eksport.xlsx --sheet Ark1 -f json"],
    "net": ["chefloen net --gross 792.072 --kommune Aarhus --kirke"],
    "tax": ["chefloen tax", "chefloen tax -f json"],
    "tax add": ["chefloen tax add 2027", "chefloen tax add 2028 --from 2026"],
    "tax remove": ["chefloen tax remove 2028"],
    "history": ["chefloen history -p kontorchef-sundhed-praksis", "chefloen history -t 51 -o historik.xlsx"],
    "offer": ["chefloen offer -p kontorchef-sundhed-praksis -o tilbud.html",
              "chefloen offer -p kontorchef-sundhed-praksis --kommune Viborg -o tilbud.html",
              "chefloen offer -t 51 -s Nu -s 'Med kval | kvalifikationsloen=60.000' \\\n"
              "  --kandidat 'Mette Jensen' --tiltraedelse 1.2.2027 -o tilbud.html"],
    "completion": ["chefloen completion bash", "chefloen completion fish"],
}  # fmt: skip


def examples(path: str) -> str:
    return "\b\nEksempler:\n" + "\n".join(f"  {line}" for example in EXAMPLES[path] for line in example.splitlines())


class LazyCommands(MutableMapping[str, Command]):
    """The commands by name; each is imported and built by Typer the first time it is looked up."""

    def __init__(self, where: Mapping[str, str], *, markup: MarkupMode) -> None:
        self.where = dict(where)
        self.markup = markup
        self.built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self.built:
            module, _, function = self.where[name].partition(":")
            target = getattr(importlib.import_module(module), function)
            if isinstance(target, typer.Typer):
                group = get_group(target)
                # A group that does nothing by itself shows its help, as the root group does, not "Missing command".
                group.no_args_is_help = not group.invoke_without_command
                command: Command = group
            else:
                info = CommandInfo(name=name, callback=target, cls=OnceCommand)
                command = get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=self.markup)
            command.epilog = examples(name)
            for sub_name, sub in getattr(command, "commands", {}).items():
                sub.epilog = examples(f"{name} {sub_name}")
            self.built[name] = help_format.whole_words(command)
        return self.built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self.where and name not in self.built:
            raise KeyError(name)
        self.where.pop(name, None)
        self.built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self.where, *self.built]))

    def __len__(self) -> int:
        return len(self.where.keys() | self.built.keys())


class OneLineErrors(Group):
    """The root group: builds commands lazily, and is the one error boundary. Every user error is one line
    on stderr; the exit code follows from the error's class (see chefloen.errors), 130 on Ctrl-C."""

    context_class = help_format.WholeWordsContext

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(COMMANDS, markup=self.rich_markup_mode)

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(self.commands)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        streams.prepare()
        if os.environ.get(complete.COMPLETE_VAR):  # the shell asks for completions: no command runs
            complete.enable()
        try:
            with streams.stopped_cleanly_by_signals():
                result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
                sys.stdout.flush()  # a full disk or a closed pipe shows here, not after the boundary
            code = result if isinstance(result, int) else 0
        except NoArgsIsHelpError as exc:  # `chefloen` alone, or a group that does nothing by itself: its help
            code = 0
            typer.echo(exc.ctx.get_help())
        except typer.TyperException as exc:  # Click's usage errors (bad option, missing value): 2
            code = exc.exit_code
            if message := exc.format_message().replace("Value error, ", ""):
                error_line(message)
        except ChefloenError as exc:  # the class decides: 2 for what was typed, 1 for work that failed
            code = exc.exit_code
            error_line(str(exc))
        except BrokenPipeError:  # the reader went away (`| head`): nothing more to say to anyone
            code = streams.silence_stdout()
        except OSError as exc:  # a failure of the system, most often writing our output to a full disk
            code = streams.silence_stdout()
            where = f"{exc.filename}: " if exc.filename else "cannot write the output: "
            error_line(f"{where}{exc.strerror or exc}")
        except typer.Abort:  # end of input where a prompt waited; Typer itself turns Ctrl-C into exit 130
            code = 1
            typer.echo("Aborted.", err=True)
        if standalone_mode:
            sys.exit(code)
        return code


MAX_ERROR = 1000  # characters of an error line: every message says what is wrong long before this


def error_line(message: str) -> None:
    """One line on stderr; what it quotes from the user or a file cannot act on the terminal."""
    from chefloen.labels import visible

    shown = message if len(message) <= MAX_ERROR else message[: MAX_ERROR - 1] + "…"  # whatever it quotes
    typer.echo(f"Error: {visible(shown)}".replace("\n", " "), err=True)


app = typer.Typer(
    cls=OneLineErrors,
    help="Pay under 'Aftale for chefer' (regions): trin, postings, pension and components at any index date.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    # Click's own help: it wraps the help texts and never cuts an option's name, at any width.
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    epilog=examples(""),
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
        typer.Option(
            "--scales-dir",
            metavar="MAPPE",
            envvar=SCALES_ENV,
            help="Directory of the data tables (default: the shipped ones).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Pay under 'Aftale for chefer' (regions): trin, postings, pension and components at any index date."""
    ctx.obj = scales_dir
