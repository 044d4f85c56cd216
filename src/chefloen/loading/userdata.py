"""The user's own postings and regulations: where they live, and how `add` and `remove` change them.

They live in ``$CHEFLOEN_USER_DIR``, else in the user data directory of platformdirs
(``user_data_dir("chefloen")``: ``$XDG_DATA_HOME/chefloen``, else ``~/.local/share/chefloen`` on Linux),
as ``region-index.toml`` and ``region-postings.toml`` in the schema of the shipped tables, every row
with status ``user``. Every command loads them beside the shipped tables (see :mod:`chefloen.loading.scales`),
validated the same way; a user entry never replaces a shipped one. ``add`` and ``remove`` validate
the new content before they write it, and write the file whole (comments written by hand are not kept).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from chefloen import labels
from chefloen.errors import ChefloenError, InputError, ScaleFileError, UnknownKeyError, bounded
from chefloen.files import atomic_output, locked
from chefloen.loading.paths import INDEX_FILE, POSTINGS_FILE, USER_ENV, user_dir
from chefloen.model import Factor, IndexSeries, Posting, Scales, Source, fold, loenramme_number
from chefloen.money import HUNDRED, round_money
from chefloen.periods import FACTOR_UNIT, period_for

if TYPE_CHECKING:
    from pydantic import BaseModel


# A title, employer, location or source: a line of text, so that a table of them stays far below the size a
# data file may have (files.MAX_DATA_BYTES) however many entries it holds.
MAX_TEXT = 300


def require_dir() -> Path:
    directory = user_dir()
    if directory is None:
        raise ChefloenError(f"no home directory is known, so your own tables have no place; set {USER_ENV}")
    return directory


# --- regulations -------------------------------------------------------------------------------


FACTOR_GIVEN = "Faktor angivet af brugeren"


class Rederived(NamedTuple):
    """A later regulation of the user's, added by percent, whose factor an add or a remove derived again."""

    effective: dt.date
    before: Decimal
    after: Decimal


def add_regulation(
    scales: Scales, on: dt.date, *, percent: Decimal | None, factor: Decimal | None, source: str
) -> tuple[Factor, list[Rederived]]:
    """Add a confirmed regulation on ``on``: a factor, or a percentage by the additive rule on the factor in force
    the day before. Returns it, and the later regulations of the user's added by percent that now rest on it
    (derived again). The file is read, changed and written under its lock, so no concurrent add is lost."""
    from chefloen.loading import schema

    shipped = shipped_series(scales)
    existing = next((entry for entry in shipped.factors if entry.effective == on), None)
    if existing is not None:
        raise InputError(
            f"the shipped data has a regulation on {on} already (factor {existing.value}); "
            "a user entry never replaces shipped data"
        )
    if on <= shipped.last.effective:
        raise InputError(
            f"the shipped data is complete up to its last regulation ({shipped.last.effective}); "
            "a user regulation must come after it"
        )
    if (percent is None) == (factor is None):
        raise InputError("give either --percent or --factor")
    if factor is not None and (not 0 < factor < 100 or factor != factor.quantize(FACTOR_UNIT)):
        raise InputError(f"factor {factor} must be above 0 and below 100, with at most six decimals")
    path = require_dir() / INDEX_FILE
    with locked(path):
        rows, sources = read_table(path, schema.UserIndexFile, "factor")
        if any(row["effective"] == on for row in rows):
            raise InputError(
                f"you added a regulation on {on} already; remove it first with 'chefloen index remove {on}'"
            )
        key = f"user-{on.isoformat()}"
        sources[key] = source_entry(source)
        row: dict[str, Any] = {"effective": on, "status": "user", "source": key}
        row |= {"value": factor, "basis": FACTOR_GIVEN} if factor is not None else {"percent": percent}
        rows = sorted([*rows, row], key=lambda entry: entry["effective"])
        rederived = derive(shipped, rows, since=on)
        write_table(path, "index", INDEX_HEADER, "factor", rows, sources, check=check_index(scales))
    return Factor(on, row["value"], "user", scales_source(key, sources[key]), row["basis"]), rederived


