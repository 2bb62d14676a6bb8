"""Limits a workbook must keep before it is read: checked on the zip and its raw XML, streamed.

An .xlsx is a zip of XML parts. A small upload can expand to gigabytes (a zip bomb), hold millions
of shared texts, or format a million empty rows; reading such a file cell by cell would hold a
request for a long time and a lot of memory. So before anything is expanded into Python objects,
the zip directory and each part's raw bytes are checked, a chunk at a time, against limits far
above any real training plan (a city's lists are thousands of rows, not millions):

* the zip: at most ``MAX_MEMBERS`` parts, ``MAX_UNZIPPED_BYTES`` in all once unzipped, and no part
  compressed more than ``MAX_RATIO`` to one (Python's zip reader never expands a part past the
  size the directory states, so the stated sizes are a real bound);
* the workbook: at most ``MAX_SHEETS`` sheets;
* the shared text table: at most ``MAX_SHARED_STRINGS`` texts, none longer than
  ``MAX_TEXT_BYTES`` of XML (a cell holds at most ``MAX_CELL_CHARS`` characters in Excel);
* each sheet: at most ``MAX_SHEET_ROWS`` rows and ``MAX_SHEET_CELLS`` cells, blank but formatted
  ones included (``MAX_ROWS`` then counts the rows that hold data);
* every other part read whole (styles, workbook): at most ``MAX_PART_ELEMENTS`` XML elements.

A file over a limit is refused as a whole, naming the file or the sheet, before it is parsed.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Iterator

from openpyxl.utils.cell import range_boundaries

from trainsched.formats import Message
from trainsched.sheets.errors import SheetImportError, refusal
from trainsched.sheets.raw import Merge
from trainsched.sheets.spec import MAX_ROWS

MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 1_000
MAX_SHEETS = 60
MAX_SHARED_STRINGS = 300_000
MAX_CELL_CHARS = 32_767
MAX_TEXT_BYTES = 8 * MAX_CELL_CHARS  # XML of one text: entities and formatting runs take room
MAX_SHEET_ROWS = 10 * MAX_ROWS
MAX_SHEET_CELLS = 600_000
MAX_PART_ELEMENTS = 500_000

_CHUNK = 1 << 20
_RATIO_FROM = 1 << 20  # small parts (a few KB of repeated XML) may compress very well
_END_OF_DIRECTORY = b"PK\x05\x06"
_SHEET_ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")
_SHEET_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)"')
_SHARED_TEXT = re.compile(rb"<(?:\w+:)?si[\s/>]")
_ELEMENT = re.compile(rb"<[A-Za-z_]")


def _mb(size: int) -> int:
    return size // (1024 * 1024)


def check_directory(data: bytes) -> None:
    """Refuse a zip whose directory lists too many parts, before the directory is read."""
    at = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return  # not a zip the reader can open: the zip reader says so in its own words
    (entries,) = struct.unpack_from("<H", data, at + 10)
    if entries > MAX_MEMBERS:
        raise refusal(
            Message(
                f"工作簿包含 {entries:,} 个部件，超过上限 {MAX_MEMBERS:,}，拒绝读取",
                f"the workbook holds {entries:,} parts, more than {MAX_MEMBERS:,}; refused",
            )
        )


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse a zip that expands too far in all or in one part (a zip bomb)."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise refusal(Message("工作簿包含的部件过多，拒绝读取", "the workbook has too many parts"))
    if sum(info.file_size for info in members) > MAX_UNZIPPED_BYTES:
        raise refusal(
            Message(
                f"工作簿解压后超过 {_mb(MAX_UNZIPPED_BYTES)} MB，拒绝读取",
                f"the workbook expands to more than {_mb(MAX_UNZIPPED_BYTES)} MB when unzipped; "
                "refused",
            ),
        )
    for info in members:
        if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise refusal(
                Message(
                    f"工作簿的部件 {info.filename} 压缩比异常（疑似压缩炸弹），拒绝读取",
                    f"part {info.filename} of the workbook is compressed like a zip bomb; refused",
                )
            )


def check_sheet_count(count: int) -> None:
    """Refuse a workbook with more sheets than any plan needs."""
    if count > MAX_SHEETS:
        raise refusal(
            Message(
                f"工作簿有 {count} 张工作表，超过上限 {MAX_SHEETS}",
                f"the workbook has {count} sheets, more than {MAX_SHEETS}",
            )
        )


def _pieces(archive: zipfile.ZipFile, part: str) -> Iterator[tuple[int, bytes]]:
    """The part's bytes in chunks cut before a tag's ``<``, with each chunk's offset."""
    offset, tail = 0, b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            text = tail + chunk
            cut = text.rfind(b"<")
            cut = cut if cut > 0 else len(text)
            yield offset, text[:cut]
            offset, tail = offset + cut, text[cut:]
    if tail:
        yield offset, tail


