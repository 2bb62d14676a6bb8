"""Coordinator job and plan pages: progress, KPIs and charts, reasons, publish, diff, options."""

from __future__ import annotations

import html
import io
import json
import re

import openpyxl
from fastapi.testclient import TestClient

from tests import factories as f
from tests.http_helpers import scenario_match
from tests.web_coordinator import (
    etag_field,
    scenario_id_of,
    section,
    sign_in,
    solved,
    start_solve,
    tiny_doc,
    upload,
    wait_job,
)
from trainsched.solver.options import SolveOptions
from trainsched.store import repo
from trainsched.store.db import make_engine, session_scope


def test_finished_job_page_links_to_its_plan_and_stops_refreshing(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    _, job, _ = solved(api, auth, csrf, f.scenario_doc())
    page = api.get(f"/coordinator/jobs/{job['id']}")
    assert f'href="/coordinator/plans/{job["plan_id"]}"' in page.text
    assert 'http-equiv="refresh"' not in page.text
    assert "job-progress.js" not in page.text
    assert re.search(r'<progress id="job-progress" max="1\.0" value="1\.0"', page.text)


def test_waiting_job_page_refreshes_without_js_follows_events_and_can_be_cancelled(
    api: TestClient, coordinator_token: str, db_url: str
) -> None:
    csrf = sign_in(api, coordinator_token)
    sid = scenario_id_of(upload(api, csrf, json.dumps(f.scenario_doc()).encode()))
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        # Stored but never handed to the runner: it stays queued while the page is read.
        job_id = repo.create_job(session, sid, SolveOptions(time_limit_s=1)).id
    engine.dispose()
    page = api.get(f"/coordinator/jobs/{job_id}")
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page.text
    assert f'data-events="/coordinator/jobs/{job_id}/events"' in page.text
    assert '<script src="/static/job-progress.js' in page.text
    assert api.get("/static/job-progress.js").status_code == 200
    cancelled = api.post(f"/coordinator/jobs/{job_id}/cancel", data={"csrf": csrf})
    assert cancelled.status_code == 200
    assert "已取消" in cancelled.text
    assert 'http-equiv="refresh"' not in cancelled.text


def test_job_events_stream_by_cookie_ends_with_the_final_state(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    _, job, _ = solved(api, auth, csrf, f.scenario_doc())
    stream = api.get(f"/coordinator/jobs/{job['id']}/events")
    assert stream.headers["content-type"].startswith("text/event-stream")
    events = re.findall(r"event: (\w+)\ndata: (.*)\n", stream.text)
    assert [name for name, _ in events] == ["progress", "end"]
    assert json.loads(events[-1][1])["plan_id"] == job["plan_id"]
    api.cookies.clear()
    signed_out = api.get(f"/coordinator/jobs/{job['id']}/events", follow_redirects=False)
    assert signed_out.status_code == 303


def test_plan_page_shows_kpis_charts_with_text_alternatives_and_reasons(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    doc = tiny_doc()
    _, job, plan = solved(api, auth, csrf, doc)
    page = api.get(f"/coordinator/plans/{job['plan_id']}").text
    kpis = section(page, "kpis")
    assert f"{len(plan.cohorts)} / {len(doc['cohorts'])}" in kpis
    asked = sum(r["visits"] for r in doc["visit_requests"])
    # Visits against visits asked for (not against founders, as the scenario page counts).
    assert f"<dt>已排走访次数 / 需走访次数</dt><dd>{len(plan.visits)} / {asked}" in kpis
    for chart in ("group-chart", "fund-chart"):
        assert f'id="{chart}" role="img" aria-labelledby="{chart}-title {chart}-desc"' in page
        assert f'<title id="{chart}-title">' in page
    for fund in plan.funds:
        assert f"{fund.used:,}元" in kpis and f"{fund.amount:,}元" in kpis
    timelines = section(page, "timelines")
    venue_svg = timelines.split('id="venue-gantt"')[1].split("</svg>")[0]
    assert 'role="img"' in timelines and venue_svg.count('<rect class="bar"') == len(plan.cohorts)
    venue_table = timelines.split("以表格查看场地时间线")[-1]
    for sc in plan.cohorts:
        first, last = min(sc.days), max(sc.days)
        assert f"{sc.id} ({first.month}/{first.day}–{last.month}/{last.day})" in venue_table
    unscheduled = html.unescape(section(page, "unscheduled"))
    assert plan.unscheduled_cohorts, "tiny.json leaves classes out: the reasons must show"
    for u in plan.unscheduled_cohorts:
        assert u.id in unscheduled and u.reason.split(" / ")[0] in unscheduled


def test_plan_page_is_in_english_after_the_switch(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    _, job, _ = solved(api, auth, csrf, tiny_doc())
    page = api.get(f"/coordinator/plans/{job['plan_id']}?lang=en").text
    assert "Key figures" in page and "Venue timeline" in page and "Publish this plan" in page
    assert "关键指标" not in page
    assert " / the " not in page  # the solver's reasons show their English half only


def test_publish_moves_the_plan_to_published_and_a_later_draft_shows_the_diff(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    doc = f.scenario_doc(cohorts=[f.cohort(), f.cohort("C02")])
    sid, first, plan = solved(api, auth, csrf, doc)
    assert {c.id for c in plan.cohorts} == {"C01", "C02"}
    draft = api.get(f"/coordinator/plans/{first['plan_id']}").text
    assert "还没有发布过方案" in draft
    refused = api.post(f"/coordinator/plans/{first['plan_id']}/publish", data={})
    assert refused.status_code == 403
    form = {"csrf": csrf, "etag": etag_field(draft)}
    published = api.post(f"/coordinator/plans/{first['plan_id']}/publish", data=form)
    assert published.status_code == 200 and "这就是当前发布的方案" in published.text
    summary = api.get(f"/api/v1/plans/{first['plan_id']}/summary", headers=auth).json()
    assert summary["status"] == "published"
    # C02 is withdrawn: the next draft drops it, and its page says so against the published plan.
    changed = f.scenario_doc(cohorts=[f.cohort()])
    replaced = api.put(
        f"/api/v1/scenarios/{sid}", json=changed, headers=scenario_match(api, sid, auth)
    )
    assert replaced.status_code == 200
    second = wait_job(api, auth, start_solve(api, csrf, sid))
    page = api.get(f"/coordinator/plans/{second['plan_id']}").text
    diff = section(page, "diff")
    assert "对比已发布的第1版" in diff
    row = diff.split('<th scope="row">C02</th>')[1].split("</tr>")[0]
    assert "取消" in row


def test_options_form_lists_placements_for_one_more_class(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    doc = f.scenario_doc(funds=[f.fund(name="和塘区创业培训补贴")])
    _, job, _ = solved(api, auth, csrf, doc)
    form = {
        "csrf": csrf,
        "course": "SYB",
        "region": "R01",
        "group": "graduate",
        "trainees": "20",
        "earliest": f.START,
        "latest_end": f.END,
    }
    page = api.post(f"/coordinator/plans/{job['plan_id']}/options", data=form)
    assert page.status_code == 200
    table = page.text.split('id="options"')[1].split("</table>")[0]
    rows = table.split("<tbody>")[1].count("<tr>")
    assert 1 <= rows <= 5
    # Venues, trainers and the fund by name, not by code.
    assert "教室V01" in table and "讲师T01" in table
    assert "和塘区创业培训补贴" in table and "F01" not in table


def test_options_outside_the_horizon_are_refused_with_the_field(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    _, job, _ = solved(api, auth, csrf, f.scenario_doc())
    form = {
        "csrf": csrf,
        "course": "SYB",
        "region": "R01",
        "group": "graduate",
        "trainees": "20",
        "earliest": "2026-01-05",
        "latest_end": f.END,
    }
    page = api.post(f"/coordinator/plans/{job['plan_id']}/options", data=form)
    assert page.status_code == 422
    assert "earliest" in page.text and 'role="alert"' in page.text
    typo = api.post(
        f"/coordinator/plans/{job['plan_id']}/options", data={**form, "trainees": "twenty"}
    )
    assert typo.status_code == 422 and "text/html" in typo.headers["content-type"]
    assert "trainees" in typo.text and "&#39;twenty&#39;" in typo.text


def test_plan_exports_as_a_workbook_with_the_application_sheets(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    _, job, _ = solved(api, auth, csrf, f.scenario_doc())
    exported = api.get(f"/coordinator/plans/{job['plan_id']}/export.xlsx")
    assert exported.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(exported.content))
    assert any("开班申请" in name for name in book.sheetnames)
    setup = book.worksheets[0].page_setup
    assert (int(setup.paperSize), setup.orientation) == (9, "landscape")  # 9 is A4


def test_no_placement_shows_the_reason_in_the_page_language(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    # One venue for 30: a class of 31 has nowhere to go.
    _, job, _ = solved(api, auth, csrf, f.scenario_doc(courses=[f.course(max_size=40)]))
    form = {
        "csrf": csrf,
        "course": "SYB",
        "region": "R01",
        "group": "graduate",
        "trainees": "31",
        "earliest": f.START,
        "latest_end": f.END,
    }
    url = f"/coordinator/plans/{job['plan_id']}/options"
    chinese = api.post(url, data=form)
    assert chinese.status_code == 200 and "找不到可行的安排" in chinese.text
    assert "31人" in chinese.text and "no venue" not in chinese.text
    english = api.post(url + "?lang=en", data=form)
    assert "No placement is possible" in english.text
    assert "no venue" in english.text and "31人" not in english.text
