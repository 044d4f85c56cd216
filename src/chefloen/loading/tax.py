"""Load the tax rules of one income year from data/tax/<year>.toml, validated and cached like the scales."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from chefloen.errors import InputError, ScaleFileError
from chefloen.loading import cache
from chefloen.loading.paths import default_tax_dir
from chefloen.loading.scales import validate

if TYPE_CHECKING:
    from chefloen.tax import TaxYear


def known_years(directory: Path) -> list[int]:
    return sorted(int(path.stem) for path in directory.glob("*.toml") if path.stem.isdigit())


def load_tax_year(year: int | None = None, directory: Path | None = None) -> TaxYear:
    """The tax rules of ``year`` (default: the latest known); an unknown year is an error naming the known ones."""
    from chefloen.tax import Bracket, TaxYear

    directory = default_tax_dir() if directory is None else directory
    known = known_years(directory)
    chosen = year if year is not None else max(known, default=0)
    if not 1900 <= chosen <= 2199:  # no year's rules are that far out; and the message stays one short line
        shown = str(chosen) if len(str(chosen)) <= 8 else f"{str(chosen)[:8]}…"
        raise InputError(f"tax year {shown} is out of range; known years: {', '.join(map(str, known)) or 'none'}")
    path = directory / f"{chosen}.toml"
    if chosen not in known:
        raise InputError(f"no tax rules for {chosen}; known years: {', '.join(map(str, known)) or 'none'}")
    key = cache.key_of([path])
    cached = cache.read("tax", key, {"TaxYear": TaxYear, "Bracket": Bracket})
    if isinstance(cached, TaxYear):
        return cached
    rules = validate_tax_year(path)
    cache.write("tax", key, rules)
    return rules


def tax_year_for(asked: int, directory: Path | None = None) -> TaxYear:
    """The tax rules for income in ``asked``: that year's, else the latest year before it, else the first year
    after it. The caller warns when the year is not the one asked for (its ``year`` says which it is)."""
    known = known_years(default_tax_dir() if directory is None else directory)
    earlier = [year for year in known if year <= asked]
    return load_tax_year(max(earlier) if earlier else min(known, default=asked), directory)


def validate_tax_year(path: Path) -> TaxYear:
    """Read and validate one year's tax file, with no cache."""
    from chefloen.loading import tax_schema
    from chefloen.tax import Bracket, TaxYear, place_key

    data = validate(tax_schema.TaxFile, path)
    if path.stem != str(data.year):  # the file is found by its name: its rules must be that year's
        raise ScaleFileError(path, [f"year: {data.year}, but the file is named for {path.stem}"])
    statuses = {
        "ATP": data.atp.status,
        "AM-bidrag": data.am_bidrag.status,
        "personfradrag": data.personfradrag.status,
        "beskæftigelsesfradrag": data.beskaeftigelsesfradrag.status,
        "jobfradrag": data.jobfradrag.status,
        "bundskat": data.bundskat.status,
        "kommuneskatter": data.kommuner.status,
    } | {bracket.name: bracket.status for bracket in data.bracket}
    return TaxYear(
        year=data.year,
        am_percent=data.am_bidrag.percent,
        atp_employee=Decimal(data.atp.annual_employee_share),
        personfradrag=Decimal(data.personfradrag.amount),
        besk_percent=data.beskaeftigelsesfradrag.percent,
        besk_maximum=Decimal(data.beskaeftigelsesfradrag.maximum),
        job_percent=data.jobfradrag.percent,
        job_threshold=Decimal(data.jobfradrag.threshold),
        job_maximum=Decimal(data.jobfradrag.maximum),
        bundskat_percent=data.bundskat.percent,
        brackets=tuple(
            Bracket(name=b.name, percent=b.percent, threshold=Decimal(b.threshold), ceiling=b.ceiling)
            for b in data.bracket
        ),
        kommuner={place_key(k.name): (k.name, k.kommuneskat, k.kirkeskat) for k in data.kommune},
        inferred=tuple(name for name, status in statuses.items() if status != "sourced"),
    )
