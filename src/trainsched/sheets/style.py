"""Shared look of written workbooks: header style, column widths, A4 landscape printing."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from trainsched.sheets.safe_cells import put, put_row

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 50


def text_width(value: object) -> int:
    """Display width of a cell: Chinese characters count twice."""
    text = str(value) if value is not None else ""
    longest = max(text.split("\n"), key=len, default="")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def header_row(
    ws: Worksheet, row: int, headers: Sequence[str], required: Sequence[bool] = ()
) -> None:
    """Write a styled header row."""
    for col, text in enumerate(headers, start=1):
        cell = put(ws, row, col, text)
        cell.font = REQUIRED_FONT if col <= len(required) and required[col - 1] else HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def fit_widths(ws: Worksheet, first_row: int = 1, minimum: int = 6) -> None:
    """Set each column's width from its longest value (capped; long text wraps)."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            if cell.value is None:
                continue
            shown = "2027-03-01" if isinstance(cell.value, dt.date) else cell.value
            widths[cell.column] = max(widths.get(cell.column, 0), text_width(shown))
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(MAX_WIDTH, max(minimum, width + 2))


def print_setup(ws: Worksheet, title_rows: str = "1:1") -> None:
    """A4 landscape, fitted to the page width, header rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = "第 &P 页，共 &N 页"


def table_sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    required: Sequence[bool] = (),
) -> Worksheet:
    """A sheet with styled headers, data rows, frozen header, filter, widths and print setup."""
    ws: Worksheet = wb.create_sheet(title)
    header_row(ws, 1, headers, required)
    for number, values in enumerate(rows, start=2):
        put_row(ws, number, values)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    fit_widths(ws)
    print_setup(ws)
    return ws


def new_workbook() -> Workbook:
    """An empty workbook (its default sheet removed)."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    return wb


def to_bytes(wb: Workbook) -> bytes:
    """The workbook as .xlsx bytes."""
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
