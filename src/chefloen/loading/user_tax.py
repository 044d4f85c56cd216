"""The user's own tax years: ``chefloen tax add`` writes one from a shipped year, ``remove`` deletes it, and
``chefloen tax`` lists them beside the shipped ones.

A user's tax year is ``tax-<year>.toml`` in the user data directory (beside the user's regulations), in the
schema of the shipped files with status ``user`` on every rule (chefloen.loading.tax_schema.UserTaxFile). ``add``
copies the rules of a shipped year and marks each ``copied_from`` it, so that an estimate warns of every figure
not yet updated from skm.dk. It writes under the file's lock, atomically and privately, after loading the new
content as every run will, as the user's other tables are written (chefloen.loading.userdata); after that the
file is the user's to edit, and chefloen never rewrites it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from chefloen.errors import InputError, OutputError
from chefloen.files import atomic_output, locked
from chefloen.loading.paths import default_tax_dir, user_dir
from chefloen.loading.tax import (
    copied_count,
    load_shipped,
    load_user_tax_year,
    shipped_years,
    user_tax_name,
    user_years,
)
from chefloen.loading.userdata import require_dir, toml_value

if TYPE_CHECKING:
    from chefloen.loading.tax_schema import Rule, TaxFile
    from chefloen.tax import TaxYear
    from chefloen.tax_years import TaxYearFile, TaxYearList


def tax_years(directory: Path | None = None, user_directory: Path | None = None) -> TaxYearList:
    """Every tax year, the shipped ones and the user's own, each loaded as a run would load it."""
    from chefloen.tax_years import TaxYearList

    directory = default_tax_dir() if directory is None else directory
    users = user_dir() if user_directory is None else user_directory
    shipped = shipped_years(directory)
    entries = []
    for year in shipped:
        path = directory / f"{year}.toml"
        entries.append(listed(path, load_shipped(path, directory)))
    for year in user_years(users):
        assert users is not None  # a year was found in it
        path = users / user_tax_name(year)
        entries.append(listed(path, load_user_tax_year(path, directory), shadowed=year in shipped))
    entries.sort(key=lambda entry: (entry.year, entry.status != "shipped"))
    return TaxYearList(years=tuple(entries))


def listed(path: Path, rules: TaxYear, *, shadowed: bool = False) -> TaxYearFile:
    from chefloen.tax_years import TaxYearFile

    return TaxYearFile(
        year=rules.year,
        status=rules.status,
        path=path,
        personfradrag=rules.personfradrag,
        copied_figures=copied_count(rules),
        copied_kommuner=len(rules.copied_rates),
        shadowed=shadowed,
    )


def checked_year(year: int, what: str) -> int:
    from chefloen.loading.tax_schema import FIRST_YEAR, LAST_YEAR

    if not FIRST_YEAR <= year <= LAST_YEAR:
        shown = str(year) if len(str(year)) <= 8 else f"{str(year)[:8]}…"
        raise InputError(f"{what} {shown} is out of range; a tax year is from {FIRST_YEAR} to {LAST_YEAR}")
    return year


def add_tax_year(
    year: int, *, copy_from: int | None = None, directory: Path | None = None
) -> tuple[Path, int, TaxYear]:
    """Write the user's tax year ``year``: the rules of the shipped year ``copy_from`` (default: the latest),
    status user, every rule marked ``copied_from`` it. Returns where, the year copied, and the rules as a run
    loads them."""
    import tomllib
    from decimal import Decimal

    from chefloen.loading import tax_schema
    from chefloen.loading.scales import validate
    from chefloen.loading.tax import validate_tax_year

    directory = default_tax_dir() if directory is None else directory
    shipped = shipped_years(directory)
    checked_year(year, "tax year")
    if year in shipped:
        raise InputError(
            f"the rules for {year} are shipped (data/tax/{year}.toml); a tax year of yours never replaces them"
        )
    source = copy_from if copy_from is not None else max(shipped, default=0)
    if source not in shipped:
        known = ", ".join(map(str, shipped)) or "none"
        given = f"--from {checked_year(source, '--from')}: " if copy_from is not None else ""
        raise InputError(f"{given}no shipped tax rules for {source} to copy from; shipped years: {known}")
    data = validate(tax_schema.TaxFile, directory / f"{source}.toml")
    path = require_dir() / user_tax_name(year)
    with locked(path):
        if os.path.lexists(path):
            raise InputError(
                f"you have a tax year {year} already ({path}); edit it, or remove it first with "
                f"'chefloen tax remove {year}'"
            )
        text = tax_file_text(year, source, data)
        rules = validate_tax_year(path, tomllib.loads(text, parse_float=Decimal), user=True, shipped_dir=directory)
        with atomic_output(path, private=True, locked_by_caller=True) as stream:  # 0600: the user's alone
            stream.write(text)
    return path, source, rules


