"""The classes every chefloen command and group is built as: an option that takes one value is given once.

Click keeps the last of ``--afkoeb 5t --afkoeb 10%`` without a word, so a pasted command line can quietly
compute something other than what it shows. Options that repeat (``multiple=True``) and flags are as Click
has them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from typer._click import Command as ClickCommand
from typer._click import Context, Parameter
from typer._click.parser import _OptionParser  # Typer's own click, pinned with Typer's minor version
from typer.core import TyperCommand, TyperGroup

from chefloen.errors import InputError


class OnceParser(_OptionParser):
    """Click's parser, which collects every value of a single-value option and refuses a second one."""

    def __init__(self, ctx: Context | None = None) -> None:
        super().__init__(ctx)
        self.single: dict[str, Parameter] = {}

    def add_option(
        self,
        obj: Any,
        opts: Sequence[str],
        dest: str | None,
        action: str = "store",
        nargs: int = 1,
        const: Any | None = None,
    ) -> None:
        if action == "store" and dest is not None:
            self.single[dest] = obj
            action = "append"  # each occurrence is kept, to be counted once all are read
        super().add_option(obj, opts, dest, action=action, nargs=nargs, const=const)

    def parse_args(self, args: list[str]) -> tuple[dict[str, Any], list[str], list[Any]]:
        opts, rest, order = super().parse_args(args)
        for dest, option in self.single.items():
            if dest not in opts:
                continue
            values = opts[dest]
            if len(values) > 1 and not (self.ctx is not None and self.ctx.resilient_parsing):
                first, second = (value if isinstance(value, str) else " ".join(value) for value in values[:2])
                raise InputError(f"{name_of(option)} is given twice ({first} and {second}); give it once")
            opts[dest] = values[-1]
        return opts, rest, order


def names_a_file(param: Parameter) -> bool:
    """Whether a parameter takes a file's name (Typer's path type), which may hold any bytes but NUL."""
    return getattr(param.type, "name", None) == "path"


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def name_of(option: Parameter) -> str:
    """The option as its help shows it first: its long name."""
    return next((name for name in option.opts if name.startswith("--")), option.opts[0])


class OnceEach(ClickCommand):
    """A command whose single-value options are each given once, and whose text is text: an argument that holds
    bytes that are not UTF-8 (which Python keeps as lone surrogates) is refused unless it names a file."""

    def invoke(self, ctx: Context) -> Any:
        for param in self.get_params(ctx):
            values = ctx.params.get(param.name or "")
            for value in values if isinstance(values, list | tuple) else [values]:
                if isinstance(value, str) and not names_a_file(param) and not _is_text(value):
                    shown = (
                        name_of(param) if param.opts and param.opts[0].startswith("-") else param.human_readable_name
                    )
                    raise InputError(f"{shown} holds bytes that are not UTF-8 text; write it in UTF-8")
        return super().invoke(ctx)

    def make_parser(self, ctx: Context) -> _OptionParser:
        parser = OnceParser(ctx)
        for param in self.get_params(ctx):
            param.add_to_parser(parser, ctx)
        return parser


class Command(OnceEach, TyperCommand):
    """A chefloen command."""


class Group(OnceEach, TyperGroup):
    """A chefloen group of commands, the root one included."""
