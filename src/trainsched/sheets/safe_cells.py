"""Exported cells never run as formulas in the program that opens them.

Names in a scenario come from many hands. A trainer "named" ``=HYPERLINK("http://…","click")``,
``+1``, ``-2``, ``@SUM(A1)`` or text starting with a tab or carriage return is what Excel,
LibreOffice and WPS take for a formula (formula or "CSV" injection): in a workbook a coordinator
opens, it could open links or leak other cells. The rule, for every cell the project writes:

* text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is stored as text
  (a string cell with Excel's quote prefix, so it stays text even when someone edits the cell);
* numbers, dates and other text are written as they are: a negative amount stored as a number
  stays a number.

Workbook writers put every cell through :func:`put` (or :func:`put_row`); CSV writers pass every
value through :func:`csv_cell`, which prefixes such text with an apostrophe, the usual defence
for CSV files, since a CSV has no cell types to say "this is text".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """True for text a spreadsheet program would read as a formula if typed in."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell; text that looks like a formula is kept as plain text."""
    # Only anchors of merged blocks are written, so the cell is an ordinary one; the stubs
    # type values narrowly, while the exports hand over plain Python values.
    cell = cast(Cell, ws.cell(row=row, column=column))
    cell.value = cast(Any, value)
    if looks_like_formula(value):
        # openpyxl makes any text starting with "=" a formula; say "text" after it has guessed.
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put_row(ws: Worksheet, row: int, values: Sequence[object]) -> None:
    """Write a row of cells from column A, each through :func:`put`."""
    for column, value in enumerate(values, start=1):
        put(ws, row, column, value)


def csv_cell(value: object) -> str:
    """One value for a CSV file: formula-looking text gets a leading apostrophe.

    ``None`` is the empty field; numbers and other text are written as ``str`` gives them,
    so a negative number stays ``-2`` while the text ``-2`` becomes ``'-2``.
    """
    if value is None:
        return ""
    if looks_like_formula(value):
        return f"'{value}"
    return str(value)
