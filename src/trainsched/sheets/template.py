"""The template workbook: headers, an example row (or a scenario's lists), drop-downs, notes."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from trainsched.formats import Scenario
from trainsched.formats.scenario import default_groups
from trainsched.sheets.columns import COURSES, GROUPS, LIST_SHEETS, REGIONS, SETTINGS
from trainsched.sheets.provider_columns import PROVIDERS
from trainsched.sheets.scenario_rows import example_row, list_rows, settings_rows
from trainsched.sheets.spec import MAX_ROWS, NOTES_SHEET, Column, SheetSpec, columns_of
from trainsched.sheets.style import WRAP, new_workbook, table_sheet, to_bytes

_SOURCES = {"regions": REGIONS, "courses": COURSES, "groups": GROUPS, "providers": PROVIDERS}
_CHOICES = {"bool": '"是,否"', "official": '"CN,无"'}
_TEXT_KINDS = {"id", "text", "ref", "refs", "tags", "quals"}
_LAST_ROW = 2000

GENERAL_NOTES = (
    "本工作簿用于导入培训计划数据：每张表一类数据，第一行为表头，从第二行起每行一条。",
    "红色表头为必填列；列的顺序可以调整；以“备注”开头的列会被忽略。",
    "日期写作 2027-03-01，或使用 Excel 日期格式；不要使用公式（请“选择性粘贴为数值”）。",
    "不可用日期可写单日或区间（2027-03-01~2027-03-05），多项用 ; 、 ； 、 , 或 ， 分隔。",
    "区县、课程、群体等可填编号（下拉选择）或名称；多个值用 ; 分隔。",
    "再次导入时按编号更新：编号相同的记录被替换，新编号被添加。",
    "任何一处错误都会使整个文件不被导入，并列出每处错误的表、行、列。",
    f"不要合并单元格；不要设置打开密码；每张表最多 {MAX_ROWS:,} 行。",
    "模板中的第二行是示例，请改成实际数据或删除。",
    "电话、邮箱、联系方式为个人信息，只有协调员可见。",
)


def _validate(ws: Worksheet, columns: tuple[Column, ...], rows: int) -> None:
    last = max(_LAST_ROW, rows + 500)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if column.kind in _TEXT_KINDS:
            ws.column_dimensions[letter].number_format = "@"  # new rows typed later stay text too
            for (cell,) in ws.iter_rows(min_row=2, max_row=rows + 1, min_col=index, max_col=index):
                cell.number_format = "@"  # ids like 001 and phone numbers stay text
        source = _SOURCES.get(column.target or "") if column.kind == "ref" else None
        formula = _CHOICES.get(column.kind)
        if source is not None:
            formula = f"{quote_sheetname(source.name)}!$A$2:$A${last}"
        if formula is None:
            continue
        check = DataValidation(type="list", formula1=formula, allow_blank=True)
        check.errorStyle = "warning"  # names are accepted too: warn, do not forbid
        check.error = "请从下拉列表选择，或填写已有的编号/名称"
        check.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(check)


def _list_sheet(
    wb: Workbook, spec: SheetSpec, scenario: Scenario | None, groups: dict[str, str]
) -> None:
    columns = columns_of(spec, groups)
    if scenario is not None:
        rows = list_rows(scenario, spec, columns)
    elif spec is GROUPS:  # the spec's default groups are the natural start, not one example
        rows = [
            [gid, g.name, g.weight, "是" if g.subsidised else "否"]
            for gid, g in default_groups().items()
        ]
    else:
        rows = [example_row(columns)]
    headers = [c.header for c in columns]
    ws = table_sheet(wb, spec.name, headers, rows, [c.required for c in columns])
    _validate(ws, columns, len(rows))


def _settings_sheet(wb: Workbook, scenario: Scenario | None) -> None:
    rows = settings_rows(scenario)
    ws = table_sheet(wb, SETTINGS.name, ["项目", "值", "说明"], rows)
    _validate_settings(ws)


def _validate_settings(ws: Worksheet) -> None:
    for row, column in enumerate(SETTINGS.columns, start=2):
        ws.cell(row=row, column=1).font = Font(
            bold=True, color="C00000" if column.required else None
        )
        formula = _CHOICES.get(column.kind)
        if formula is not None:
            check = DataValidation(type="list", formula1=formula, allow_blank=True)
            check.add(f"B{row}")
            ws.add_data_validation(check)


def _notes_sheet(wb: Workbook, groups: dict[str, str]) -> None:
    rows: list[list[object]] = [["", "", "", "", line, ""] for line in GENERAL_NOTES]
    for spec in (SETTINGS, *LIST_SHEETS):
        rows.append([spec.name, "", spec.key, "", spec.help, ""])
        for c in columns_of(spec, groups):
            example = c.example if c.example is not None else ""
            rows.append(
                [spec.name, c.header, c.key, "是" if c.required else "", c.help, str(example)]
            )
    ws = table_sheet(wb, NOTES_SHEET, ["工作表", "列/项目", "英文名", "必填", "说明", "示例"], rows)
    wb.move_sheet(ws, -len(wb.sheetnames) + 1)
    ws.auto_filter.ref = None
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")


def export_scenario(scenario: Scenario | None = None) -> bytes:
    """A scenario as the import template workbook, its lists filled in (importing it gives the
    same scenario back); without a scenario, the empty template with one example row per sheet."""
    groups_map = scenario.groups if scenario is not None else default_groups()
    groups = {k: g.name for k, g in groups_map.items()}
    wb = new_workbook()
    _settings_sheet(wb, scenario)
    for spec in LIST_SHEETS:
        _list_sheet(wb, spec, scenario, groups)
    _notes_sheet(wb, groups)
    return to_bytes(wb)
