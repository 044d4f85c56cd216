"""The parts of an .xlsx package around its sheets' rows: where each sheet's XML begins and ends, the workbook,
its relationships and content types, the styles (a bold header and each column's number format) and the document
properties. chefloen.render.workbook writes the rows between them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Excel's built-in number formats by their ids; any other gets an id from 164 on.
_BUILT_IN = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "@": 49}
# The cell styles: 0 is the default, 1 the header's bold, and from FIRST_FORMAT on one for each number format.
FIRST_FORMAT = 2


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def column_width(characters: int) -> str:
    """A column's width as Excel stores it: characters of Calibri 11's widest digit (7 pixels) and 5 pixels of
    padding, in 256ths of a character."""
    return str(int((characters * 7 + 5) / 7 * 256) / 256)


def sheet_start(pane: str, cols: str, *, selected: bool = False) -> str:
    """A worksheet's XML up to its first row: its view (``pane``: the frozen header), and its columns' widths."""
    tab = ' tabSelected="1"' if selected else ""
    return (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><sheetViews>'
            f'<sheetView{tab} workbookViewId="0">{pane}</sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>')  # fmt: skip


SHEET_END = (
    '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
)


def package(title: str, formats: Sequence[str]) -> dict[str, str]:
    """The workbook's parts other than its sheets, by their names in the zip: sheet1 is ``title``, sheet2 Noter;
    the cell styles from FIRST_FORMAT on have ``formats``, in order."""
    sheets = ("sheet1", "sheet2")
    kind = "application/vnd.openxmlformats-officedocument"
    overrides = [
        ("/xl/workbook.xml", f"{kind}.spreadsheetml.sheet.main+xml"),
        *((f"/xl/worksheets/{sheet}.xml", f"{kind}.spreadsheetml.worksheet+xml") for sheet in sheets),
        ("/xl/styles.xml", f"{kind}.spreadsheetml.styles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", f"{kind}.extended-properties+xml"),
    ]
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    custom = [number_format for number_format in formats if number_format not in _BUILT_IN]
    ids = _BUILT_IN | {number_format: at for at, number_format in enumerate(custom, start=164)}
    xfs = "".join(
        f'<xf numFmtId="{ids[number_format]}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        for number_format in formats
    )
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    return {
        "[Content_Types].xml": (
            f'{_HEAD}<Types xmlns="{_PACKAGE}/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{part}" ContentType="{content}"/>' for part, content in overrides)
            + "</Types>"
        ),
        "_rels/.rels": (
            f'{_HEAD}<Relationships xmlns="{_PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{relation}/officeDocument" Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{_PACKAGE}/relationships/metadata/core-properties" '
            f'Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{relation}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><bookViews><workbookView/></bookViews>'
            f'<sheets><sheet name="{_escaped(title)}" sheetId="1" r:id="rId1"/>'
            f'<sheet name="Noter" sheetId="2" r:id="rId2"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_HEAD}<Relationships xmlns="{_PACKAGE}/relationships">'
            + "".join(
                f'<Relationship Id="rId{at}" Type="{relation}/worksheet" Target="worksheets/{sheet}.xml"/>'
                for at, sheet in enumerate(sheets, start=1)
            )
            + f'<Relationship Id="rId3" Type="{relation}/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": (
            f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
            + (f'<numFmts count="{len(custom)}">' if custom else "")
            + "".join(
                f'<numFmt numFmtId="{ids[number_format]}" formatCode="{_escaped(number_format)}"/>'
                for number_format in custom
            )
            + ("</numFmts>" if custom else "")
            + f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(formats) + 2}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            f'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>{xfs}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        ),
        "docProps/core.xml": (
            f'{_HEAD}<cp:coreProperties xmlns:cp="{_PACKAGE}/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>chefloen</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>'
        ),
        "docProps/app.xml": (
            f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>chefloen</Application></Properties>"
        ),
    }
