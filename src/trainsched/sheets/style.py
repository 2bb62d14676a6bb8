"""Shared look of written workbooks: header style, column widths sized to the table."""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from collections.abc import Sequence

from openpyxl import Workbook
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
    ws: Worksheet, header_row: int, table: Sequence[Sequence[object]], most: int = MAX_WIDTH
) -> None:
    """Size each column to the table written from ``header_row`` on (its header, then its rows,
    as values): the header may wrap onto two lines, text longer than ``most`` wraps and its row
    is made tall enough. Titles and signature lines around the table do not count."""
    widths: dict[int, int] = {}
    for number, values in enumerate(table):
        for col, value in enumerate(values, start=1):
            if value is None:
                continue
            need = text_width("2027-03-01" if isinstance(value, dt.date) else value)
            need = -(-need // 2) if number == 0 else need
            widths[col] = max(widths.get(col, 0), need)
    for col, width in widths.items():
        widths[col] = min(most, max(MIN_WIDTH, width)) + 2
        ws.column_dimensions[get_column_letter(col)].width = widths[col]
    for number, values in enumerate(table):
        _fit_row(ws, header_row + number, values, widths, most if number else None)


def _lines(value: object, width: float) -> int:
    if not isinstance(value, str):  # numbers and dates fit their column
        return 1
    usable = max(1.0, width - 2)  # programs wrap a little before the column's edge
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in value.split("\n"))


def _fit_row(
    ws: Worksheet, row: int, values: Sequence[object], widths: dict[int, int], most: int | None
) -> None:
    # Spreadsheet programs do not grow a row for wrapped text by themselves when they open a
    # file, so a row with long text gets the height of its tallest cell (and its cells wrap,
    # aligned at the top; a header row keeps its own centred look).
    lines = max(
        (_lines(v, widths.get(c, MIN_WIDTH)) for c, v in enumerate(values, start=1)), default=1
    )
    if lines == 1:
        return
    ws.row_dimensions[row].height = LINE_PT * lines
    if most is None:
        return
    for col, value in enumerate(values, start=1):
        if value is not None:
            ws.cell(row=row, column=col).alignment = WRAP if text_width(value) > most else TOP


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
        for col, value in enumerate(values, start=1):
            if isinstance(value, dt.date):
                ws.cell(row=number, column=col).number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    fit_widths(ws, 1, [headers, *rows])
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
