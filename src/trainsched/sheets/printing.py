"""How a sheet prints: A4, text never smaller than 9 pt on paper, headers on every page.

Excel and LibreOffice shrink a sheet "fitted to the page width" as far as it takes, so a wide
table would print in tiny type nobody can file. The rule here: every sheet prints on A4 landscape
(the layout coordinators file), fitted to the page width only when its smallest text stays at
least ``TARGET_PT`` points on paper; a wider sheet prints at a fixed scale that keeps that size,
across as many pages as its columns need, its header rows (and key columns) repeated on each.
Every page has "第 x 页，共 y 页" in its footer and the sheet's name in its header.

Sizes follow Excel's units: a column of width ``w`` is about ``7·w + 5`` pixels at 96 dpi, and
a point is 4/3 of a pixel; the default text is 11 pt.
"""

from __future__ import annotations

import math

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

A4_MM = (210.0, 297.0)
DEFAULT_PT = 11.0
DEFAULT_WIDTH = 8.43
MIN_PT = 9.0
TARGET_PT = 9.5  # a little above the minimum: printers and fonts round widths differently
MARGIN_IN = {"left": 0.5, "right": 0.3, "top": 0.6, "bottom": 0.6}  # the left one is for binding
FOOTER = "第 &P 页，共 &N 页"


def column_points(width: float | None) -> float:
    """Printed width of a column of Excel width ``width``, in points at 100 %."""
    return ((width or DEFAULT_WIDTH) * 7 + 5) * 0.75


def table_points(ws: Worksheet) -> float:
    """Printed width of every used column, in points at 100 %."""
    return sum(
        column_points(ws.column_dimensions[get_column_letter(col)].width)
        for col in range(1, ws.max_column + 1)
    )


def paper_points(orientation: str) -> float:
    """Width inside the side margins of an A4 page in that orientation, in points."""
    short, long = A4_MM
    width_mm = short if orientation == "portrait" else long
    return width_mm / 25.4 * 72 - (MARGIN_IN["left"] + MARGIN_IN["right"]) * 72


def smallest_font(ws: Worksheet) -> float:
    """The smallest text size on the sheet (cells without a size use the default 11 pt)."""
    sizes = [
        float(cell.font.sz or DEFAULT_PT)
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    return min(sizes, default=DEFAULT_PT)


def fits_page_width(ws: Worksheet) -> bool:
    """True when the sheet fitted to one landscape A4 width keeps its text at ``TARGET_PT``."""
    scale = min(1.0, paper_points("landscape") / table_points(ws))
    return smallest_font(ws) * scale >= TARGET_PT


def print_layout(ws: Worksheet, title_rows: str = "1:1", key_columns: str = "A:B") -> None:
    """Set up printing once the columns have their widths (see the module's rule); a table
    printed over several pages side by side repeats its ``key_columns`` (number, id) on each."""
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.firstPageNumber, setup.useFirstPageNumber = 1, True  # each sheet counts from page 1
    for side, inches in MARGIN_IN.items():
        setattr(ws.page_margins, side, inches)
    setup.orientation = "landscape"
    if fits_page_width(ws):
        setup.fitToWidth, setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        setup.scale = min(100, math.ceil(100 * TARGET_PT / smallest_font(ws)))
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
        ws.print_title_cols = key_columns
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    if ws.oddFooter is not None:
        ws.oddFooter.center.text = FOOTER
    if ws.oddHeader is not None:
        ws.oddHeader.right.text = "&A"
