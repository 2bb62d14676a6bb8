"""Effective printed text size of a sheet, worked out from its saved print settings.

The approximation (documented in docs/printing.md): a column of Excel width ``w`` prints
``(7·w + 5)`` pixels wide at 96 dpi, a point is 4/3 of a pixel, text without a size is 11 pt.
A sheet fitted to ``n`` pages wide is shrunk by ``n · paper width / table width`` (never grown);
otherwise it prints at its ``scale``. A4 is 210 × 297 mm; the side margins are taken off.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from trainsched.sheets.printing import smallest_font  # sizes as written; the scale is checked here

A4_MM = {"portrait": 210.0, "landscape": 297.0}


def table_width_pt(ws: Worksheet) -> float:
    """Width of all used columns at 100 %, in points."""
    widths = (
        ws.column_dimensions[get_column_letter(col)].width or 8.43
        for col in range(1, ws.max_column + 1)
    )
    return sum((w * 7 + 5) * 0.75 for w in widths)


def paper_width_pt(ws: Worksheet) -> float:
    """Width between the side margins of the sheet's page, in points."""
    orientation = ws.page_setup.orientation or "portrait"
    margins = ws.page_margins.left + ws.page_margins.right
    return A4_MM[orientation] / 25.4 * 72 - margins * 72


def print_scale(ws: Worksheet) -> float:
    """How much the sheet is shrunk on paper (1.0 = actual size)."""
    props = ws.sheet_properties.pageSetUpPr
    if props is not None and props.fitToPage:
        pages = ws.page_setup.fitToWidth
        assert ws.page_setup.fitToHeight in (0, None), "fitting to a height may shrink further"
        if not pages:
            return 1.0
        return min(1.0, pages * paper_width_pt(ws) / table_width_pt(ws))
    return (ws.page_setup.scale or 100) / 100


def effective_font_pt(ws: Worksheet) -> float:
    """The smallest text on the sheet as printed, in points."""
    return smallest_font(ws) * print_scale(ws)
