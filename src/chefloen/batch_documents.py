"""JSON and TOML batch files, read whole: a JSON array of objects (or ``{"scenarios": [...]}``) and TOML
``[[scenario]]`` tables.

Each scenario is decoded on its own, so one that cannot be read (a number of thousands of digits, nesting too
deep, a byte that is not UTF-8, a key given twice) is that row's error and every other row is kept; only a file
that is broken as a whole (cut short, not a list of scenarios) fails, in one line that says where. A row is
numbered by the line its object or its ``[[scenario]]`` starts on, counted forward once: numbering a file takes
time linear in its length.
"""

from __future__ import annotations

import json
import re
from typing import IO

from chefloen.batch_cells import GivenTwiceError, Numbered, Row, json_object, mapping_row, quoted, too_much
from chefloen.errors import InputError, InputFileError
from chefloen.files import byte_count

Spans = list[tuple[int, int, int]]  # where each scenario is: its line, and its start and end in the text
# The text is kept whole while its scenarios are read, and one character that is not Latin-1 makes each take four
# bytes: 100 MB of JSON (1,2 million scenarios) can take 400 MB.
DOCUMENT_LIMIT = 100 << 20
_BLANK = re.compile(r"[ \t\r\n]*+")
# One step of a walk over JSON: an object holding no object or array (most scenarios, in one step), a string
# (to its line's end if it is never closed), a bracket or a comma. Numbers, words and colons are stepped over.
_JSON_STEP = re.compile(r'\{(?:[^{}\[\]"]|"(?:[^"\\\n]|\\.)*+")*+\}|"(?:[^"\\\n]|\\.)*+"?+|[\[\]{},]')
_JSON_KEY = re.compile(r'"(?:[^"\\\n]|\\.)*+"')
# A [[scenario]] header at the start of a line, or what may hide one: a string (of one line or of several) or a
# comment. A header inside a string is stepped over with the string, so it starts no scenario.
_TOML_STEP = re.compile(
    r"^[ \t]*+\[\[[ \t]*+(?P<head>scenarios?)[ \t]*+\]\]"
    r'|"""(?:[^"\\]|\\[\s\S]|"(?!""))*+"{3,5}'
    r"|'''(?:[^']|'(?!''))*+'{3,5}"
    r'|"(?:[^"\\\n]|\\.)*+"?+'
    r"|'[^'\n]*+'?+"
    r"|#[^\n]*+",
    re.MULTILINE,
)
_TOML_LINE = re.compile(r"\(at line (\d+)")
_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # a byte that was not UTF-8, kept as a surrogate when decoded
_NOT_A_LIST = "expected a list of scenarios (JSON array or TOML [[scenario]] tables)"


def read_document(handle: IO[bytes], where: str, kind: str) -> Numbered:
    """The scenarios of a JSON or TOML batch file, each with the line it starts on. The whole file is looked
    through before the first is given, so a file broken as a whole fails before any output."""
    data = handle.read(DOCUMENT_LIMIT + 1)
    if len(data) > DOCUMENT_LIMIT:
        raise InputFileError(
            f"{where}: a {kind} batch file is read whole, so it may be at most {byte_count(DOCUMENT_LIMIT)}; "
            "write the rows as .jsonl or .csv, which stream"
        )
    text = data.decode("utf-8-sig", errors="surrogateescape")
    return JsonDocument(text, where).scenarios() if kind == ".json" else toml_scenarios(text, where)


