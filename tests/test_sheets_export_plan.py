"""The exported plan opens in Excel, prints on A4 landscape and its numbers are the plan's."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from tests import factories as f
from trainsched.checker import check_plan, fund_usage, served_value
from trainsched.formats import FormatError, Message, Plan, Scenario, load_scenario
from trainsched.formats.plan_text import reasons_extension
from trainsched.sheets import export_plan
from trainsched.solver import SolveOptions, solve

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "tiny.json"
DAYS = ["2027-03-01", "2027-03-02", "2027-03-03"]


def _scenario() -> Scenario:
    return f.scenario(
        regions=[f.region(), f.region("R02", name="山区")],
        trainers=[
            f.trainer(contact={"phone": "13900000001"}),
            f.trainer("T02", region="R02"),
        ],
        venues=[f.venue(address="某路1号"), f.venue("V02", region="R02")],
        cohorts=[
            f.cohort(trainees={"graduate": 20, "other": 5}),
            f.cohort("C02", region="R02", trainees={"migrant": 10, "hardship": 5}),
            f.cohort("C03"),
        ],
        funds=[f.fund(), f.fund("F02", regions=["R02"], amount=50_000)],
        mentors=[f.mentor()],
        visit_requests=[f.visit_request(contact="13700000000", visits=2)],
    )


def _plan(s: Scenario) -> Plan:
    p = f.plan(
        cohorts=[
            {"id": "C01", "days": DAYS, "venue": "V01", "trainers": ["T01"]},
            {"id": "C02", "days": DAYS, "venue": "V02", "trainers": ["T02"]},
        ],
        visits=[{"request": "Q01", "date": "2027-03-04", "mentor": "M01", "order": 1}],
        unscheduled_cohorts=[{"id": "C03", "reason": "讲师不足 / no trainer"}],
        unscheduled_visits=[{"request": "Q01", "missing": 1, "reason": "导师已满 / mentor full"}],
        funds=[
            {"id": "F01", "used": 20_000, "amount": 1_000_000},
            {"id": "F02", "used": 15_000, "amount": 50_000},
        ],
    )
    return p.model_copy(update={"objective": served_value(s, p)})


@pytest.fixture(scope="module")
def exported() -> tuple[Scenario, Plan, openpyxl.Workbook]:
    s = _scenario()
    p = _plan(s)
    assert check_plan(s, p) == []
    return s, p, openpyxl.load_workbook(io.BytesIO(export_plan(s, p)))


def _records(
    ws: openpyxl.worksheet.worksheet.Worksheet, header_row: int = 1
) -> list[dict[str, object]]:
    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    heads = rows[0]
    return [dict(zip(heads, r, strict=True)) for r in rows[1:] if r[0] not in (None, "合计")]


def test_class_sheet_counts_and_subsidy_equal_the_plan(
    exported: tuple[Scenario, Plan, openpyxl.Workbook],
) -> None:
    _, p, wb = exported
    rows = {r["班级编号"]: r for r in _records(wb["开班计划"])}
    assert set(rows) == {c.id for c in p.cohorts}
    c01 = rows["C01"]
    assert (c01["高校毕业生人数"], c01["其他人员人数"], c01["合计人数"], c01["补贴人数"]) == (
        20,
        5,
        25,
        20,
    )
    assert (c01["补贴金额（元）"], c01["资金"], c01["上课天数"], c01["场地编号"]) == (
        20_000,
        "F01",
        3,
        "V01",
    )
    assert rows["C02"]["补贴金额（元）"] == 15_000


def test_fund_sheet_equals_the_plan_and_the_checker(
    exported: tuple[Scenario, Plan, openpyxl.Workbook],
) -> None:
    s, p, wb = exported
    rows = {r["资金编号"]: r for r in _records(wb["资金使用"])}
    assert {k: r["已用（元）"] for k, r in rows.items()} == {u.id: u.used for u in p.funds}
    assert {k: r["按班级核算（元）"] for k, r in rows.items()} == fund_usage(s, p)
    assert rows["F02"]["剩余（元）"] == 35_000


def test_schedules_list_every_teaching_day(
    exported: tuple[Scenario, Plan, openpyxl.Workbook],
) -> None:
    _, p, wb = exported
    assert len(_records(wb["讲师日程"])) == sum(len(c.days) * len(c.trainers) for c in p.cohorts)
    assert len(_records(wb["场地日程"])) == sum(len(c.days) for c in p.cohorts)
    assert [r["走访需求编号"] for r in _records(wb["导师走访"])] == ["Q01"]


def test_unscheduled_items_keep_the_chinese_half_of_an_old_plans_reasons(
    exported: tuple[Scenario, Plan, openpyxl.Workbook],
) -> None:
    _, _, wb = exported
    rows = _records(wb["未安排"])
    assert [(r["编号"], r["原因"]) for r in rows] == [("C03", "讲师不足"), ("Q01", "导师已满")]


def test_unscheduled_reasons_are_read_in_chinese_from_the_plans_messages(
    exported: tuple[Scenario, Plan, openpyxl.Workbook],
) -> None:
    s, p, _ = exported
    reasons = reasons_extension(
        {"C03": Message("讲师都已排满", "every trainer is booked")},
        {"Q01": Message("导师时间不够", "the mentor has no time left")},
    )
    wb = openpyxl.load_workbook(
        io.BytesIO(export_plan(s, p.model_copy(update={"x": {"reasons": reasons}})))
    )
    rows = _records(wb["未安排"])
    assert [(r["编号"], r["原因"]) for r in rows] == [
        ("C03", "讲师都已排满"),
        ("Q01", "导师时间不够"),
    ]


def test_one_application_sheet_per_district_with_totals(
    exported: tuple[Scenario, Plan, openpyxl.Workbook],
) -> None:
    _, _, wb = exported
    assert [n for n in wb.sheetnames if n.startswith("开班申请")] == [
        "开班申请-区R01",
        "开班申请-山区",
    ]
    ws = wb["开班申请-区R01"]
    assert ws["A1"].value == "区R01创业培训开班申请汇总表"
    assert "A1:P1" in {str(r) for r in ws.merged_cells.ranges}
    rows = [r for r in _records(ws, header_row=3) if isinstance(r["序号"], int)]
    assert [(r["班级编号"], r["计划人数"], r["预计补贴（元）"]) for r in rows] == [
        ("C01", 25, 20_000)
    ]
    total = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "合计")
    assert (total[11], total[14]) == (25, 20_000)


def test_trainer_contacts_appear_but_founders_contacts_do_not(
    exported: tuple[Scenario, Plan, openpyxl.Workbook],
) -> None:
    _, _, wb = exported
    cells = {
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    }
    assert "13900000001" in cells
    assert not any("13700000000" in c for c in cells)


def test_plan_naming_unknown_cohorts_is_refused() -> None:
    s = _scenario()
    p = f.plan(cohorts=[{"id": "C99", "days": DAYS, "venue": "V01", "trainers": ["T01"]}])
    with pytest.raises(FormatError):
        export_plan(s, p)


def test_solver_plan_exports_with_the_solver_fund_use() -> None:
    s = load_scenario(TINY)
    p = solve(s, SolveOptions(time_limit_s=2, workers=1, method="greedy")).plan
    wb = openpyxl.load_workbook(io.BytesIO(export_plan(s, p)))
    rows = {r["资金编号"]: r for r in _records(wb["资金使用"])}
    assert {k: r["已用（元）"] for k, r in rows.items()} == {u.id: u.used for u in p.funds}
    assert {k: r["按班级核算（元）"] for k, r in rows.items()} == fund_usage(s, p)
    classes = _records(wb["开班计划"])
    assert sum(int(str(r["合计人数"])) for r in classes) == sum(
        sum(c.trainees.values()) for c in s.cohorts if c.id in {x.id for x in p.cohorts}
    )
