"""Spreadsheets in and out: import coordinators' Excel/CSV lists, export templates and plans."""

from trainsched.sheets.commands import (
    cli_export_plan,
    cli_export_scenario,
    cli_import,
    cli_template,
    read_upload,
)
from trainsched.sheets.errors import SheetError, SheetImportError, format_errors
from trainsched.sheets.export_plan import export_plan
from trainsched.sheets.export_scenario import export_scenario
from trainsched.sheets.parse import import_workbook
from trainsched.sheets.spec import MAX_ROWS, MAX_UPLOAD_BYTES
from trainsched.sheets.template import template_workbook

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

__all__ = [
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "XLSX_MEDIA_TYPE",
    "SheetError",
    "SheetImportError",
    "cli_export_plan",
    "cli_export_scenario",
    "cli_import",
    "cli_template",
    "export_plan",
    "export_scenario",
    "format_errors",
    "import_workbook",
    "read_upload",
    "template_workbook",
]
