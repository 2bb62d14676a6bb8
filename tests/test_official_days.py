"""Planning 2027 before its notice, then entering the notice: the broken classes are listed and a
re-plan moves only them (end to end on the demo city)."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.web_coordinator import sign_in
from tests.web_data import demo_city, publish
from trainsched.checker import check_plan
from trainsched.cli import app
from trainsched.formats import Plan, Scenario
from trainsched.services.official_days import (
    OfficialDays,
    affected_classes,
    entered_notices,
    with_official_days,
)
from trainsched.web.views.coordinator_calendar import parse_days
from trainsched.web.views.coordinator_forms import FormFields
from trainsched.workcal import scenario_calendar

D = dt.date
# A notice as the State Council might word it (fictional): Spring Festival Feb 5–12 off,
# Saturday Feb 20 worked; Qingming Apr 5.
HOLIDAYS = "2027-02-05..2027-02-12\n2027-04-05"
WORKDAYS = "2027-02-20"
NOTICE = OfficialDays(
    2027,
    [D(2027, 2, 5) + dt.timedelta(days=i) for i in range(8)] + [D(2027, 4, 5)],
    [D(2027, 2, 20)],
)


def test_the_demo_plans_2027_provisionally_by_the_statutory_rule() -> None:
    scenario, plan = demo_city()
    cal = scenario_calendar(scenario)
    assert cal.provisional_years == (2027,)
    # Spring Festival by rule, not the four days the fixture used to list.
    assert not any(cal.is_working(D(2027, 2, d)) for d in range(5, 11))
    assert (plan.x or {})["provisional_years"] == [2027]


def test_a_notice_is_typed_as_dates_and_ranges() -> None:
    fields = FormFields()
    assert parse_days(fields, "holidays", HOLIDAYS) == NOTICE.holidays
    assert parse_days(fields, "workdays", "2027-02-20，2027-02-20") == NOTICE.workdays
    assert fields.problems == []
    parse_days(fields, "holidays", "2027-02-31 2027-01-01..2027-12-31")
    assert len(fields.problems) == 2


def test_the_checker_names_exactly_the_classes_the_notice_breaks() -> None:
    scenario, plan = demo_city()
    announced = with_official_days(scenario, NOTICE)
    broken = {v.objects[0] for v in check_plan(announced, plan) if v.spec == "1"}
    assert broken == {a.id for a in affected_classes(announced, plan)}
    assert broken
    assert scenario_calendar(announced).provisional_years == ()


def _plan_ids(page: str) -> list[str]:
    return re.findall(r'/coordinator/plans/([0-9a-f-]{36})"', page)


@pytest.fixture
def demo() -> tuple[Scenario, Plan]:
    return demo_city()


def _form_etag(page: str) -> str:
    # The version of the scenario the page showed, as its forms send it back.
    found = re.search(r'name="etag" value="([^"]+)"', page)
    assert found is not None
    return html.unescape(found[1])


def test_entering_the_notice_lists_the_broken_classes_and_a_replan_moves_only_them(
    api: TestClient, coordinator_token: str, auth: dict[str, str], demo: tuple[Scenario, Plan]
) -> None:
    scenario, plan = demo
    csrf = sign_in(api, coordinator_token)
    sid = publish(api, scenario, plan)
    page = api.get(f"/coordinator/scenarios/{sid}").text
    assert "2027年放假安排尚未公布，日期为暂定" in page
    (published,) = _plan_ids(page.split('id="plans"')[1])
    assert "2027年放假安排尚未公布" in api.get(f"/coordinator/plans/{published}").text

    etag = _form_etag(page)
    answer = api.post(
        f"/coordinator/scenarios/{sid}/official-days",
        data={
            "csrf": csrf,
            "etag": etag,
            "year": "2027",
            "holidays": HOLIDAYS,
            "workdays": WORKDAYS,
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = api.get(f"/coordinator/scenarios/{sid}").text
    assert "已填入官方放假安排：2027年" in page
    assert "2027年 放假：2027-02-05 2027-02-06" in page and "调休上班：2027-02-20" in page
    assert "2027年放假安排尚未公布" not in page
    expected = {a.id for a in affected_classes(with_official_days(scenario, NOTICE), plan)}
    listed = page.split("需要调整的班级")[1].split("</table>")[0]
    assert set(re.findall(r'<th scope="row">([^<]+)</th>', listed)) == expected

    answer = api.post(
        f"/coordinator/plans/{published}/replan-calendar",
        data={"csrf": csrf, "etag": _form_etag(page)},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    new_id = answer.headers["location"].rsplit("/", 1)[1]
    new = Plan.model_validate(api.get(f"/api/v1/plans/{new_id}", headers=auth).json())
    announced = with_official_days(scenario, NOTICE)
    assert check_plan(announced, new) == []
    before = {c.id: c for c in plan.cohorts}
    after = {c.id: c for c in new.cohorts}
    kept = {i for i in before if i in after and before[i] == after[i]}
    assert kept == set(before) - expected
    assert not set(after) - set(before)
    assert "2027年放假安排尚未公布" not in api.get(f"/coordinator/plans/{new_id}").text
    # Until the new draft is published, the page points to it.
    assert (
        f'href="/coordinator/plans/{new_id}">查看并发布'
        in api.get(f"/coordinator/scenarios/{sid}").text
    )


def test_a_notice_for_a_day_outside_its_year_is_refused(
    api: TestClient, coordinator_token: str, demo: tuple[Scenario, Plan]
) -> None:
    csrf = sign_in(api, coordinator_token)
    sid = publish(api, *demo)
    etag = _form_etag(api.get(f"/coordinator/scenarios/{sid}").text)
    answer = api.post(
        f"/coordinator/scenarios/{sid}/official-days",
        data={
            "csrf": csrf,
            "etag": etag,
            "year": "2027",
            "holidays": "2028-01-01",
            "workdays": "2027-02-22",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 422
    assert "2028-01-01" in answer.text and "2027-02-22" in answer.text


def test_trainsched_check_lists_the_classes_the_entered_notice_breaks(tmp_path: Path) -> None:
    scenario, plan = demo_city()
    announced = with_official_days(scenario, NOTICE)
    (tmp_path / "s.json").write_text(announced.to_json(), "utf-8")
    (tmp_path / "p.json").write_text(plan.to_json(), "utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "s.json"), str(tmp_path / "p.json")])
    assert result.exit_code == 1
    for affected in affected_classes(announced, plan):
        line = next(ln for ln in result.output.splitlines() if f"cohort {affected.id} " in ln)
        assert "non-working day" in line or "skips working day" in line


def test_entering_a_year_again_takes_back_a_wrong_date_and_keeps_local_closures() -> None:
    scenario, _ = demo_city()
    closure = D(2027, 3, 15)  # a district's own closure, listed before any notice
    local = scenario.model_copy(
        update={
            "calendar": scenario.calendar.model_copy(
                update={"holidays": [*scenario.calendar.holidays, closure]}
            )
        }
    )
    wrong = OfficialDays(2027, [*NOTICE.holidays, D(2027, 5, 6)], [D(2027, 2, 21)])
    corrected = with_official_days(with_official_days(local, wrong), NOTICE)
    assert D(2027, 5, 6) not in corrected.calendar.holidays
    assert D(2027, 2, 21) not in corrected.calendar.workdays
    assert closure in corrected.calendar.holidays
    assert set(NOTICE.holidays) <= set(corrected.calendar.holidays)
    assert corrected.calendar.workdays == NOTICE.workdays
    assert entered_notices(corrected) == {2027: NOTICE}
