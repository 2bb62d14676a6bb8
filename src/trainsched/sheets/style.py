"""Shared look of written workbooks: header style, column widths sized to the table."""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from trainsched.sheets.printing import print_layout
from trainsched.sheets.safe_cells import put, put_row

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 40
MIN_WIDTH = 4
LINE_PT = 15  # one line of 11 pt text


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


def fit_widths(
    ws: Worksheet, header_row: int = 1, last_row: int | None = None, most: int = MAX_WIDTH
) -> None:
    """Size each column to its data (header text may wrap onto two lines); text longer than
    ``most`` wraps, its row made tall enough. Only the table counts: titles and signature lines
    do not."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=header_row, max_row=last_row):
        for cell in row:
            if cell.value is None:
                continue
            shown = "2027-03-01" if isinstance(cell.value, dt.date) else cell.value
            need = text_width(shown)
            if cell.row == header_row:
                need = -(-need // 2)
            widths[cell.column] = max(widths.get(cell.column, 0), need)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(most, max(MIN_WIDTH, width)) + 2
    _wrap_long(ws, header_row + 1, last_row, most)


def _lines(value: object, width: float) -> int:
    text = str(value) if not isinstance(value, dt.date) else ""
    usable = max(1.0, width - 2)  # programs wrap a little before the column's edge
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n"))


def _wrap_long(ws: Worksheet, first_row: int, last_row: int | None, most: int) -> None:
    # Spreadsheet programs do not grow a row for wrapped text by themselves when they open a
    # file, so each row gets the height of its tallest cell.
    for number, row in enumerate(ws.iter_rows(min_row=first_row - 1, max_row=last_row)):
        lines = 1
        for cell in row:
            if cell.value is None or isinstance(cell, MergedCell):
                continue
            if number > 0:  # the header row keeps its own centred, wrapped look
                cell.alignment = WRAP if text_width(cell.value) > most else TOP
            width = ws.column_dimensions[get_column_letter(cell.column)].width
            lines = max(lines, _lines(cell.value, width))
        if lines > 1:
            ws.row_dimensions[first_row - 1 + number].height = LINE_PT * lines


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
    print_layout(ws)
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
