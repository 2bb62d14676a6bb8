"""Read an .xlsx workbook safely: limits checked first (see xlsx_limits), merged cells noted,
formulas kept visible.

Formulas are refused, not evaluated: a workbook need not carry calculated values, and
a stale cached value would import silently wrong data. Read-only mode keeps memory flat.
"""

from __future__ import annotations

import io
import posixpath
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any, cast
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from trainsched.formats import Message
from trainsched.sheets.errors import SheetImportError, refusal
from trainsched.sheets.raw import ErrorValue, Formula, Merge, RawSheet, collect
from trainsched.sheets.xlsx_limits import (
    check_archive,
    check_cell_text,
    check_directory,
    check_elements,
    check_shared_strings,
    check_sheet_count,
    scan_sheet,
)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: ElementTree.Element, name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → worksheet part path, from the workbook and its relationships."""
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        targets[rel.get("Id", "")] = posixpath.normpath(path)
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    out = {}
    for element in book.iter():
        if _local(element.tag) == "sheet":
            rid = _attr(element, "id")
            if rid in targets:
                out[element.get("name", "")] = targets[rid]
    return out


def _open_archive(data: bytes) -> zipfile.ZipFile:
    check_directory(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise refusal(
            Message(
                "文件已损坏，不是有效的 .xlsx 工作簿", "damaged file: not a valid .xlsx workbook"
            )
        ) from None
    check_archive(archive)
    if "xl/workbook.xml" not in archive.namelist():
        raise refusal(
            Message(
                "这是压缩包或其他 Office 文件，不是 Excel 工作簿（.xlsx）",
                "this is a zip archive or another Office file, not an Excel workbook (.xlsx)",
            ),
        )
    return archive


def _check_parts(archive: zipfile.ZipFile, sheets: dict[str, str]) -> dict[str, list[Merge]]:
    """Check every part against the limits before parsing; the merged blocks of each sheet."""
    check_sheet_count(len(sheets))
    worksheets = set(sheets.values())
    for name in archive.namelist():
        if name.lower().endswith("sharedstrings.xml"):
            check_shared_strings(archive, name)
        elif name.lower().endswith((".xml", ".rels")) and name not in worksheets:
            check_elements(archive, name)
    present = set(archive.namelist())
    return {
        title: scan_sheet(archive, part, title) for title, part in sheets.items() if part in present
    }


def _cells(ws: ReadOnlyWorksheet) -> Iterator[tuple[int, list[object]]]:
    # Start at A1 explicitly: a wrong stated dimension must not hide rows.
    # The stubs type iter_rows for ordinary worksheets only; read-only ones share it.
    rows: Iterator[tuple[Any, ...]] = cast(Any, ws).iter_rows(min_row=1, min_col=1)
    for number, row in enumerate(rows, start=1):
        values: list[object] = []
        for cell in row:
            kind = getattr(cell, "data_type", None)
            value = cell.value
            if kind == "f":
                values.append(Formula(str(getattr(value, "text", None) or value)))
            elif kind == "e":
                values.append(ErrorValue(str(value)))
            else:
                check_cell_text(value, ws.title, number)
                values.append(value)
        yield number, values


def read_xlsx(data: bytes) -> list[RawSheet]:
    """Every worksheet of the workbook as a RawSheet (merged blocks noted)."""
    archive = _open_archive(data)
    try:
        merges = _check_parts(archive, _sheet_parts(archive))
    except SheetImportError:
        raise
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, ValueError):
        raise refusal(Message("工作簿结构已损坏", "the workbook's structure is damaged")) from None
    with warnings.catch_warnings():
        # openpyxl warns about Excel features it skips (extensions, styles): not our concern.
        warnings.simplefilter("ignore")
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        except SheetImportError:
            raise
        except Exception:  # openpyxl raises many kinds on a broken file; all mean the same
            raise refusal(Message("无法读取该工作簿", "cannot read this workbook")) from None
        try:
            sheets = []
            for ws in book.worksheets:
                if not isinstance(ws, ReadOnlyWorksheet):
                    continue
                ws.reset_dimensions()  # trust the cells, not a possibly huge stated size
                sheet = collect(ws.title, _cells(ws))
                sheet.merges = merges.get(ws.title, [])
                sheets.append(sheet)
            return sheets
        except SheetImportError:
            raise
        except Exception:
            raise refusal(
                Message(
                    "读取工作表时出错，文件可能已损坏",
                    "error while reading a sheet; the file may be damaged",
                ),
            ) from None
        finally:
            book.close()
