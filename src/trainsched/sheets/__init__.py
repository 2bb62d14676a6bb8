"""Spreadsheets in and out: import coordinators' Excel/CSV lists, export templates and plans.

The whole public surface: :func:`import_workbook` (upload bytes → scenario, or
:class:`SheetImportError` naming sheet, row and column; :func:`read_capped` reads an upload
stream no further than needed), :func:`export_scenario` (scenario or empty template → .xlsx
bytes), :func:`export_plan` (plan → the coordinator's .xlsx bytes) and :func:`csv_cell`
(a value for a CSV export, formula-looking text made harmless).
"""

from trainsched.sheets.errors import (
    SheetError,
    SheetImportError,
    SheetTooLarge,
    format_errors,
    refusal,
)
from trainsched.sheets.export_plan import export_plan
from trainsched.sheets.money_sheet import MoneyRow, MoneySheet
from trainsched.sheets.parse import import_workbook
from trainsched.sheets.safe_cells import csv_cell
from trainsched.sheets.sources import read_capped
from trainsched.sheets.spec import MAX_ROWS, MAX_UPLOAD_BYTES
from trainsched.sheets.template import export_scenario

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

__all__ = [
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "XLSX_MEDIA_TYPE",
    "MoneyRow",
    "MoneySheet",
    "SheetError",
    "SheetImportError",
    "SheetTooLarge",
    "csv_cell",
    "export_plan",
    "export_scenario",
    "format_errors",
    "import_workbook",
    "read_capped",
    "refusal",
]