def remove_tax_year(year: int, *, directory: Path | None = None) -> Path:
    """Delete the user's tax year ``year``; shipped years cannot be removed. Returns where it was."""
    checked_year(year, "tax year")
    path = require_dir() / user_tax_name(year)
    with locked(path):
        if not os.path.lexists(path):
            shipped = year in shipped_years(default_tax_dir() if directory is None else directory)
            why = f"the rules for {year} are shipped, which cannot be removed" if shipped else "you have none for it"
            raise InputError(f"no tax year of yours for {year} to remove: {why}")
        if path.is_dir() and not path.is_symlink():
            raise OutputError(f"cannot remove {path}: it is a directory, not a tax year chefloen wrote")
        try:
            path.unlink()  # a link is removed itself, never what it points to
        except OSError as exc:
            raise OutputError(f"cannot remove {path}: {exc.strerror}") from None
    return path


# --- the file a tax year is written as ---------------------------------------------------------


def header(year: int, source: int) -> list[str]:
    text = f"""\
Your own tax rules for {year} (status user), written by `chefloen tax add {year}` from the shipped rules for {source}.
Schema: chefloen.loading.tax_schema.UserTaxFile: that of data/tax/<year>.toml, with status "user" on every rule.
Every rule says copied_from = {source}: its figures are {source}'s until you update them from skm.dk ("satser og
beløbsgrænser {year}" and the list of kommuneskatter {year}), and every net estimate for {year} warns of each figure
still copied and unedited. An edited figure is no longer warned of; a figure that stays (a rate fixed in law
"for 2026 og følgende år") is confirmed by deleting its rule's copied_from.
An amount that personskattelovens § 20 regulates (personfradrag, each bracket's threshold, the maximum of
beskæftigelsesfradrag, jobfradrag's threshold and maximum) may be written as its 2010 grundbeløb, for example
amount = {{ base_2010 = 39350 }}, with the year's reguleringstal at the top; chefloen rounds up to a whole 100 kr.
chefloen reads this file on every run and never rewrites it; `chefloen tax remove {year}` deletes it."""
    return [f"# {line}" for line in text.splitlines()]


# What to update in each rule from skm.dk, as a comment above it.
UPDATE = {
    "personfradrag": "Update from skm.dk: amount.",
    "beskaeftigelsesfradrag": "Update from skm.dk: maximum.",
    "jobfradrag": "Update from skm.dk: threshold and maximum.",
    "bracket": "Update from skm.dk: threshold.",
    "kommuner": "Update from skm.dk's list of kommuneskatter: kommuneskat and kirkeskat of every kommune.",
}
RULE_KEYS = ("status", "source", "basis", "copied_from")


def tax_file_text(year: int, source: int, data: TaxFile) -> str:
    """The TOML of the user's tax year ``year`` copied from ``data``, the shipped rules of ``source``."""
    lines = [*header(year, source), 'kind = "tax"', f"year = {year}"]
    if data.reguleringstal is not None:
        lines.append(f"reguleringstal = {toml_value(data.reguleringstal)}  # {source}'s: update it from skm.dk")
    else:
        lines.append("# reguleringstal = …  (the year's, from skm.dk: wanted by an amount written { base_2010 = … })")
    title = f"Copied from chefloen's shipped tax rules for {source}; replace with skm.dk's for {year}"
    lines += ["", "[sources.copied]", f"title = {toml_value(title)}", 'url = "https://skm.dk/"', ""]
    for name, rule in data.rules().items():
        if name == "kommuner":
            continue
        table = "[[bracket]]" if name.startswith("bracket.") else f"[{name}]"
        lines += rule_lines(table, rule, source, UPDATE.get(name.partition(".")[0]))
    lines += rule_lines("[kommuner]", data.kommuner, source, UPDATE["kommuner"])
    for kommune in data.kommune:
        rates = [f"kommuneskat = {toml_value(kommune.kommuneskat)}", f"kirkeskat = {toml_value(kommune.kirkeskat)}"]
        lines += ["[[kommune]]", f"name = {toml_value(kommune.name)}", *rates, ""]
    return "\n".join(lines)


def rule_lines(table: str, rule: Rule, source: int, update: str | None) -> list[str]:
    """A rule's table: its figures as written (a 2010 grundbeløb stays one), status user, copied from ``source``."""
    from chefloen.loading.tax_schema import Base2010

    fields = sorted((field for field in type(rule).model_fields if field not in RULE_KEYS), key=lambda f: f != "name")
    lines = [f"# {update}"] if update else []
    lines.append(table)
    for field in fields:
        value = getattr(rule, field)
        shown = f"{{ base_2010 = {value.base_2010} }}" if isinstance(value, Base2010) else toml_value(value)
        lines.append(f"{field} = {shown}")
    return [*lines, 'status = "user"', 'source = "copied"', f"copied_from = {source}", ""]
