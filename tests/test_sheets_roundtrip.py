"""A scenario exported to the template imports back equal; re-imports merge by id."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from tests import factories as f
from trainsched.formats import load_scenario
from trainsched.generate import generate_scenario
from trainsched.sheets import export_scenario, import_workbook

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo-city.json"


def test_demo_scenario_survives_export_and_import() -> None:
    demo = load_scenario(DEMO)
    assert import_workbook(export_scenario(demo), "demo.xlsx") == demo


def test_generated_small_scenario_survives_export_and_import() -> None:
    small = generate_scenario("small", 7)
    assert import_workbook(export_scenario(small), "small.xlsx") == small


def test_every_optional_field_survives_export_and_import() -> None:
    course = f.course(
        max_span_days=5, min_size=5, qualification="SIYB", hours={"start": "08:30", "end": "16:00"}
    )
    busy = ["2027-03-03", {"from": "2027-03-10", "to": "2027-03-12"}]
    trainers = [
        f.trainer(
            qualifications=["SIYB"],
            serves_regions=["R01", "R02"],
            contact="微信 abc",
            unavailable=busy,
            max_days_per_month=10,
            max_days_total=30,
        ),
        f.trainer("007", qualifications=["SIYB"], contact={"phone": "138", "email": "a@b.cn"}),
    ]
    venue = f.venue(
        address="某路1号",
        lat=30.1,
        lon=120.2,
        daily_cost=300,
        kind="school",
        unavailable=[{"from": "2027-04-01", "to": "2027-04-01"}],
    )
    pinned = {
        "days": ["2027-03-01", "2027-03-02", "2027-03-03"],
        "venue": "V01",
        "trainers": ["007"],
    }
    cohort = f.cohort(
        trainees={"graduate": 10, "other": 0},
        venue_regions=["R01", "R02"],
        priority=3,
        pinned=pinned,
    )
    s = f.scenario(
        calendar={"official": "CN", "holidays": ["2027-03-08"], "workdays": ["2027-03-06"]},
        weights={"travel": 2},
        regions=[f.region(), f.region("R02", name="山区")],
        courses=[course],
        trainers=trainers,
        venues=[venue],
        cohorts=[cohort],
        funds=[f.fund(name="一季度", regions=["R01", "R02"])],
        mentors=[f.mentor(max_km_per_day=80.5, trainer="T01", unavailable=["2027-03-05"])],
        visit_requests=[f.visit_request(min_gap_days=7, priority=2, contact="电话 123")],
    )
    assert import_workbook(export_scenario(s), "all.xlsx") == s


def test_blank_template_imports_as_a_valid_example_scenario() -> None:
    s = import_workbook(export_scenario(None), "template.xlsx")
    assert [c.id for c in s.cohorts] == ["C01"] and set(s.groups) == {
        "graduate",
        "migrant",
        "hardship",
        "other",
    }


def test_reimporting_the_same_file_onto_its_result_changes_nothing() -> None:
    data = export_scenario(generate_scenario("tiny", 1))
    first = import_workbook(data, "a.xlsx")
    assert import_workbook(data, "a.xlsx", base=first) == first


def _trainers_only(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "讲师"
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_rows_replace_entries_of_the_same_id_and_add_new_ones() -> None:
    base = f.scenario(trainers=[f.trainer(max_days_total=20, x={"source": "hr"}), f.trainer("T02")])
    data = _trainers_only([
        ["编号", "姓名", "所在区县", "资质"],
        ["T02", "新名字", "R01", "SYB"],
        ["T03", "新讲师", "R01", "课程SYB"],
    ])  # fmt: skip
    s = import_workbook(data, "trainers.xlsx", base=base)
    assert [(t.id, t.name) for t in s.trainers] == [
        ("T01", "讲师T01"),
        ("T02", "新名字"),
        ("T03", "新讲师"),
    ]
    assert s.trainers[0] == base.trainers[0]  # not in the file: untouched
    assert s.trainers[2].qualifications == ["SYB"]  # course name stands for its tag


def test_columns_absent_from_the_sheet_keep_the_base_values() -> None:
    base = f.scenario(trainers=[f.trainer(max_days_total=20, x={"source": "hr"})])
    data = _trainers_only([["编号", "姓名", "所在区县", "资质"], ["T01", "改名", "R01", "SYB"]])
    t = import_workbook(data, "t.xlsx", base=base).trainers[0]
    assert (t.name, t.max_days_total, t.x) == ("改名", 20, {"source": "hr"})


def test_blank_cell_of_a_present_column_clears_the_base_value() -> None:
    base = f.scenario(trainers=[f.trainer(max_days_total=20)])
    data = _trainers_only(
        [["编号", "姓名", "所在区县", "资质", "总天数上限"], ["T01", "王", "R01", "SYB", None]]
    )
    assert import_workbook(data, "t.xlsx", base=base).trainers[0].max_days_total is None


@pytest.mark.parametrize("written", ["区R01", "r01", "R01 区R01"])
def test_region_may_be_written_by_name_or_as_id_and_name(written: str) -> None:
    data = _trainers_only([["编号", "姓名", "所在区县", "资质"], ["T09", "王", written, "SYB"]])
    assert import_workbook(data, "t.xlsx", base=f.scenario()).trainers[-1].region == "R01"
