"""The plan page's "what would it take": computing first (with its job), then the levers."""

from __future__ import annotations

import html
import io
import json
import re

import openpyxl
from fastapi.testclient import TestClient

from tests import web_coordinator as wc
from tests.web_coordinator import section, sign_in, wait_job


def solved_plan(api: TestClient, auth: dict[str, str], csrf: str) -> tuple[str, str]:
    sid = wc.scenario_id_of(wc.upload(api, csrf, json.dumps(wc.tiny_doc()).encode()))
    job = wait_job(api, auth, wc.start_solve(api, csrf, sid))
    return sid, str(job["plan_id"])


def test_plan_page_shows_levers_computing_then_the_levers_of_each_class_left_out(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    sid, plan_id = solved_plan(api, auth, csrf)
    first = section(api.get(f"/coordinator/plans/{plan_id}").text, "levers")
    link = re.search(r'href="/coordinator/jobs/([^"]+)"', first)
    assert "计算中…" in first and link is not None
    assert wait_job(api, auth, link.group(1))["state"] == "succeeded"
    job_page = api.get(f"/coordinator/jobs/{link.group(1)}").text
    assert f'href="/coordinator/plans/{plan_id}#levers"' in job_page

    page = section(api.get(f"/coordinator/plans/{plan_id}").text, "levers")
    assert "计算中…" not in page
    levers = api.get(f"/api/v1/plans/{plan_id}/levers", headers=auth).json()["levers"]
    assert levers
    assert all(html.escape(lv["message"]) in page for lv in levers)
    scenario_page = api.get(f"/coordinator/scenarios/{sid}").text
    assert link.group(1) not in scenario_page  # followed from the plan, not listed as a solve


def test_levers_section_speaks_english_when_asked(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    _, plan_id = solved_plan(api, auth, csrf)
    first = api.get(f"/coordinator/plans/{plan_id}?lang=en").text
    assert "What would it take" in section(first, "levers")


def test_money_curve_is_computed_when_asked_then_drawn_with_a_table(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    _, plan_id = solved_plan(api, auth, csrf)
    before = section(api.get(f"/coordinator/plans/{plan_id}").text, "money")
    assert f'action="/coordinator/plans/{plan_id}/money"' in before  # nothing runs unasked
    asked = api.post(
        f"/coordinator/plans/{plan_id}/money", data={"csrf": csrf}, follow_redirects=False
    )
    assert asked.status_code == 303
    computing = section(api.get(f"/coordinator/plans/{plan_id}").text, "money")
    link = re.search(r'href="/coordinator/jobs/([^"]+)"', computing)
    assert link is not None
    assert wait_job(api, auth, link.group(1), limit_s=120)["state"] == "succeeded"
    page = section(api.get(f"/coordinator/plans/{plan_id}").text, "money")
    assert '<svg class="chart" id="money-curve"' in page and "<polyline" in page
    assert "每增加1万元可多培训约" in page
    assert page.count('class="money-table"') >= 2  # the whole budget and each fund
    assert "−20%" in page and "+50%" in page
    assert 'id="trainer-ranking-table"' in page
    key_names = [g["name"] for g in wc.tiny_doc()["groups"].values() if g["subsidised"]]
    assert all(f'<th scope="col">{name}</th>' in page for name in key_names)  # one column each

    book = openpyxl.load_workbook(
        io.BytesIO(api.get(f"/coordinator/plans/{plan_id}/export.xlsx").content)
    )
    sheet = book["资金曲线"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(c.startswith("每增加1万元可多培训约") and "其中重点群体" in c for c in cells)
    assert "全部资金" in cells and "+50%" in cells
    assert all(name in cells for name in key_names)
