"""Small hostile workbooks for tests: a valid one-sheet skeleton whose parts a test replaces."""

from __future__ import annotations

import io
import zipfile

import openpyxl

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"


def parts(title: str = "区县") -> dict[str, bytes]:
    """The parts of a valid workbook with one empty sheet ``title``, by part name."""
    wb = openpyxl.Workbook()
    wb.active.title = title  # type: ignore[union-attr]
    out = io.BytesIO()
    wb.save(out)
    with zipfile.ZipFile(out) as z:
        return {name: z.read(name) for name in z.namelist()}


def zipped(parts: dict[str, bytes], level: int = 6) -> bytes:
    """The parts zipped as an .xlsx."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def sheet_xml(rows: str) -> bytes:
    """A worksheet part holding ``rows`` (row XML)."""
    return f'<worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>'.encode()
