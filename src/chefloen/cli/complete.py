"""Shell completion: the `completion` command that prints a shell's script, and the values offered for a
trin, a posting id and a municipality. Nothing here runs unless the shell asks for completions."""

# No `from __future__ import annotations`: Typer reads these signatures at run time (see cli.pay).
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from chefloen.errors import ChefloenError

if TYPE_CHECKING:  # this module loads on every start; the tables only when the shell asks
    from chefloen.model import Scales

# The variable Click reads for the program named chefloen.
COMPLETE_VAR = "_CHEFLOEN_COMPLETE"


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def enable() -> None:
    """Teach Click the shells Typer completes for; called only when the shell asks for completions."""
    from typer._completion_classes import completion_init

    completion_init()


def completion_command(shell: Annotated[Shell, typer.Argument(metavar="SKAL", help="bash, zsh or fish.")]) -> None:
    """Print the completion script for a shell: commands, options, trin, posting ids and municipalities.

    Save it where the shell looks: for bash as chefloen in ~/.local/share/bash-completion/completions/, for
    zsh as _chefloen in a directory on $fpath, for fish as chefloen.fish in ~/.config/fish/completions/.
    """
    from typer._completion_shared import get_completion_script

    typer.echo(get_completion_script(prog_name="chefloen", complete_var=COMPLETE_VAR, shell=shell.value))


def _offered(values: list[str], incomplete: str) -> list[str]:
    return [value for value in values if value.casefold().startswith(incomplete.casefold())]


def _scales() -> "Scales | None":
    from chefloen.loading.scales import load_scales

    try:
        return load_scales()
    except ChefloenError:  # a broken data file: offer nothing, the command itself will say why
        return None


def trin(incomplete: str) -> list[str]:
    scales = _scales()
    return [] if scales is None else _offered(list(scales.steps), incomplete)


def posting(incomplete: str) -> list[str]:
    scales = _scales()
    return [] if scales is None else _offered(list(scales.postings), incomplete)


def kommune(incomplete: str) -> list[str]:
    """Municipalities whose name begins as typed, also with ø or å typed as o and a (the shell then keeps
    those that begin exactly so)."""
    try:
        from chefloen.loading.tax import load_tax_year
        from chefloen.tax import place_key

        names = [name for name, _, _ in load_tax_year(None).kommuner.values()]
    except ChefloenError:
        return []
    key = place_key(incomplete)
    return [name for name in names if place_key(name).startswith(key)]
