"""Find, read and validate the data tables in data/scales, and the user's own, into one Scales object."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from chefloen.errors import ScaleFileError
from chefloen.files import Snapshot, snapshot
from chefloen.loading.paths import (
    FILES,
    HOLIDAY_FILE,
    INDEX_FILE,
    PENSION_FILE,
    POSTINGS_FILE,
    STEPS_FILE,
    USER_FILES,
    WORKTIME_FILE,
    default_dir,
    user_dir,
)
from chefloen.model import (
    Factor,
    Holiday,
    HolidayPayout,
    HolidayRate,
    IndexSeries,
    Level,
    PensionFloor,
    PensionGroup,
    PensionRate,
    Period,
    Posting,
    Regular,
    Scales,
    Source,
    Step,
    Upcoming,
    WorkTime,
)
from chefloen.money import base_amount_for, round_money

if TYPE_CHECKING:
    from pydantic import BaseModel

    from chefloen.loading import schema

# The records a cached Scales is rebuilt from, and the only ones a cache entry can name.
RECORDS = {
    record.__name__: record
    for record in (
        Source,
        Factor,
        Period,
        Upcoming,
        Regular,
        Level,
        IndexSeries,
        Step,
        PensionRate,
        PensionGroup,
        WorkTime,
        Posting,
        PensionFloor,
        HolidayRate,
        HolidayPayout,
        Holiday,
    )
} | {"Scales": Scales}
M = TypeVar("M", bound="BaseModel")


def read_toml(path: Path, *, shown: str | None = None, user: bool = False) -> dict[str, Any]:
    """Parse one TOML file with exact Decimals, as a ScaleFileError on any failure. A ``user`` table (one the user
    keeps, at a path chefloen chose) must be the user's alone and is not read through a link."""
    return parse_toml(snapshot(path, user=user), path, shown=shown)


def parse_toml(read: Snapshot, path: Path, *, shown: str | None = None) -> dict[str, Any]:
    """The TOML of a file read once (see files.Snapshot), with exact Decimals; a ScaleFileError on any failure."""
    import tomllib  # only when data is validated, not on a cached start

    if read.content is None:
        problem = "file not found" if read.problem is None else f"cannot be read: {read.problem.strerror}"
        raise ScaleFileError(path, [problem], shown=shown)
    try:
        # utf-8-sig: an editor may save a table with a BOM, which TOML does not allow but means nothing here.
        return tomllib.loads(read.content.decode("utf-8-sig"), parse_float=Decimal)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ScaleFileError(path, [f"not valid TOML: {exc}"], shown=shown) from None
    except RecursionError:
        raise ScaleFileError(path, ["not valid TOML: nested too deeply"], shown=shown) from None


def validate(
    model: type[M], path: Path, raw: dict[str, Any] | None = None, *, shown: str | None = None, user: bool = False
) -> M:
    """Validate one file (or its already parsed ``raw`` content); every failed field becomes one problem line.
    ``user``: the file is one of the user's own tables (see :func:`read_toml`)."""
    from pydantic import ValidationError

    if raw is None:
        raw = read_toml(path, shown=shown, user=user)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{where}: {message}" if where else message)
        raise ScaleFileError(path, problems, shown=shown) from None


def sources_of(data: schema.DataFile | schema.UserIndexFile | schema.UserPostingFile) -> dict[str, Source]:
    return {key: Source(key, entry.title, entry.url) for key, entry in data.sources.items()}


def load_index(path: Path) -> IndexSeries:
    from chefloen.loading import schema

    data = validate(schema.IndexFile, path)
    sources = sources_of(data)
    factors = tuple(Factor(row.effective, row.value, row.status, sources[row.source], row.basis) for row in data.factor)
    series = IndexSeries(factors, ())
    for position, row in enumerate(data.period):
        if row.first_regulation <= factors[0].effective:
            problem = f"period.{position}.first_regulation: must come after the first factor ({factors[0].effective})"
            raise ScaleFileError(path, [problem])
    periods = tuple(
        Period(
            row.name,
            row.first_regulation,
            series.at(row.first_regulation - dt.timedelta(days=1)).entry.value,
            row.last_day,
        )
        for row in data.period
    )
    upcoming = None
    if data.next is not None:
        upcoming = Upcoming(data.next.date, sources[data.next.source], data.next.basis)
    regular = None
    if (days := data.regular) is not None:
        regular = Regular(tuple(days.months), days.day, days.status, sources[days.source], days.basis)
    level_2000 = None
    if (level := data.level_2000) is not None:
        level_2000 = Level(level.value, level.status, sources[level.source], level.basis)
    return IndexSeries(factors, periods, upcoming, regular, level_2000)