def scan_sheet(archive: zipfile.ZipFile, part: str, title: str) -> list[Merge]:
    """The sheet's merged blocks; refuses a sheet with too many rows or cells, formatted
    blank ones included."""
    rows = cells = 0
    found: set[bytes] = set()
    for _, piece in _pieces(archive, part):
        rows += len(_SHEET_ROW.findall(piece))
        cells += len(_SHEET_CELL.findall(piece))
        if rows > MAX_SHEET_ROWS or cells > MAX_SHEET_CELLS:
            raise refusal(
                Message(
                    f"工作表的行或单元格过多（含设置了格式的空行），超过上限 {MAX_SHEET_ROWS:,} 行"
                    f"或 {MAX_SHEET_CELLS:,} 个单元格：请删除多余的行和列",
                    f"the sheet has too many rows or cells (formatted blank ones included), more "
                    f"than {MAX_SHEET_ROWS:,} rows or {MAX_SHEET_CELLS:,} cells: delete unused "
                    "rows and columns",
                ),
                sheet=title,
            )
        found.update(_MERGE.findall(piece))
    return [_merge(ref.decode()) for ref in sorted(found)]


def _merge(ref: str) -> Merge:
    _, min_row, _, max_row = range_boundaries(ref)
    return Merge(ref, min_row or 1, max_row or 1)


def check_shared_strings(archive: zipfile.ZipFile, part: str) -> None:
    """Refuse a shared text table with too many texts or one text far too long."""
    count, start, size = 0, 0, 0
    for offset, piece in _pieces(archive, part):
        size = offset + len(piece)
        for match in _SHARED_TEXT.finditer(piece):
            count += 1
            if count > MAX_SHARED_STRINGS:
                raise _shared_refusal(
                    f"共享文本超过 {MAX_SHARED_STRINGS:,} 条",
                    f"more than {MAX_SHARED_STRINGS:,} shared texts",
                )
            _check_text_span(offset + match.start() - start)
            start = offset + match.start()
    _check_text_span(size - start)


def _check_text_span(span: int) -> None:
    if span > MAX_TEXT_BYTES:
        raise _shared_refusal(
            f"有文本超过单元格上限 {MAX_CELL_CHARS:,} 个字符",
            f"a text is longer than a cell's {MAX_CELL_CHARS:,} characters",
        )


def _shared_refusal(zh: str, en: str) -> SheetImportError:
    return refusal(Message(f"工作簿的{zh}，拒绝读取", f"the workbook has {en}; refused"))


def check_elements(archive: zipfile.ZipFile, part: str) -> None:
    """Refuse a part read whole (styles, workbook) that holds too many XML elements."""
    count = 0
    for _, piece in _pieces(archive, part):
        count += len(_ELEMENT.findall(piece))
        if count > MAX_PART_ELEMENTS:
            raise refusal(
                Message(
                    f"工作簿的部件 {part} 过于复杂（超过 {MAX_PART_ELEMENTS:,} 个元素），拒绝读取",
                    f"part {part} of the workbook is too complex (more than "
                    f"{MAX_PART_ELEMENTS:,} elements); refused",
                )
            )


def check_cell_text(value: object, title: str, row: int) -> None:
    """Refuse a cell text longer than Excel allows (inline texts are not in the shared table)."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise refusal(
            Message(
                f"单元格文本超过 {MAX_CELL_CHARS:,} 个字符",
                f"a cell's text is longer than {MAX_CELL_CHARS:,} characters",
            ),
            sheet=title,
            row=row,
        )