def remove_regulation(scales: Scales, on: dt.date) -> list[Rederived]:
    """Remove the user's own regulation on ``on`` (shipped ones cannot be removed), under the file's lock; the
    later ones added by percent are derived again. Returns those whose factor changed."""
    from chefloen.loading import schema

    path = require_dir() / INDEX_FILE
    with locked(path):
        rows, sources = read_table(path, schema.UserIndexFile, "factor")
        kept = [row for row in rows if row["effective"] != on]
        if len(kept) == len(rows):
            shipped = any(entry.effective == on and entry.status != "user" for entry in scales.regulation.factors)
            why = "it is shipped data, which cannot be removed" if shipped else "you have none on that date"
            raise InputError(f"no regulation of yours on {on} to remove: {why}")
        rederived = derive(shipped_series(scales), kept, since=on)
        write_table(path, "index", INDEX_HEADER, "factor", kept, used(sources, kept), check=check_index(scales))
    return rederived


def shipped_series(scales: Scales) -> IndexSeries:
    """The regulation series without the user's own factors."""
    index = scales.regulation
    return index._replace(factors=tuple(factor for factor in index.factors if factor.status != "user"))


def shipped_postings(scales: Scales) -> dict[str, Posting]:
    """The postings without the user's own."""
    return {key: posting for key, posting in scales.postings.items() if posting.status != "user"}


def derive(shipped: IndexSeries, rows: Rows, *, since: dt.date) -> list[Rederived]:
    """Give each row added by percent (in date order) its factor by the additive rule on the factor in force the
    day before it, as the series stands with the rows before it; rows given as a factor keep it. Returns the
    rows after ``since`` whose factor changed. A row from before chefloen kept the percent cannot be derived
    again: when it lies after ``since``, the change is refused, with what to do."""
    series, changed = shipped, []
    for row in rows:
        on = row["effective"]
        percent = row.get("percent")
        if percent is None and on > since and row.get("basis") != FACTOR_GIVEN and "value" in row:
            raise InputError(
                f"your regulation on {on} was added by percent on the factor before it, which this changes, and "
                f"its percent is not kept; remove it first ('chefloen index remove {on}') and add it again after"
            )
        if percent is not None:
            period = period_for(series, on)
            if period not in series.periods:  # opened by this regulation: later ones add on its start level
                series = series._replace(periods=(*series.periods, period))
            before = series.at(on - dt.timedelta(days=1)).entry.value
            value = round_money(before + percent / HUNDRED * period.start_level, FACTOR_UNIT)
            if not 0 < value < 100:
                raise InputError(f"{percent} % on {on} would make the factor {value}")
            if "value" in row and row["value"] != value and on > since:
                changed.append(Rederived(on, row["value"], value))
            row["value"] = value
            row["basis"] = percent_basis(before, percent, period.start_level, period.name)
        factor = Factor(on, row["value"], "user", Source("", "", ""), row.get("basis", ""))
        series = series._replace(factors=(*series.factors, factor))
    return changed


def percent_basis(before: Decimal, percent: Decimal, start_level: Decimal, period: str) -> str:
    """How a factor added by percent was derived, in the words the index table shows."""
    sign = "+" if percent >= 0 else "-"
    return (
        f"{labels.factor(before)} {sign} {labels.exact(abs(percent))} % × startniveau "
        f"{labels.factor(start_level)} ({period})"
    )


# --- postings ----------------------------------------------------------------------------------

_POSTED_TRIN = re.compile(r"^(?P<step>.+?)\+(?P<extra>\d+)$")


def split_posted_trin(text: str, scales: Scales) -> tuple[str, str]:
    """The trin a posting is modelled on, and the trin as it was posted: ``52+1`` is trin 52 and ``52+1``."""
    posted = bounded(text, "trin", 100)
    if posted in scales.steps:
        return posted, posted
    if loenramme_number(posted) is not None:  # LR37: trin 51, shown as its trin
        step = scales.step(posted).step
        return step, step
    match = _POSTED_TRIN.match(posted)
    if match and match["step"] in scales.steps:
        return match["step"], posted
    raise UnknownKeyError("trin", posted, list(scales.steps))


