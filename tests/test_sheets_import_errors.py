"""Bad spreadsheets are refused as a whole, each problem named by sheet, row and column."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests import factories as f
from trainsched.sheets import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    SheetError,
    SheetImportError,
    SheetTooLarge,
    export_scenario,
    format_errors,
    import_workbook,
    read_capped,
)
from trainsched.sheets.sources import OLE2_SIGNATURE


def _base_bytes() -> bytes:
    s = f.scenario(
        trainers=[f.trainer(), f.trainer("T02"), f.trainer("T03")],
        cohorts=[f.cohort(), f.cohort("C02")],
    )
    return export_scenario(s)


def _edited(change: Callable[[openpyxl.Workbook], None]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(_base_bytes()))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _refusal(data: bytes, filename: str = "plan.xlsx") -> list[SheetError]:
    with pytest.raises(SheetImportError) as info:
        import_workbook(data, filename)
    return info.value.errors


def _set(sheet: str, cell: str, value: object) -> Callable[[openpyxl.Workbook], None]:
    def change(wb: openpyxl.Workbook) -> None:
        ws: Worksheet = wb[sheet]
        ws[cell] = value

    return change


def test_unknown_qualification_is_named_by_sheet_row_and_column() -> None:
    errors = _refusal(_edited(_set("讲师", "D3", "SYBB")))
    assert len(errors) == 1
    e = errors[0]
    assert (e.sheet, e.row, e.column, e.value) == ("讲师", 3, "资质", "SYBB")
    assert str(e) == (
        '讲师 第3行 资质列: 未知课程 "SYBB" / sheet 讲师 row 3, column 资质: unknown course "SYBB"'
    )


def test_every_error_of_a_file_is_listed_at_once() -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["讲师"]["D2"] = "SYBB"
        wb["开班需求"]["B3"] = "GYB"
        wb["开班需求"]["H2"] = "2027-02-30"
        wb["场地"]["G2"] = "很多"

    errors = _refusal(_edited(change))
    places = {(e.sheet, e.row, e.column) for e in errors}
    assert places == {
        ("讲师", 2, "资质"),
        ("开班需求", 3, "课程"),
        ("开班需求", 2, "最早开课日期"),
        ("场地", 2, "容纳人数"),
    }
    assert all(e.message.zh and e.message.en for e in errors)


def test_spec_rule_broken_is_mapped_back_to_its_row() -> None:
    errors = _refusal(_edited(_set("开班需求", "D3", 45)))
    assert [(e.sheet, e.row, e.column) for e in errors] == [("开班需求", 3, "各群体人数")]
    assert "45 trainees" in errors[0].message.en and "45 人" in errors[0].message.zh


def test_overlapping_funds_are_reported_on_the_later_fund_row() -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["补贴资金"].append(["F02", None, "R01", "2027-03-05", "2027-04-01", 100])

    errors = _refusal(_edited(change))
    assert [(e.sheet, e.row) for e in errors] == [("补贴资金", 3)]
    assert "F01" in errors[0].message.zh


def test_formula_cells_are_refused_with_their_place() -> None:
    errors = _refusal(_edited(_set("场地", "G2", "=20+10")))
    assert [(e.sheet, e.row, e.column, e.value) for e in errors] == [
        ("场地", 2, "容纳人数", "=20+10")
    ]
    assert "formula" in errors[0].message.en


def test_merged_header_cells_are_refused() -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["讲师"].merge_cells("A1:B1")

    errors = _refusal(_edited(change))
    assert [(e.sheet, e.row, e.value) for e in errors] == [("讲师", 1, "A1:B1")]
    assert "merged header" in errors[0].message.en


def test_merged_data_cells_are_refused() -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["讲师"].merge_cells("C2:C4")

    errors = _refusal(_edited(change))
    assert [(e.sheet, e.row, e.value) for e in errors] == [("讲师", 2, "C2:C4")]


def test_unknown_column_is_refused_but_remarks_columns_are_ignored() -> None:
    assert import_workbook(_edited(_set("讲师", "L1", "备注")), "x.xlsx").trainers
    errors = _refusal(_edited(_set("讲师", "L1", "职称")))
    assert [(e.sheet, e.row, e.column) for e in errors] == [("讲师", 1, "职称")]


def test_missing_required_column_is_refused() -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb["讲师"].delete_cols(4)

    errors = _refusal(_edited(change))
    assert [(e.sheet, e.column) for e in errors] == [("讲师", "资质")]


def test_empty_required_cell_is_refused() -> None:
    errors = _refusal(_edited(_set("讲师", "B3", None)))
    assert [(e.sheet, e.row, e.column) for e in errors] == [("讲师", 3, "姓名")]


def test_duplicate_id_in_one_sheet_is_refused() -> None:
    errors = _refusal(_edited(_set("讲师", "A3", "T01")))
    assert [(e.sheet, e.row, e.column) for e in errors] == [("讲师", 3, "编号")]
    assert "row 2" in errors[0].message.en


def test_unknown_sheet_with_data_is_refused() -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb.create_sheet("讲师们")["A1"] = "编号"

    errors = _refusal(_edited(change))
    assert [e.sheet for e in errors] == ["讲师们"]


def test_workbook_without_settings_sheet_needs_a_base() -> None:
    def change(wb: openpyxl.Workbook) -> None:
        del wb["基本信息"]

    errors = _refusal(_edited(change))
    assert [e.sheet for e in errors] == ["基本信息"]


def test_encrypted_workbook_is_refused_clearly() -> None:
    fake = OLE2_SIGNATURE + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64
    errors = _refusal(fake)
    assert "password" in errors[0].message.en and "密码" in errors[0].message.zh


def test_old_xls_file_is_refused_clearly() -> None:
    errors = _refusal(OLE2_SIGNATURE + b"\x00" * 1024, "old.xls")
    assert ".xls" in errors[0].message.en


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "photo.png"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "list.csv"),
        (b"%PDF-1.7 binary \x00\x01\x02", "list.xlsx"),
        (b"", "empty.xlsx"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(data: bytes, filename: str) -> None:
    errors = _refusal(data, filename)
    assert len(errors) == 1 and errors[0].row is None


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    errors = _refusal(out.getvalue())
    assert "not an Excel workbook" in errors[0].message.en


def test_upload_above_the_size_limit_is_refused_before_parsing() -> None:
    with pytest.raises(SheetTooLarge) as info:  # HTTP answers 413 to this refusal
        import_workbook(b"PK\x03\x04" + b"\x00" * MAX_UPLOAD_BYTES, "plan.xlsx")
    errors = info.value.errors
    assert "limit" in errors[0].message.en and "上限" in errors[0].message.zh


def test_an_upload_is_read_no_further_than_one_byte_past_the_limit() -> None:
    stream = io.BytesIO(b"x" * (MAX_UPLOAD_BYTES + 100))
    assert len(read_capped(stream)) == MAX_UPLOAD_BYTES + 1
    with pytest.raises(SheetTooLarge):
        import_workbook(read_capped(io.BytesIO(b"x" * (MAX_UPLOAD_BYTES + 100))), "a.csv")


def test_an_error_keeps_the_apis_json_shape() -> None:
    error = _refusal(b"")[0]
    assert error.as_dict() == {
        "path": "file",
        "message": "the file is empty",
        "sheet": "文件",
        "row": None,
        "column": None,
        "value": None,
        "message_zh": "文件是空的",
        "message_en": "the file is empty",
    }


def _huge_sheet(rows: int) -> bytes:
    # Writing the sheet XML directly keeps the test fast; openpyxl reads it as Excel would.
    wb = openpyxl.Workbook()
    wb.active.title = "区县"
    out = io.BytesIO()
    wb.save(out)
    body = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>R{r}</t></is></c>'
        f'<c r="B{r}" t="inlineStr"><is><t>区{r}</t></is></c><c r="C{r}"><v>30</v></c>'
        f'<c r="D{r}"><v>120</v></c></row>'
        for r in range(2, rows + 2)
    )
    header = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>名称</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>纬度</t></is></c>'
        '<c r="D1" t="inlineStr"><is><t>经度</t></is></c></row>'
    )
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{header}{body}</sheetData></worksheet>"
    )
    src = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    dst_bytes = io.BytesIO()
    with zipfile.ZipFile(dst_bytes, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = xml.encode() if info.filename == "xl/worksheets/sheet1.xml" else src.read(info)
            dst.writestr(info.filename, data)
    return dst_bytes.getvalue()


def test_sheet_with_100000_rows_is_refused_with_the_limit() -> None:
    data = _huge_sheet(100_000)
    assert len(data) < MAX_UPLOAD_BYTES
    errors = _refusal(data)
    assert [(e.sheet, e.row) for e in errors] == [("区县", MAX_ROWS + 2)]
    assert f"{MAX_ROWS:,}" in errors[0].message.en


def test_format_errors_lists_each_error_on_its_own_line() -> None:
    errors = _refusal(_edited(_set("讲师", "D2", "SYBB")))
    text = format_errors(errors)
    assert text.splitlines()[0].startswith("导入失败，共 1 处错误")
    assert "讲师 第2行 资质列" in text.splitlines()[1]


def _set_under(
    sheet: str, header: str, row: int, value: object
) -> Callable[[openpyxl.Workbook], None]:
    def change(wb: openpyxl.Workbook) -> None:
        ws: Worksheet = wb[sheet]
        column = next(c.column for c in ws[1] if c.value == header)
        ws.cell(row=row, column=column, value=value)

    return change


def test_a_class_naming_an_unknown_institution_is_refused_at_its_cell() -> None:
    errors = _refusal(_edited(_set_under("开班需求", "承办机构", 2, "无名学校")))
    assert [(e.sheet, e.row, e.column, e.value) for e in errors] == [
        ("开班需求", 2, "承办机构", "无名学校")
    ]
    assert "无名学校" in errors[0].message.zh
