"""Load the tax rules of one income year, validated and cached like the scales: the shipped data/tax/<year>.toml,
else the user's own tax-<year>.toml in the user data directory (``chefloen tax add``). A shipped year wins over the
user's file for it."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chefloen.errors import InputError, ScaleFileError
from chefloen.files import snapshot
from chefloen.loading import cache
from chefloen.loading.paths import default_tax_dir, user_dir
from chefloen.loading.scales import parse_toml, validate

if TYPE_CHECKING:
    from chefloen.loading.tax_schema import Rule, TaxFile
    from chefloen.tax import Copied, TaxYear

# The user's own tax years, beside their regulations: tax-2027.toml (a year of four digits).
USER_FILE = re.compile(r"tax-(\d{4})\.toml")


def user_tax_name(year: int) -> str:
    return f"tax-{year}.toml"


def shipped_years(directory: Path) -> list[int]:
    return sorted(int(path.stem) for path in directory.glob("*.toml") if path.stem.isdigit())


def user_years(user_directory: Path | None) -> list[int]:
    """The years the user has a tax file for (whether or not a shipped year shadows it)."""
    if user_directory is None:
        return []
    names = (USER_FILE.fullmatch(path.name) for path in user_directory.glob("tax-*.toml"))
    return sorted(int(match[1]) for match in names if match)


def known_years(directory: Path | None = None, user_directory: Path | None = None) -> list[int]:
    """Every year with tax rules: shipped (``directory``, default data/tax) and the user's own (``user_directory``,
    default :func:`~chefloen.loading.paths.user_dir`)."""
    directory = default_tax_dir() if directory is None else directory
    users = user_dir() if user_directory is None else user_directory
    return sorted(set(shipped_years(directory)) | set(user_years(users)))


def load_tax_year(
    year: int | None = None, directory: Path | None = None, user_directory: Path | None = None
) -> TaxYear:
    """The tax rules of ``year`` (default: the latest known, shipped or the user's); a shipped year wins over the
    user's file for it. An unknown year is an error naming the known ones."""
    directory = default_tax_dir() if directory is None else directory
    users = user_dir() if user_directory is None else user_directory
    shipped = shipped_years(directory)
    known = sorted(set(shipped) | set(user_years(users)))
    chosen = year if year is not None else max(known, default=0)
    if not 1900 <= chosen <= 2199:  # no year's rules are that far out; and the message stays one short line
        shown = str(chosen) if len(str(chosen)) <= 8 else f"{str(chosen)[:8]}…"
        raise InputError(f"tax year {shown} is out of range; known years: {', '.join(map(str, known)) or 'none'}")
    if chosen not in known:
        raise InputError(f"no tax rules for {chosen}; known years: {', '.join(map(str, known)) or 'none'}")
    if chosen in shipped:
        return load_shipped(directory / f"{chosen}.toml", directory)
    assert users is not None  # a user year was found in it
    return load_user_tax_year(users / user_tax_name(chosen), directory)


def tax_year_for(asked: int, directory: Path | None = None, user_directory: Path | None = None) -> TaxYear:
    """The tax rules for income in ``asked``: that year's, else the latest year before it, else the first year
    after it. The caller warns when the year is not the one asked for (its ``year`` says which it is)."""
    known = known_years(directory, user_directory)
    earlier = [year for year in known if year <= asked]
    return load_tax_year(max(earlier) if earlier else min(known, default=asked), directory, user_directory)


def _records() -> dict[str, Callable[..., Any]]:
    from chefloen.tax import Bracket, TaxYear

    return {"TaxYear": TaxYear, "Bracket": Bracket}


def _shipped_files(directory: Path) -> list[Path]:
    # A year's copied figures are compared with another shipped year's: every shipped file shapes the result.
    return [directory / f"{year}.toml" for year in shipped_years(directory)]


def load_shipped(path: Path, directory: Path) -> TaxYear:
    """A shipped year's rules, cached under its file (first: the key says which year) and the other shipped files."""
    from chefloen.tax import TaxYear

    key = cache.key_of([path, *_shipped_files(directory)])
    cached = cache.read("tax", key, _records())
    if isinstance(cached, TaxYear):
        return cached
    rules = validate_tax_year(path, shipped_dir=directory)
    cache.write("tax", key, rules)
    return rules


def load_user_tax_year(path: Path, directory: Path | None = None) -> TaxYear:
    """The user's own tax year at ``path``, read once: the cache is keyed by that read (files.Snapshot), so an
    edit is seen by the next run. It must be the user's alone and is not read through a link."""
    from chefloen.tax import TaxYear

    directory = default_tax_dir() if directory is None else directory
    read = snapshot(path, user=True)
    key = cache.key_of(_shipped_files(directory), [f"{path.name}:{read.state()}"])
    cached = cache.read("tax", key, _records())
    if isinstance(cached, TaxYear):
        return cached
    rules = validate_tax_year(path, parse_toml(read, path, shown=str(path)), user=True, shipped_dir=directory)
    cache.write("tax", key, rules)
    return rules


def validate_tax_year(
    path: Path, raw: dict[str, Any] | None = None, *, user: bool = False, shipped_dir: Path | None = None
) -> TaxYear:
    """Read (or take ``raw``) and validate one year's tax file, with no cache: a shipped one, or the ``user``'s own.
    With ``shipped_dir``, figures marked ``copied_from`` a year shipped there are compared with that year's."""
    from chefloen.loading import tax_schema

    shown = str(path) if user else None
    model = tax_schema.UserTaxFile if user else tax_schema.TaxFile
    data = validate(model, path, raw, shown=shown, user=user)
    named = path.stem.removeprefix("tax-") if user else path.stem
    if named != str(data.year):  # the file is found by its name: its rules must be that year's
        raise ScaleFileError(path, [f"year: {data.year}, but the file is named for {named}"], shown=shown)
    rules = rules_of(data, user=user)
    if shipped_dir is None or not any(rule.copied_from for rule in data.rules().values()):
        return rules
    shipped = shipped_years(shipped_dir)

    def source(year: int) -> TaxYear | None:
        # Only its figures are compared, so its own copied marks are not looked at (nor can they loop).
        return validate_tax_year(shipped_dir / f"{year}.toml") if year in shipped else None

    return copied_marks(data, rules, source)


def rules_of(data: TaxFile, *, user: bool) -> TaxYear:
    """The rules of a validated file, every amount in kroner (a 2010 grundbeløb regulated by § 20)."""
    from chefloen.tax import Bracket, TaxYear, place_key

    statuses = {
        "ATP": data.atp.status,
        "AM-bidrag": data.am_bidrag.status,
        "personfradrag": data.personfradrag.status,
        "beskæftigelsesfradrag": data.beskaeftigelsesfradrag.status,
        "jobfradrag": data.jobfradrag.status,
        "bundskat": data.bundskat.status,
        "kommuneskatter": data.kommuner.status,
    } | {bracket.name: bracket.status for bracket in data.bracket}
    kroner = data.kroner
    return TaxYear(
        year=data.year,
        am_percent=data.am_bidrag.percent,
        atp_employee=Decimal(data.atp.annual_employee_share),
        personfradrag=Decimal(kroner(data.personfradrag.amount)),
        besk_percent=data.beskaeftigelsesfradrag.percent,
        besk_maximum=Decimal(kroner(data.beskaeftigelsesfradrag.maximum)),
        job_percent=data.jobfradrag.percent,
        job_threshold=Decimal(kroner(data.jobfradrag.threshold)),
        job_maximum=Decimal(kroner(data.jobfradrag.maximum)),
        bundskat_percent=data.bundskat.percent,
        brackets=tuple(
            Bracket(name=b.name, percent=b.percent, threshold=Decimal(kroner(b.threshold)), ceiling=b.ceiling)
            for b in data.bracket
        ),
        kommuner={place_key(k.name): (k.name, k.kommuneskat, k.kirkeskat) for k in data.kommune},
        # The user's own rules are marked as theirs (status), not as inferred.
        inferred=tuple(name for name, status in statuses.items() if status in ("inferred", "expected")),
        status="user" if user else "shipped",
    )


def figures_of(rules: TaxYear) -> dict[tuple[str, str], Decimal]:
    """Every figure of a year's rules but the municipalities' by (rule, field): a rule of the tax file or a
    bracket's name, and its field ("" for a rule of one figure)."""
    figures = {
        ("am_bidrag", ""): rules.am_percent,
        ("atp", ""): rules.atp_employee,
        ("personfradrag", ""): rules.personfradrag,
        ("beskaeftigelsesfradrag", "percent"): rules.besk_percent,
        ("beskaeftigelsesfradrag", "maximum"): rules.besk_maximum,
        ("jobfradrag", "percent"): rules.job_percent,
        ("jobfradrag", "threshold"): rules.job_threshold,
        ("jobfradrag", "maximum"): rules.job_maximum,
        ("bundskat", ""): rules.bundskat_percent,
    }
    for b in rules.brackets:
        figures |= {(b.name, "percent"): b.percent, (b.name, "threshold"): b.threshold, (b.name, "ceiling"): b.ceiling}
    return figures


def figures_per_rule(rules: TaxYear) -> dict[str, int]:
    """How many figures each rule has (see :func:`figures_of`)."""
    counts: dict[str, int] = {}
    for name, _ in figures_of(rules):
        counts[name] = counts.get(name, 0) + 1
    return counts


def copied_count(rules: TaxYear) -> int:
    """How many figures (but the municipalities') are copied and not edited; a rule named alone counts all of its."""
    counts = figures_per_rule(rules)
    return sum(counts[name] if not field else 1 for name, field, _ in rules.copied)


def copied_marks(data: TaxFile, rules: TaxYear, source: Callable[[int], TaxYear | None]) -> TaxYear:
    """The rules with the figures marked ``copied_from`` a year that are still that year's, i.e. copied and not
    edited. A figure that cannot be compared (that year is not shipped, or has no such bracket or municipality)
    counts as copied: the mark alone says so."""
    from dataclasses import replace  # not on a quote's start (tests/test_startup.py)

    marked: dict[str, Rule] = {
        "am_bidrag": data.am_bidrag,
        "atp": data.atp,
        "personfradrag": data.personfradrag,
        "beskaeftigelsesfradrag": data.beskaeftigelsesfradrag,
        "jobfradrag": data.jobfradrag,
        "bundskat": data.bundskat,
    } | {bracket.name: bracket for bracket in data.bracket}
    years = {rule.copied_from for rule in data.rules().values() if rule.copied_from is not None}
    sources = {year: source(year) for year in sorted(years)}
    theirs = {year: None if found is None else figures_of(found) for year, found in sources.items()}
    unedited: dict[str, list[str]] = {}
    for (name, field), value in figures_of(rules).items():
        year = marked[name].copied_from
        if year is not None and (theirs[year] or {}).get((name, field), value) == value:
            unedited.setdefault(name, []).append(field)
    counts = figures_per_rule(rules)
    copied: list[Copied] = []
    for name, fields in unedited.items():
        year = marked[name].copied_from or 0
        # A rule copied as a whole is named alone; of one partly edited, the figures that are not.
        copied += [(name, "", year)] if len(fields) == counts[name] else [(name, field, year) for field in fields]
    rates: dict[str, tuple[int, bool, bool]] = {}
    if (year := data.kommuner.copied_from) is not None:
        other_rules = sources[year]
        for key, (_, local, church) in rules.kommuner.items():
            other = None if other_rules is None else other_rules.kommuner.get(key)
            same = (True, True) if other is None else (other[1] == local, other[2] == church)
            if any(same):
                rates[key] = (year, *same)
    return replace(rules, copied=tuple(copied), copied_rates=rates)
