"""The Danish table of ``chefloen tax``: imported by chefloen.render.table the first time a tax-year list is
drawn."""

from __future__ import annotations

from rich.table import Table

from chefloen import labels
from chefloen.render.table import escape, parts, warning_lines
from chefloen.tax_years import TaxYearList


@parts.register
def _(result: TaxYearList) -> list[object]:
    table = Table(title=labels.TAX_YEARS_TITLE, title_justify="left")
    year, status, personfradrag, copied, path = labels.TAX_YEARS_COLUMNS
    table.add_column(year, no_wrap=True)
    table.add_column(status, no_wrap=True)
    table.add_column(personfradrag, justify="right", no_wrap=True)
    table.add_column(copied)
    table.add_column(path, overflow="fold")
    for entry in result.years:
        shown = labels.TAX_YEAR_STATUS[entry.status] + (f" ({labels.TAX_YEAR_SHADOWED})" if entry.shadowed else "")
        table.add_row(
            str(entry.year),
            shown,
            labels.kr(entry.personfradrag),
            labels.copied_count(entry.copied_figures, entry.copied_kommuner),
            escape(str(entry.path)),
        )
    return [table, labels.TAX_YEARS_NOTE, *warning_lines(result.notices)]
