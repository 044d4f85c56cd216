"""Help that Click wraps between words only, at any width: the option column gives way to the help's words."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from typer._click import Command, Context, HelpFormatter  # Typer's own click, as in chefloen.cli.app

# Click's wrapper also breaks after a hyphen inside a word (AM-bidrag, --afkoeb-pensionsgivende) and has no
# setting for it, so hyphens are this stand-in while it wraps.
_HYPHEN = "\u2011"


class WholeWords(HelpFormatter):
    """Click's formatter, breaking lines between words only. The option column is no wider than leaves room
    for the longest word of the help beside it: Click gives the help column what the option column leaves
    and cuts a longer word (at 50 columns it had 16: "Kvalifikationslø" / "n"). An option too long for its
    column goes on a line of its own, as Click does with any long one."""

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(first, second.replace("-", _HYPHEN)) for first, *rest in rows for second in rest or [""]]
        longest = max((len(word) for _, second in rows for word in second.split()), default=0)
        # Click's help column is self.width - (option column + col_spacing) - 2.
        col_max = max(min(col_max, self.width - col_spacing - 2 - longest), 0)
        with self._hyphens_restored():
            super().write_dl(rows, col_max, col_spacing)

    def write_text(self, text: str) -> None:
        with self._hyphens_restored():
            super().write_text(text.replace("-", _HYPHEN))

    @contextmanager
    def _hyphens_restored(self) -> Iterator[None]:
        start = len(self.buffer)
        yield
        self.buffer[start:] = [text.replace(_HYPHEN, "-") for text in self.buffer[start:]]


class WholeWordsContext(Context):
    formatter_class = WholeWords


def whole_words(command: Command) -> Command:
    """``command`` and its subcommands, their help laid out by WholeWords."""
    command.context_class = WholeWordsContext
    for subcommand in getattr(command, "commands", {}).values():
        whole_words(subcommand)
    return command
