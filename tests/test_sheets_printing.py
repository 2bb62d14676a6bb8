"""Every sheet of every workbook prints on A4 at 9 pt or more, headers repeated, pages counted."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests import factories as f
from tests.print_size import effective_font_pt
from trainsched.formats import load_scenario
from trainsched.sheets import export_plan, export_scenario
from trainsched.solver import SolveOptions, solve

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo-city.json"


@pytest.fixture(scope="module")
def workbooks() -> dict[str, openpyxl.Workbook]:
    s = load_scenario(DEMO)
    plan = solve(s, SolveOptions(time_limit_s=2, method="greedy")).plan
    files = {
        "plan": export_plan(s, plan),
        "scenario": export_scenario(s),
        "template": export_scenario(None),
    }
    return {name: openpyxl.load_workbook(io.BytesIO(data)) for name, data in files.items()}


def _sheets(workbooks: dict[str, openpyxl.Workbook]) -> list[tuple[str, Worksheet]]:
    return [(name, ws) for name, wb in workbooks.items() for ws in wb.worksheets]


def test_every_sheet_prints_at_9_points_or_more(workbooks: dict[str, openpyxl.Workbook]) -> None:
    small = {
        (name, ws.title): round(effective_font_pt(ws), 1)
        for name, ws in _sheets(workbooks)
        if effective_font_pt(ws) < 9
    }
    assert small == {}


def test_every_sheet_prints_on_a4_with_headers_and_page_numbers(
    workbooks: dict[str, openpyxl.Workbook],
) -> None:
    for name, ws in _sheets(workbooks):
        assert int(ws.page_setup.paperSize) == 9, (name, ws.title)  # A4
        assert ws.page_setup.orientation == "landscape", (name, ws.title)
        assert ws.print_title_rows, (name, ws.title)
        footer = ws.oddFooter.center.text or ""
        assert "&P" in footer and "&N" in footer, (name, ws.title)


def test_a_table_too_wide_for_one_page_prints_landscape_with_its_key_columns(
    workbooks: dict[str, openpyxl.Workbook],
) -> None:
    ws = workbooks["plan"]["开班计划"]
    assert ws.page_setup.orientation == "landscape"
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_cols == "$A:$B"


def test_application_sheets_fit_one_page_width_and_keep_the_signature_lines(
    workbooks: dict[str, openpyxl.Workbook],
) -> None:
    for ws in workbooks["plan"].worksheets:
        if not ws.title.startswith("开班申请"):
            continue
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        last = ws.max_row
        assert [ws.cell(last, c).value for c in (1, 6, 9, 12)] == [
            "填报单位（盖章）：", "经办人：", "审核人：", "填报日期：　　年　　月　　日"
        ]  # fmt: skip
        assert ws.print_area is not None and str(last) in ws.print_area


def test_columns_are_sized_by_the_table_not_by_titles_or_signatures(
    workbooks: dict[str, openpyxl.Workbook],
) -> None:
    ws = next(w for w in workbooks["plan"].worksheets if w.title.startswith("开班申请"))
    widths = {ws.cell(3, c).value: ws.column_dimensions[chr(64 + c)].width for c in (1, 12, 16)}
    assert widths["序号"] <= 8 and widths["计划人数"] <= 8 and widths["备注"] >= 6


def test_each_institution_files_its_own_application_per_district() -> None:
    s = f.scenario(
        providers=[f.provider("P01", name="甲培训学校"), f.provider("P02", name="乙孵化基地")],
        cohorts=[
            f.cohort("C01", provider="P01"),
            f.cohort("C02", provider="P02"),
            f.cohort("C03", provider="P01"),
        ],
        trainers=[f.trainer(), f.trainer("T02"), f.trainer("T03")],
        venues=[f.venue(), f.venue("V02"), f.venue("V03")],
    )
    days = ["2027-03-01", "2027-03-02", "2027-03-03"]
    p = f.plan(
        cohorts=[
            {"id": c, "days": days, "venue": v, "trainers": [t]}
            for c, v, t in (("C01", "V01", "T01"), ("C02", "V02", "T02"), ("C03", "V03", "T03"))
        ]
    )
    wb = openpyxl.load_workbook(io.BytesIO(export_plan(s, p)))
    filed = {
        ws.title: [ws.cell(r, 2).value for r in range(4, ws.max_row + 1) if ws.cell(r, 4).value]
        for ws in wb.worksheets
        if ws.title.startswith("开班申请")
    }
    assert filed == {
        "开班申请-区R01-甲培训学校": ["甲培训学校", "甲培训学校"],
        "开班申请-区R01-乙孵化基地": ["乙孵化基地"],
    }
    assert "甲培训学校" in str(wb["开班申请-区R01-甲培训学校"].cell(1, 1).value)


def test_an_application_in_a_year_not_yet_announced_says_its_dates_are_provisional() -> None:
    s = f.scenario()
    days = ["2027-03-01", "2027-03-02", "2027-03-03"]
    placed = [{"id": "C01", "days": days, "venue": "V01", "trainers": ["T01"]}]
    provisional = f.plan(cohorts=placed, x={"provisional_years": [2027]})
    announced = f.plan(cohorts=placed)
    line = {
        name: str(
            next(
                ws
                for ws in openpyxl.load_workbook(io.BytesIO(export_plan(s, p))).worksheets
                if ws.title.startswith("开班申请")
            )
            .cell(2, 1)
            .value
        )
        for name, p in (("provisional", provisional), ("announced", announced))
    }
    assert "2027年放假安排尚未公布，日期为暂定" in line["provisional"]
    assert "暂定" not in line["announced"]
