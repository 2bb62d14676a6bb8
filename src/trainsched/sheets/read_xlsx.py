"""Read an .xlsx workbook safely: size and zip-bomb checks, merged cells, formulas kept visible.

Formulas are refused, not evaluated: a workbook need not carry calculated values, and
a stale cached value would import silently wrong data. Read-only mode keeps memory flat.
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any, cast
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from trainsched.formats import Message
from trainsched.sheets.errors import SheetImportError, refusal
from trainsched.sheets.raw import ErrorValue, Formula, Merge, RawSheet, collect

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)"')
_CHUNK = 1 << 20


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


def _scan_merges(archive: zipfile.ZipFile, part: str) -> list[Merge]:
    found: set[bytes] = set()
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            text = tail + chunk
            found.update(m.group(1) for m in _MERGE.finditer(text))
            tail = text[-256:]
    merges = []
    for ref in sorted(found):
        _, min_row, _, max_row = range_boundaries(ref.decode())
        merges.append(Merge(ref.decode(), min_row or 1, max_row or 1))
    return merges


def _open_archive(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise refusal(
            Message(
                "文件已损坏，不是有效的 .xlsx 工作簿", "damaged file: not a valid .xlsx workbook"
            )
        ) from None
    if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
        raise refusal(
            Message(
                "工作簿解压后过大，拒绝读取",
                "the workbook expands to too much data when unzipped; refused",
            ),
        )
    if "xl/workbook.xml" not in archive.namelist():
        raise refusal(
            Message(
                "这是压缩包或其他 Office 文件，不是 Excel 工作簿（.xlsx）",
                "this is a zip archive or another Office file, not an Excel workbook (.xlsx)",
            ),
        )
    return archive


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
                values.append(value)
        yield number, values


def read_xlsx(data: bytes) -> list[RawSheet]:
    """Every worksheet of the workbook as a RawSheet (merged blocks noted)."""
    archive = _open_archive(data)
    try:
        parts = _sheet_parts(archive)
        merges = {
            title: _scan_merges(archive, part)
            for title, part in parts.items()
            if part in archive.namelist()
        }
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
