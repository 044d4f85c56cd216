"""The tax years chefloen knows, shipped and the user's own, as ``chefloen tax`` lists them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from chefloen import labels
from chefloen.plain import CsvTable, Data, Notice, amount, notices_data, records_table
from chefloen.tax import TaxYearStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxYearFile:
    """One year's tax file: how many of its figures are copied from another year and not edited, and whether a
    shipped file for its year shadows it (a user's file then goes unused)."""

    year: int
    status: TaxYearStatus
    path: Path
    personfradrag: Decimal
    copied_figures: int
    copied_kommuner: int
    shadowed: bool = False

    def to_data(self) -> Data:
        return {
            "year": self.year,
            "status": self.status,
            "path": str(self.path),
            "personfradrag": amount(self.personfradrag),
            "copied_figures": self.copied_figures,
            "copied_kommuner": self.copied_kommuner,
            "shadowed": self.shadowed,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxYearList:
    """The tax years by year, each year's shipped file before the user's."""

    years: tuple[TaxYearFile, ...]

    @property
    def notices(self) -> tuple[Notice, ...]:
        return tuple(
            Notice("shadowed_tax_year", labels.warn_tax_year_shadowed(entry.year, str(entry.path)))
            for entry in self.years
            if entry.shadowed
        )

    def to_data(self) -> Data:
        """The JSON contract of ``chefloen tax``."""
        return {"tax_years": [entry.to_data() for entry in self.years], "warnings": notices_data(self.notices)}

    def csv_table(self) -> CsvTable:
        return records_table([entry.to_data() for entry in self.years])