def merge_user_index(index: IndexSeries, path: Path, raw: dict[str, Any] | None = None) -> IndexSeries:
    """The shipped series followed by the user's own regulations, which must all come after it."""
    from chefloen.loading import schema

    if raw is None and not os.path.lexists(path):  # a link to nothing is there, and is refused when read
        return index
    shown = str(path)
    data = validate(schema.UserIndexFile, path, raw, shown=shown, user=True)
    sources = sources_of(data)
    last = index.last.effective
    shipped = {factor.effective for factor in index.factors}
    for position, row in enumerate(data.factor):
        if row.effective in shipped:
            problem = f"{row.effective} is in the shipped data already, which a user entry never replaces"
        elif row.effective <= last:
            problem = (
                f"{row.effective} comes before the last shipped regulation ({last}), which a user entry never changes"
            )
        else:
            continue
        remove = f"remove it with 'chefloen index remove {row.effective}'"
        raise ScaleFileError(path, [f"factor.{position}.effective: {problem}; {remove}"], shown=shown)
    added = tuple(Factor(row.effective, row.value, "user", sources[row.source], row.basis) for row in data.factor)
    if not added:
        return index
    upcoming = index.upcoming if index.upcoming and index.upcoming.date > added[-1].effective else None
    return index._replace(factors=index.factors + added, upcoming=upcoming)


def load_steps(path: Path) -> dict[str, Step]:
    from chefloen.loading import schema

    data = validate(schema.StepFile, path)
    sources = sources_of(data)
    return {
        row.step: Step(row.step, row.loenramme, Decimal(row.base_amount), row.status, sources[row.source])
        for row in data.step
    }


def load_pension(path: Path) -> tuple[dict[str, PensionGroup], PensionFloor]:
    """The pension groups and their rates, and the floor above which pension may be taken as pay."""
    from chefloen.loading import schema

    data = validate(schema.PensionFile, path)
    sources = sources_of(data)
    fritvalg = data.fritvalg
    floor = PensionFloor(fritvalg.floor, fritvalg.status, sources[fritvalg.source], fritvalg.basis)
    groups = {
        group.id: PensionGroup(
            group.id,
            group.label,
            tuple(
                PensionRate(rate.effective, rate.percent, rate.status, sources[rate.source], rate.basis)
                for rate in group.rate
            ),
        )
        for group in data.group
    }
    return groups, floor


def load_holiday(path: Path) -> Holiday:
    from chefloen.loading import schema

    data = validate(schema.HolidayFile, path)
    sources = sources_of(data)
    payout = data.payout
    return Holiday(
        rates=tuple(
            HolidayRate(rate.effective, rate.percent, rate.status, sources[rate.source], rate.basis)
            for rate in data.rate
        ),
        payout=HolidayPayout(
            payout.law_percent,
            (payout.law_months[0], payout.law_months[1]),
            payout.rest_month,
            payout.status,
            sources[payout.source],
            payout.basis,
        ),
        assumption=data.assumption,
    )


def load_worktime(path: Path) -> WorkTime:
    from chefloen.loading import schema

    data = validate(schema.WorkTimeFile, path)
    return WorkTime(data.weekly_hours, data.weeks_per_year, data.annual_hours, sources_of(data)[data.source])


def load_postings(
    path: Path, index: IndexSeries, steps: dict[str, Step], groups: dict[str, PensionGroup]
) -> dict[str, Posting]:
    """The shipped postings, each with the grundbeløb that reproduces its level at its own date."""
    from chefloen.loading import schema

    data = validate(schema.PostingFile, path)
    return build_postings(data, path, index, steps, groups)


def merge_user_postings(
    shipped: dict[str, Posting],
    path: Path,
    index: IndexSeries,
    steps: dict[str, Step],
    groups: dict[str, PensionGroup],
    raw: dict[str, Any] | None = None,
) -> dict[str, Posting]:
    """The shipped postings and the user's own, whose ids must differ from every shipped one."""
    from chefloen.loading import schema

    if raw is None and not os.path.lexists(path):
        return shipped
    shown = str(path)
    data = validate(schema.UserPostingFile, path, raw, shown=shown, user=True)
    for position, row in enumerate(data.posting):
        if row.id in shipped:
            problem = f"posting.{position}.id: {row.id!r} is a shipped posting's id; give yours another id"
            raise ScaleFileError(path, [problem], shown=shown)
    return shipped | build_postings(data, path, index, steps, groups, shown=shown)