def add_posting(
    scales: Scales,
    posting_id: str,
    *,
    trin: str,
    level: Decimal,
    level_date: dt.date,
    title: str,
    employer: str = "",
    location: str = "",
    pension_group: str = "chef",
    includes_afkoeb: bool = False,
    source: str = "",
) -> Posting:
    """Add the user's own posting; its level must reach the trin's basisløn at the level date. Returns it."""
    from chefloen.loading import schema

    posting_id = bounded(posting_id, "posting id", 64)
    title, employer, location = (bounded(text, name, MAX_TEXT) for text, name in
                                 ((title, "--title"), (employer, "--employer"), (location, "--location")))  # fmt: skip
    if posting_id in scales.postings:
        whose = "yours" if scales.postings[posting_id].status == "user" else "a shipped posting"
        raise InputError(f"posting id {posting_id!r} exists already ({whose}); choose another id")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", posting_id):
        raise InputError(f"posting id {posting_id!r}: use lower-case letters, digits and '-', e.g. kontorchef-hr")
    step, posted = split_posted_trin(trin, scales)
    scales.pension_group(pension_group)
    if level != level.to_integral_value():
        raise InputError(f"level {level} must be whole kroner")
    basisloen = round_money(scales.step(step).base_amount * scales.regulation.at(level_date).entry.value)
    if level < basisloen:
        raise InputError(
            f"level {labels.kr(level)} is below the basisløn of trin {step} at {level_date} ({labels.kr(basisloen)})"
        )
    if not title.strip():
        raise InputError("--title must not be empty")
    path = require_dir() / POSTINGS_FILE
    with locked(path):
        rows, sources = read_table(path, schema.UserPostingFile, "posting")
        if any(fold(row["id"]) == fold(posting_id) for row in rows):  # added by another run since the load
            raise InputError(f"posting id {posting_id!r} exists already (yours); choose another id")
        key = f"user-{posting_id}"
        sources[key] = source_entry(source or "Angivet af brugeren")
        afkoeb = " inkl. afkøb af merarbejde" if includes_afkoeb else ""
        new = {
            "id": posting_id,
            "title": title.strip(),
            "employer": employer.strip(),
            "location": location.strip(),
            "trin_as_posted": posted,
            "step": step,
            "level": int(level),
            "level_date": level_date,
            "pension_group": pension_group,
            "level_includes_afkoeb": includes_afkoeb,
            "wording": f"Trin {posted} med et opslagsniveau{afkoeb} på {labels.kr(level)} "
            f"({labels.date(level_date)}-niveau).",
            "status": "user",
            "source": key,
        }
        rows.append({name: value for name, value in new.items() if value != ""})
        postings = write_table(
            path, "postings", POSTINGS_HEADER, "posting", rows, sources, check=check_postings(scales)
        )
        posting: Posting = postings[posting_id]
        return posting


def remove_posting(scales: Scales, posting_id: str) -> None:
    """Remove the user's own posting ``posting_id``; shipped ones cannot be removed."""
    from chefloen.loading import schema

    posting_id = bounded(posting_id, "posting id", 64)
    path = require_dir() / POSTINGS_FILE
    with locked(path):
        rows, sources = read_table(path, schema.UserPostingFile, "posting")
        kept = [row for row in rows if fold(row["id"]) != fold(posting_id)]
        if len(kept) == len(rows):
            shipped = posting_id in scales.postings and scales.postings[posting_id].status != "user"
            why = "it is a shipped posting, which cannot be removed" if shipped else "you have none with that id"
            raise InputError(f"no posting of yours with id {posting_id!r} to remove: {why}")
        check = check_postings(scales)
        write_table(path, "postings", POSTINGS_HEADER, "posting", kept, used(sources, kept), check=check)


# --- reading, checking and writing the files ---------------------------------------------------


Rows = list[dict[str, Any]]
Sources = dict[str, dict[str, str]]


def read_table(path: Path, model: type[BaseModel], table: str) -> tuple[Rows, Sources]:
    """The validated rows and sources of a user file as plain values; none when there is no file yet."""
    from chefloen.loading.scales import validate

    if not os.path.lexists(path):
        return [], {}
    data = validate(model, path, shown=str(path), user=True)
    sources: dict[str, BaseModel] = getattr(data, "sources")  # noqa: B009  (every user file model has one)
    return [row_data(row) for row in getattr(data, table)], {key: row_data(e) for key, e in sources.items()}


