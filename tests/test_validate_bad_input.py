"""`trainsched validate` refuses bad scenarios with exit 2 and the JSON path of each problem."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests import factories as f
from trainsched.cli import app

runner = CliRunner()


def _validate(tmp_path: Path, doc: Any | None = None, raw: str | None = None) -> tuple[int, str]:
    path = tmp_path / "scenario.json"
    path.write_text(raw if raw is not None else json.dumps(doc, ensure_ascii=False), "utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    return result.exit_code, result.output


def test_valid_scenario_is_accepted(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, f.scenario_doc())
    assert code == 0, out
    assert "OK" in out


def test_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, raw="{ this is not json")
    assert code == 2
    assert "$: not valid JSON" in out
    assert "Traceback" not in out


def test_missing_file_is_refused_without_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_wrong_format_is_refused(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, f.scenario_doc(format="trainsched.plan/1"))
    assert code == 2
    assert "format: expected 'trainsched.scenario/1'" in out


def test_typoed_key_is_refused_not_ignored(tmp_path: Path) -> None:
    doc = f.scenario_doc(cohorts=[{**f.cohort(), "earlist": "2027-03-02"}])
    code, out = _validate(tmp_path, doc)
    assert code == 2
    assert "cohorts[0].earlist: unknown key" in out


def test_typoed_top_level_key_is_refused(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, f.scenario_doc(trainer=[]))
    assert code == 2
    assert "trainer: unknown key" in out


def test_extension_keys_under_x_are_allowed(tmp_path: Path) -> None:
    doc = f.scenario_doc(x={"anything": 1}, cohorts=[f.cohort(x={"note": "ok"})])
    code, out = _validate(tmp_path, doc)
    assert code == 0, out


def test_dangling_reference_is_refused(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, f.scenario_doc(cohorts=[f.cohort(course="SYBB")]))
    assert code == 2
    assert "cohorts[0].course: unknown course 'SYBB'" in out


def test_dangling_trainer_region_is_refused(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, f.scenario_doc(trainers=[f.trainer(region="R99")]))
    assert code == 2
    assert "trainers[0].region: unknown region 'R99'" in out


def test_negative_capacity_is_refused(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, f.scenario_doc(venues=[f.venue(capacity=-5)]))
    assert code == 2
    assert "venues[0].capacity" in out


def test_cohort_above_max_size_is_refused(tmp_path: Path) -> None:
    doc = f.scenario_doc(cohorts=[f.cohort(trainees={"graduate": 25, "migrant": 10})])
    code, out = _validate(tmp_path, doc)
    assert code == 2
    assert "cohorts[0].trainees: 35 trainees is outside SYB's size 0..30" in out


def test_date_outside_horizon_is_refused(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, f.scenario_doc(cohorts=[f.cohort(latest_end="2027-07-01")]))
    assert code == 2
    assert "cohorts[0].latest_end: 2027-07-01 is outside the horizon" in out


def test_overlapping_fund_scopes_are_refused(tmp_path: Path) -> None:
    funds = [f.fund("F1", to="2027-03-31"), f.fund("F2", **{"from": "2027-03-15"})]
    code, out = _validate(tmp_path, f.scenario_doc(funds=funds))
    assert code == 2
    assert "funds[1]: scope overlaps fund 'F1'" in out


def test_adjacent_fund_scopes_are_accepted(tmp_path: Path) -> None:
    funds = [f.fund("F1", to="2027-03-31"), f.fund("F2", **{"from": "2027-04-01"})]
    code, out = _validate(tmp_path, f.scenario_doc(funds=funds))
    assert code == 0, out


def test_unknown_timezone_is_refused(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, f.scenario_doc(timezone="Asia/Beijing"))
    assert code == 2
    assert "timezone: unknown IANA timezone 'Asia/Beijing'" in out


def test_empty_course_catalogue_is_refused(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, f.scenario_doc(courses=[], cohorts=[]))
    assert code == 2
    assert "courses: the course catalogue is empty" in out


@pytest.mark.parametrize(
    ("field", "value"),
    [("amount", 1500.5), ("amount", "1500"), ("amount", -1)],
)
def test_money_must_be_whole_non_negative_yuan(tmp_path: Path, field: str, value: Any) -> None:
    code, out = _validate(tmp_path, f.scenario_doc(funds=[f.fund(**{field: value})]))
    assert code == 2
    assert f"funds[0].{field}" in out


def test_every_problem_is_listed_not_just_the_first(tmp_path: Path) -> None:
    doc = f.scenario_doc(
        cohorts=[f.cohort(course="XYB"), f.cohort("C02", region="R77")],
        venues=[f.venue(region="R88")],
    )
    code, out = _validate(tmp_path, doc)
    assert code == 2
    assert "cohorts[0].course" in out
    assert "cohorts[1].region" in out
    assert "venues[0].region" in out


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, f.scenario_doc(venues=[f.venue(), f.venue()]))
    assert code == 2
    assert "venues[1].id: duplicate id 'V01'" in out


def test_timestamp_is_not_taken_for_a_date(tmp_path: Path) -> None:
    code, out = _validate(tmp_path, f.scenario_doc(cohorts=[f.cohort(earliest=1772323200)]))
    assert code == 2
    assert "cohorts[0].earliest: expected a date YYYY-MM-DD" in out