def build_postings(
    data: schema.PostingFile,
    path: Path,
    index: IndexSeries,
    steps: dict[str, Step],
    groups: dict[str, PensionGroup],
    *,
    shown: str | None = None,
) -> dict[str, Posting]:
    """Postings from validated rows; the level above the trin's basisløn becomes a grundbeløb at the level date."""
    sources = sources_of(data)
    postings = {}
    for position, row in enumerate(data.posting):
        where = f"posting.{position}"
        if row.step not in steps:
            problem = f"{where}.step: unknown trin {row.step!r} (known: {', '.join(steps)})"
            raise ScaleFileError(path, [problem], shown=shown)
        if row.pension_group not in groups:
            problem = f"{where}.pension_group: unknown group {row.pension_group!r} (known: {', '.join(groups)})"
            raise ScaleFileError(path, [problem], shown=shown)
        if row.level_date < index.factors[0].effective:
            raise ScaleFileError(path, [f"{where}.level_date: before the first regulation factor"], shown=shown)
        first_rate = groups[row.pension_group].rates[0].effective
        if row.level_date < first_rate:
            problem = f"{where}.level_date: before the first pension rate of {row.pension_group} ({first_rate})"
            raise ScaleFileError(path, [problem], shown=shown)
        factor = index.at(row.level_date).entry.value
        level = Decimal(row.level)
        basisloen = round_money(steps[row.step].base_amount * factor)
        if level < basisloen:
            problem = f"{where}.level: below the basisløn of trin {row.step} at {row.level_date} ({basisloen} kr.)"
            raise ScaleFileError(path, [problem], shown=shown)
        postings[row.id] = Posting(
            id=row.id,
            title=row.title,
            employer=row.employer,
            location=row.location,
            trin_as_posted=row.trin_as_posted or row.step,
            step=row.step,
            level=level,
            level_date=row.level_date,
            pension_group=row.pension_group,
            level_includes_afkoeb=row.level_includes_afkoeb,
            wording=row.wording,
            status=row.status,
            source=sources[row.source],
            supplement_base_amount=base_amount_for(level - basisloen, factor),
            note=row.note,
        )
    return postings


def load_scales(directory: Path | None = None, user_directory: Path | None = None) -> Scales:
    """Load every table in ``directory`` (default: :func:`~chefloen.loading.paths.default_dir`), and the user's own.

    The user's own tables come from ``user_directory`` (default: :func:`chefloen.loading.paths.user_dir`).
    Validation runs only when a file, or the code that validates it, changed since the last load: the
    validated result is cached under a key of both (see :mod:`chefloen.loading.cache`), so a quote starts
    without Pydantic.
    """
    from chefloen.loading import cache

    directory = default_dir() if directory is None else directory
    if not directory.is_dir():
        raise ScaleFileError(directory, ["scales directory not found"])
    user_directory = user_dir() if user_directory is None else user_directory
    user = user_tables(user_directory)
    key = cache.key_of([directory / name for name in FILES], [read.state() for read in user.values()])
    cached = cache.read("scales", key, RECORDS)
    if isinstance(cached, Scales):
        return cached
    scales = validate_scales(directory, user_directory, user)
    cache.write("scales", key, scales)
    return scales


def user_tables(user_directory: Path | None) -> dict[str, Snapshot]:
    """The user's own tables, each read once: what the cache key and the validation both rest on."""
    if user_directory is None:
        return {}
    return {name: snapshot(user_directory / name, user=True) for name in USER_FILES}


def user_raw(user: dict[str, Snapshot], user_directory: Path, name: str) -> dict[str, Any] | None:
    """A user table's TOML, None when there is no such table; a table that cannot be read is an error."""
    read = user.get(name, Snapshot(None))
    if read.content is None and read.problem is None:
        return None
    path = user_directory / name
    return parse_toml(read, path, shown=str(path))


def validate_scales(
    directory: Path, user_directory: Path | None = None, user: dict[str, Snapshot] | None = None
) -> Scales:
    """Read and validate every table in ``directory``, and the user's own in ``user_directory`` (as read in
    ``user``, else now), with no cache."""
    index = load_index(directory / INDEX_FILE)
    if user_directory is not None:
        user = user_tables(user_directory) if user is None else user
        raw = user_raw(user, user_directory, INDEX_FILE)
        if raw is not None:
            index = merge_user_index(index, user_directory / INDEX_FILE, raw)
    steps = load_steps(directory / STEPS_FILE)
    groups, floor = load_pension(directory / PENSION_FILE)
    postings = load_postings(directory / POSTINGS_FILE, index, steps, groups)
    if user_directory is not None and user is not None:
        raw = user_raw(user, user_directory, POSTINGS_FILE)
        if raw is not None:
            postings = merge_user_postings(postings, user_directory / POSTINGS_FILE, index, steps, groups, raw)
    return Scales(
        regulation=index,
        steps=steps,
        pension_groups=groups,
        postings=postings,
        worktime=load_worktime(directory / WORKTIME_FILE),
        fritvalg_floor=floor,
        holiday=load_holiday(directory / HOLIDAY_FILE),
    )
