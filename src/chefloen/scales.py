"""Find, read and validate the data tables in data/scales into a Scales object."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from chefloen.errors import ScaleFileError
from chefloen.model import (
    Factor,
    IndexSeries,
    PensionGroup,
    PensionRate,
    Period,
    Posting,
    Scales,
    Source,
    Step,
    WorkTime,
)
from chefloen.money import base_amount_for, round_money

if TYPE_CHECKING:
    from pydantic import BaseModel

    from chefloen import schema

ENV_VAR = "CHEFLOEN_SCALES_DIR"
INDEX_FILE = "region-index.toml"
STEPS_FILE = "region-chef-steps.toml"
PENSION_FILE = "region-pension.toml"
POSTINGS_FILE = "region-postings.toml"
WORKTIME_FILE = "region-worktime.toml"
FILES = (INDEX_FILE, STEPS_FILE, PENSION_FILE, POSTINGS_FILE, WORKTIME_FILE)
M = TypeVar("M", bound="BaseModel")


def default_data_root() -> Path:
    """The data directory: the copy in the installed package (wheel), else the checkout's data/."""
    packaged = Path(__file__).with_name("_data")  # the wheel installs the tables beside the code
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def default_dir() -> Path:
    """The scales directory: $CHEFLOEN_SCALES_DIR, else data/scales (see :func:`default_data_root`)."""
    if override := os.environ.get(ENV_VAR):
        return Path(override)
    return default_data_root() / "scales"


def read_toml(path: Path) -> dict[str, Any]:
    """Parse one TOML file with exact Decimals, as a ScaleFileError on any failure."""
    import tomllib  # only when data is validated, not on a cached start

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle, parse_float=Decimal)
    except FileNotFoundError:
        raise ScaleFileError(path, ["file not found"]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ScaleFileError(path, [f"not valid TOML: {exc}"]) from None
    except OSError as exc:
        raise ScaleFileError(path, [f"cannot be read: {exc.strerror}"]) from None


def validate(model: type[M], path: Path) -> M:
    """Validate one file against its schema; every failed field becomes one problem line."""
    from pydantic import ValidationError

    raw = read_toml(path)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{where}: {message}" if where else message)
        raise ScaleFileError(path, problems) from None


def sources_of(data: schema.DataFile) -> dict[str, Source]:
    return {key: Source(key, entry.title, entry.url) for key, entry in data.sources.items()}


def load_index(path: Path) -> IndexSeries:
    from chefloen import schema

    data = validate(schema.IndexFile, path)
    sources = sources_of(data)
    factors = tuple(Factor(row.effective, row.value, row.status, sources[row.source], row.basis) for row in data.factor)
    series = IndexSeries(factors, ())
    periods = tuple(
        Period(row.name, row.first_regulation, series.at(row.first_regulation - dt.timedelta(days=1)).entry.value)
        for row in data.period
    )
    return IndexSeries(factors, periods)


def load_steps(path: Path) -> dict[str, Step]:
    from chefloen import schema

    data = validate(schema.StepFile, path)
    sources = sources_of(data)
    return {
        row.step: Step(row.step, row.loenramme, Decimal(row.base_amount), row.status, sources[row.source])
        for row in data.step
    }


def load_pension(path: Path) -> dict[str, PensionGroup]:
    from chefloen import schema

    data = validate(schema.PensionFile, path)
    sources = sources_of(data)
    return {
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


def load_worktime(path: Path) -> WorkTime:
    from chefloen import schema

    data = validate(schema.WorkTimeFile, path)
    return WorkTime(data.weekly_hours, data.weeks_per_year, data.annual_hours, sources_of(data)[data.source])


def load_postings(
    path: Path, index: IndexSeries, steps: dict[str, Step], groups: dict[str, PensionGroup]
) -> dict[str, Posting]:
    """Postings, each with the supplement grundbeløb that reproduces its level at its own date."""
    from chefloen import schema

    data = validate(schema.PostingFile, path)
    sources = sources_of(data)
    postings = {}
    for position, row in enumerate(data.posting):
        where = f"posting.{position}"
        if row.step not in steps:
            raise ScaleFileError(path, [f"{where}.step: unknown trin {row.step!r} (known: {', '.join(steps)})"])
        if row.pension_group not in groups:
            raise ScaleFileError(path, [f"{where}.pension_group: unknown group {row.pension_group!r}"])
        if row.level_date < index.factors[0].effective:
            raise ScaleFileError(path, [f"{where}.level_date: before the first regulation factor"])
        factor = index.at(row.level_date).entry.value
        level = Decimal(row.level)
        supplement = level - round_money(steps[row.step].base_amount * factor)
        if supplement < 0:
            raise ScaleFileError(path, [f"{where}.level: below the basisløn of trin {row.step} at {row.level_date}"])
        postings[row.id] = Posting(
            id=row.id,
            title=row.title,
            employer=row.employer,
            location=row.location,
            step=row.step,
            level=level,
            level_date=row.level_date,
            pension_group=row.pension_group,
            level_includes_afkoeb=row.level_includes_afkoeb,
            wording=row.wording,
            status=row.status,
            source=sources[row.source],
            supplement_base_amount=base_amount_for(supplement, factor),
            note=row.note,
        )
    return postings


def load_scales(directory: Path | None = None) -> Scales:
    """Load every table in ``directory`` (default: :func:`default_dir`), validated.

    Validation runs only when a file, or the code that validates it, changed since the last load: the
    validated result is cached under a key of both (see :mod:`chefloen.cache`), so a quote starts
    without Pydantic.
    """
    from chefloen import cache

    directory = default_dir() if directory is None else directory
    if not directory.is_dir():
        raise ScaleFileError(directory, ["scales directory not found"])
    key = cache.key_of(directory, FILES)
    cached = cache.read(key)
    if isinstance(cached, Scales):
        return cached
    scales = validate_scales(directory)
    cache.write(key, scales)
    return scales


def validate_scales(directory: Path) -> Scales:
    """Read and validate every table in ``directory``, with no cache."""
    index = load_index(directory / INDEX_FILE)
    steps = load_steps(directory / STEPS_FILE)
    groups = load_pension(directory / PENSION_FILE)
    return Scales(
        regulation=index,
        steps=steps,
        pension_groups=groups,
        postings=load_postings(directory / POSTINGS_FILE, index, steps, groups),
        worktime=load_worktime(directory / WORKTIME_FILE),
    )