class Lines:
    """The line of each position asked for, in order: each answer counts only the text since the last."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line = 1
        self.at = 0

    def __call__(self, at: int) -> int:
        self.line += self.text.count("\n", self.at, at)
        self.at = at
        return self.line


def where_in(text: str, at: int) -> str:
    line = text.count("\n", 0, at) + 1
    return f"line {line}, column {at - text.rfind(chr(10), 0, at)}"


class JsonDocument:
    """A walk over a JSON batch file that finds where each scenario starts and ends by brackets and commas
    alone; each is then decoded by itself."""

    def __init__(self, text: str, where: str) -> None:
        self.text = text
        self.where = where
        self.lines = Lines(text)
        self.decoder = json.JSONDecoder(object_pairs_hook=json_object)

    def skip(self, at: int) -> int:
        match = _BLANK.match(self.text, at)
        return match.end() if match else at

    def broken(self, at: int, problem: str) -> InputFileError:
        return InputFileError(f"{self.where}: cannot be read: {problem} ({where_in(self.text, at)})")

    def scenarios(self) -> Numbered:
        spans = self.spans()
        return ((line, self.row(self.text[start:end])) for line, start, end in spans)

    def spans(self) -> Spans:
        at = self.skip(0)
        if at == len(self.text):
            raise InputFileError(f"{self.where}: the file is empty")
        if self.text.startswith("[", at):
            spans, at = self.array(at)
        elif self.text.startswith("{", at):
            spans, at = self.wrapped(at)
        else:
            raise InputFileError(f"{self.where}: {_NOT_A_LIST}")
        if self.skip(at) < len(self.text):
            raise self.broken(self.skip(at), "more follows the end of the scenarios")
        return spans

    def end_of(self, at: int, closing: str) -> int:
        """Where the value from ``at`` ends: the first comma or ``closing`` outside any bracket."""
        depth = 0
        for step in _JSON_STEP.finditer(self.text, at):
            token = step[0]
            if token in ("[", "{"):
                depth += 1
            elif token in ("]", "}"):
                if depth:
                    depth -= 1
                elif token == closing:
                    return step.start()
            elif token == "," and not depth:
                return step.start()
        raise self.broken(at, "what starts here is never closed; is the file cut short?")

    def array(self, at: int) -> tuple[Spans, int]:
        """Where each item of the array at ``at`` is, and where the array ends."""
        spans: Spans = []
        at = self.skip(at + 1)
        if self.text.startswith("]", at):
            return spans, at + 1
        while True:
            end = self.end_of(at, "]")
            spans.append((self.lines(at), at, end))
            if self.text[end] == "]":
                return spans, end + 1
            at = self.skip(end + 1)

    def row(self, item: str) -> Row | InputError:
        if _NOT_UTF8.search(item):
            return InputError("not valid UTF-8")
        try:
            value = self.decoder.decode(item)
        except GivenTwiceError as exc:
            return InputError(f"field {quoted(exc.key)} is given twice; give each field once")
        except json.JSONDecodeError as exc:
            return InputError(f"not valid JSON: {exc.msg}")
        except (ValueError, RecursionError) as exc:  # an int of thousands of digits; nesting too deep
            return InputError(f"not valid JSON: {too_much(exc)}")
        return mapping_row(value)

    def wrapped(self, at: int) -> tuple[Spans, int]:
        """The scenarios of ``{"scenarios": [...]}`` (or ``"scenario"``), other keys stepped over unread."""
        found: dict[str, Spans | None] = {}
        at = self.skip(at + 1)
        while not self.text.startswith("}", at):
            key_text = _JSON_KEY.match(self.text, at)
            if key_text is None:
                raise self.broken(at, "expected a key in double quotes")
            try:
                key = json.loads(key_text[0])
            except ValueError:
                raise self.broken(at, "a key that is not a JSON string") from None
            at = self.skip(key_text.end())
            if not self.text.startswith(":", at):
                raise self.broken(at, "expected ':' after the key")
            at = self.skip(at + 1)
            if key in ("scenarios", "scenario"):
                if key in found:
                    raise InputFileError(f"{self.where}: key {key!r} is given twice; give it once")
                if self.text.startswith("[", at):
                    found[key], at = self.array(at)
                    at = self.skip(at)
                else:
                    found[key], at = None, self.end_of(at, "}")
            else:
                at = self.end_of(at, "}")
            if self.text.startswith(",", at):
                at = self.skip(at + 1)
            elif not self.text.startswith("}", at):
                raise self.broken(at, "expected ',' or '}'")
        spans = found.get("scenarios", found.get("scenario"))
        if spans is None:
            raise InputFileError(f"{self.where}: {_NOT_A_LIST}")
        return spans, at + 1


def toml_scenarios(text: str, where: str) -> Numbered:
    """Each ``[[scenario]]`` table parsed by itself, with the line of its header; a file without one is read as
    one table that holds a list of scenarios."""
    starts = [step.start() for step in _TOML_STEP.finditer(text) if step["head"]]
    if not starts:
        return toml_listed(text, where)
    preamble = toml_table(text[: starts[0]], 1)
    if isinstance(preamble, InputError):
        raise InputFileError(f"{where}: cannot be read: {preamble}")
    lines = Lines(text)
    spans = [(lines(start), start, end) for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]
    return ((line, toml_row(text[start:end], line)) for line, start, end in spans)


def toml_row(text: str, line: int) -> Row | InputError:
    """The scenario of one ``[[scenario]]`` table, from its header to the next."""
    table = toml_table(text, line)
    if isinstance(table, InputError):
        return table
    tables = table.get("scenario", table.get("scenarios"))
    if not isinstance(tables, list) or len(tables) != 1:  # a header this reading does not see, such as [["scenario"]]
        return InputError("not one scenario; start each with [[scenario]] on a line of its own")
    return mapping_row(tables[0])


def toml_table(text: str, line: int) -> dict[str, object] | InputError:
    """The TOML ``text`` (which starts on ``line`` of the file) parsed, or why it cannot be."""
    import tomllib

    if _NOT_UTF8.search(text):
        return InputError("not valid UTF-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Lines are counted from where the text starts; the file's are more use.
        message = _TOML_LINE.sub(lambda match: f"(at line {int(match[1]) + line - 1}", str(exc))
        return InputError(f"not valid TOML: {message}")
    except (ValueError, RecursionError) as exc:
        return InputError(f"not valid TOML: {too_much(exc)}")


def toml_listed(text: str, where: str) -> Numbered:
    table = toml_table(text, 1)
    if isinstance(table, InputError):
        raise InputFileError(f"{where}: cannot be read: {table}")
    scenarios = table.get("scenarios", table.get("scenario"))
    if not isinstance(scenarios, list):
        raise InputFileError(f"{where}: {_NOT_A_LIST}")
    return ((number, mapping_row(value)) for number, value in enumerate(scenarios, start=1))