def used(sources: Sources, rows: Rows) -> Sources:
    """The sources that some row still cites."""
    cited = {row["source"] for row in rows}
    return {key: entry for key, entry in sources.items() if key in cited}


def row_data(row: BaseModel) -> dict[str, Any]:
    """A validated row as plain values, leaving out what is not given (empty optional text, no percent)."""
    return {key: value for key, value in row.model_dump().items() if value != "" and value is not None}


def source_entry(text: str) -> dict[str, str]:
    text = " ".join(bounded(text, "--source", MAX_TEXT).split())
    if not text:
        raise InputError("--source must not be empty: say where the figure comes from")
    return {"title": text, "url": text} if re.fullmatch(r"https?://\S+", text) else {"title": text}


def scales_source(key: str, entry: Mapping[str, str]) -> Source:
    return Source(key, entry["title"], entry.get("url", ""))


Check = Any  # a function of the parsed new content that raises ScaleFileError, returning what it built


def check_index(scales: Scales) -> Check:
    """Validates new index content exactly as a load would, against the shipped series, and the user's own
    postings against it: a regulation that would put one of them below its trin's basisløn would make every
    later load fail, so it is refused before it is written."""
    from chefloen.loading.scales import merge_user_index, merge_user_postings

    shipped = shipped_series(scales)
    postings = shipped_postings(scales)

    def check(path: Path, raw: dict[str, Any]) -> IndexSeries:
        index = merge_user_index(shipped, path, raw)
        try:
            merge_user_postings(postings, path.with_name(POSTINGS_FILE), index, scales.steps,
                                scales.pension_groups)  # fmt: skip
        except ScaleFileError as exc:
            raise InputError(
                f"not changed: with this change, {exc}; change or remove that posting of yours first"
            ) from None
        return index

    return check


def check_postings(scales: Scales) -> Check:
    """Validates new postings content exactly as a load would, against the shipped postings."""
    from chefloen.loading.scales import merge_user_postings

    shipped = shipped_postings(scales)

    def check(path: Path, raw: dict[str, Any]) -> dict[str, Posting]:
        return merge_user_postings(shipped, path, scales.regulation, scales.steps, scales.pension_groups, raw)

    return check


INDEX_HEADER = (
    "Your own regional regulations, added with `chefloen index add` (status user). Every command uses\n"
    "them after the shipped factors. Schema: chefloen.loading.schema.UserIndexFile. chefloen rewrites this file\n"
    "when you add or remove an entry; edit it by hand if you like, but comments are not kept."
)
POSTINGS_HEADER = (
    "Your own postings, added with `chefloen postings add` (status user). Schema:\n"
    "chefloen.loading.schema.UserPostingFile. chefloen rewrites this file when you add or remove an entry; edit\n"
    "it by hand if you like, but comments are not kept."
)


def write_table(
    path: Path,
    kind: str,
    header: str,
    table: str,
    rows: Sequence[Mapping[str, Any]],
    sources: Mapping[str, Mapping[str, str]],
    *,
    check: Check,
) -> Any:
    """Write a user table whole and atomically, after checking its content as a load would."""
    import tomllib

    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += [f"kind = {toml_value(kind)}", 'area = "region"', ""]
    for key, entry in sources.items():
        lines += [f"[sources.{key}]", *(f"{name} = {toml_value(value)}" for name, value in entry.items()), ""]
    for row in rows:
        lines += [f"[[{table}]]", *(f"{name} = {toml_value(value)}" for name, value in row.items()), ""]
    text = "\n".join(lines)
    built = check(path, tomllib.loads(text, parse_float=Decimal))
    if not rows:  # the last entry went: no file is the same as an empty one
        path.unlink(missing_ok=True)
        return built
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path, private=True, locked_by_caller=True) as stream:  # 0600: the user's alone
        stream.write(text)
    return built


def toml_value(value: object) -> str:
    """One TOML value: a string, whole number, exact decimal, date or boolean.

    >>> toml_value('Kilde "KRL"\\n'), toml_value(Decimal("1.204326")), toml_value(dt.date(2026, 10, 1))
    ('"Kilde \\\\"KRL\\\\"\\\\u000a"', '1.204326', '2026-10-01')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m[0]):04x}", escaped) + '"'
    raise TypeError(f"no TOML form for {type(value).__name__}")
