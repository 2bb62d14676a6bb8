"""Class-opening applications (开班申请): one filing sheet per district, in the filed layout.

Title, a line naming the plan and its totals, the table of classes (each training institution's
from a new page), the totals row, then the lines the bureau signs: 填报单位（盖章）, 经办人,
审核人, 填报日期. Printed on A4 at a readable size (see printing)."""

from __future__ import annotations

import datetime as dt
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from trainsched.formats.plan_text import provisional_years
from trainsched.sheets.plan_facts import ClassFacts, PlanFacts
from trainsched.sheets.printing import print_layout
from trainsched.sheets.safe_cells import put, put_row
from trainsched.sheets.style import (
    BOX,
    DATE_FORMAT,
    TITLE_FONT,
    fit_widths,
    header_row,
)

PREFIX = "开班申请-"
HEADERS = (
    "序号", "培训机构", "培训项目", "班级编号", "开班日期", "结业日期", "培训天数", "课时（小时）",
    "培训地点", "地点地址", "授课讲师", "计划人数", "其中补贴对象", "补贴标准（元/人）",
    "预计补贴（元）", "备注",
)  # fmt: skip
HEADER_ROW = 3
SIGNATURES = ((1, 5, "填报单位（盖章）："), (6, 8, "经办人："), (9, 11, "审核人："),
              (12, 16, "填报日期：　　年　　月　　日"))  # fmt: skip
APPLICATION_WIDTH = 12  # longer names and addresses wrap, so the table fits an A4 width
# A 开班申请 sheet is filed by one applicant: a district and (if any) an institution.
Applicant = tuple[str, str]
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def _row(n: int, f: ClassFacts) -> list[object]:
    return [
        n, f.institution, f.course.name, f.cohort.id, f.first, f.last, len(f.placed.days),
        f.total_hours, f.venue_name or f.placed.venue, f.venue_address,
        f.trainer_names(), f.cohort.size, f.subsidised, f.course.subsidy_per_trainee, f.subsidy,
        "" if f.fund else "无资金覆盖",
    ]  # fmt: skip


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (31 characters at most) for a district."""
    base = (PREFIX + _BAD_TITLE.sub("_", name))[:31]
    title, n = base, 2
    while title in taken:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def _title(ws: Worksheet, text: str, row: int, size: Font) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
    cell = put(ws, row, 1, text)
    cell.font = size
    cell.alignment = Alignment(horizontal="center", vertical="center")


def _heading(ws: Worksheet, facts: PlanFacts, group: Applicant, classes: list[ClassFacts]) -> None:
    trainees = sum(f.cohort.size for f in classes)
    money = sum(f.subsidy for f in classes)
    region, institution = group
    who = f"{institution}　" if institution else ""
    _title(ws, f"{who}{facts.region_name(region)}创业培训开班申请汇总表", 1, TITLE_FONT)
    _title(
        ws,
        f"计划：{facts.scenario.name}　规划期：{facts.scenario.horizon.start} 至 "
        f"{facts.scenario.horizon.end}　共 {len(classes)} 个班，计划培训 {trainees} 人，"
        f"预计补贴 {money} 元{_provisional_note(facts, classes)}",
        2,
        Font(size=11),
    )
    ws.row_dimensions[1].height = 28


def _provisional_note(facts: PlanFacts, classes: list[ClassFacts]) -> str:
    # A year whose holidays the State Council has not announced yet: its dates may still move.
    years = set(provisional_years(facts.plan))
    taught = sorted({d.year for f in classes for d in f.placed.days} & years)
    return "".join(f"　{year}年放假安排尚未公布，日期为暂定" for year in taught)


def _totals(classes: list[ClassFacts]) -> list[object]:
    cells: list[object] = ["合计", *[None] * (len(HEADERS) - 1)]
    cells[11] = sum(f.cohort.size for f in classes)
    cells[12] = sum(f.subsidised for f in classes)
    cells[14] = sum(f.subsidy for f in classes)
    return cells


def _table(ws: Worksheet, classes: list[ClassFacts]) -> int:
    """The classes in date order, then the totals row; returns the totals row."""
    header_row(ws, HEADER_ROW, HEADERS)
    rows = [_row(n, f) for n, f in enumerate(classes, start=1)]
    for n, values in enumerate(rows, start=1):
        put_row(ws, HEADER_ROW + n, values)
    total, totals = HEADER_ROW + len(rows) + 1, _totals(classes)
    put_row(ws, total, totals)
    ws.cell(row=total, column=1).font = Font(bold=True)
    fit_widths(ws, HEADER_ROW, [HEADERS, *rows, totals], most=APPLICATION_WIDTH)
    for cells in ws.iter_rows(min_row=HEADER_ROW + 1, max_row=total, max_col=len(HEADERS)):
        for cell in cells:
            cell.border = BOX
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    return total


def _signatures(ws: Worksheet, row: int) -> None:
    # Each line spans a few columns so that it neither sets a column's width nor runs over.
    for first, last, text in SIGNATURES:
        put(ws, row, first, text).alignment = Alignment(vertical="bottom")
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    ws.row_dimensions[row].height = 36  # room to sign and stamp


def _applicant(
    ws: Worksheet, facts: PlanFacts, group: Applicant, classes: list[ClassFacts]
) -> None:
    _heading(ws, facts, group, classes)
    total = _table(ws, classes)
    _signatures(ws, total + 2)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_area = f"A1:{get_column_letter(len(HEADERS))}{total + 2}"
    print_layout(ws, f"1:{HEADER_ROW}")


def application_sheets(wb: Workbook, facts: PlanFacts) -> list[str]:
    """Add one 开班申请 sheet per district and training institution, as an institution files
    it (classes without an institution get their district's own sheet); return their titles."""
    groups: dict[Applicant, list[ClassFacts]] = {}
    for f in facts.classes:
        groups.setdefault((f.cohort.region, f.institution), []).append(f)
    taken = set(wb.sheetnames)
    titles = []
    order = [r.id for r in facts.scenario.regions]
    for group in sorted(groups, key=lambda g: (_place(order, g[0]), g[1])):
        name = facts.region_name(group[0]) + (f"-{group[1]}" if group[1] else "")
        title = sheet_title(name, taken)
        _applicant(wb.create_sheet(title), facts, group, groups[group])
        titles.append(title)
    return titles


def _place(order: list[str], region: str) -> int:
    return order.index(region) if region in order else len(order)
