"""Hostile workbooks are refused quickly, before they are expanded, naming the file or sheet."""

from __future__ import annotations

import io
import time

import openpyxl
import pytest

from tests.hostile_workbooks import NS, SHEET, parts, sheet_xml, zipped
from trainsched.sheets import SheetImportError, import_workbook
from trainsched.sheets import xlsx_limits as limits


def _with_shared_texts(texts: list[str]) -> bytes:
    members = parts()
    body = "".join(f"<si><t>{t}</t></si>" for t in texts)
    members["xl/sharedStrings.xml"] = f'<sst xmlns="{NS}">{body}</sst>'.encode()
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    members[SHEET] = sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    return zipped(members, level=1)


def _refused(data: bytes) -> tuple[str, str]:
    start = time.perf_counter()
    with pytest.raises(SheetImportError) as info:
        import_workbook(data, "plan.xlsx")
    assert time.perf_counter() - start < 5
    (error,) = info.value.errors
    return error.sheet, error.message.en


def test_a_zip_bomb_is_refused_from_its_directory() -> None:
    bomb = sheet_xml("").replace(b"<sheetData>", b"<sheetData>" + b" " * (70 * 1024 * 1024))
    sheet, message = _refused(zipped({**parts(), SHEET: bomb}, level=9))
    assert sheet == "文件" and "64 MB" in message


def test_a_part_compressed_like_a_bomb_is_refused() -> None:
    bomb = sheet_xml("").replace(b"<sheetData>", b"<sheetData>" + b" " * (20 * 1024 * 1024))
    sheet, message = _refused(zipped({**parts(), SHEET: bomb}, level=9))
    assert sheet == "文件" and "zip bomb" in message and SHEET in message


def test_too_many_shared_texts_are_refused() -> None:
    texts = [f"{i}" for i in range(limits.MAX_SHARED_STRINGS + 1)]
    sheet, message = _refused(_with_shared_texts(texts))
    assert sheet == "文件" and f"{limits.MAX_SHARED_STRINGS:,} shared texts" in message


def test_a_shared_text_far_longer_than_a_cell_holds_is_refused() -> None:
    sheet, message = _refused(_with_shared_texts(["编号", "x" * (limits.MAX_TEXT_BYTES + 1)]))
    assert sheet == "文件" and "32,767 characters" in message


def test_an_inline_text_longer_than_a_cell_holds_is_refused_on_its_row() -> None:
    long = "y" * (limits.MAX_CELL_CHARS + 1)
    rows = f'<row r="1"><c r="A1" t="inlineStr"><is><t>{long}</t></is></c></row>'
    with pytest.raises(SheetImportError) as info:
        import_workbook(zipped({**parts(), SHEET: sheet_xml(rows)}), "plan.xlsx")
    assert [(e.sheet, e.row) for e in info.value.errors] == [("区县", 1)]


def test_formatted_empty_rows_beyond_the_limit_are_refused_naming_thesheet_xml() -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}" s="0"/></row>' for r in range(1, 200_002))
    sheet, message = _refused(zipped({**parts(), SHEET: sheet_xml(rows)}))
    assert sheet == "区县" and "200,000 rows" in message


def test_too_many_cells_in_a_sheet_are_refused() -> None:
    def row(r: int) -> str:
        return f'<row r="{r}">' + "".join(f'<c r="{chr(65 + c)}{r}" s="0"/>' for c in range(26))

    rows = "</row>".join(row(r) for r in range(1, limits.MAX_SHEET_CELLS // 26 + 2)) + "</row>"
    sheet, message = _refused(zipped({**parts(), SHEET: sheet_xml(rows)}))
    assert sheet == "区县" and "600,000 cells" in message


def test_a_workbook_with_too_many_sheets_is_refused() -> None:
    wb = openpyxl.Workbook()
    for n in range(limits.MAX_SHEETS + 1):
        wb.create_sheet(f"表{n}")
    out = io.BytesIO()
    wb.save(out)
    sheet, message = _refused(out.getvalue())
    assert sheet == "文件" and f"more than {limits.MAX_SHEETS}" in message


def test_a_zip_listing_thousands_of_parts_is_refused_before_its_directory_is_read() -> None:
    members = parts()
    members.update({f"junk/{n}.bin": b"" for n in range(limits.MAX_MEMBERS)})
    sheet, message = _refused(zipped(members))
    assert sheet == "文件" and "parts" in message


def test_styles_with_too_many_elements_are_refused() -> None:
    members = parts()
    fonts = b"<font/>" * (limits.MAX_PART_ELEMENTS + 1)
    members["xl/styles.xml"] = members["xl/styles.xml"].replace(
        b"</styleSheet>", fonts + b"</styleSheet>"
    )
    sheet, message = _refused(zipped(members))
    assert sheet == "文件" and "xl/styles.xml" in message
