"""Re-solving from the coordinator's pages keeps the published plan unless asked otherwise."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from tests import factories as f
from tests.http_helpers import scenario_match
from tests.web_coordinator import (
    etag_field,
    plan_of,
    scenario_id_of,
    section,
    sign_in,
    solved,
    start_solve,
    tiny_doc,
    upload,
    wait_job,
)
from trainsched.checker import check_plan
from trainsched.formats import parse_scenario


def _published(
    api: TestClient, auth: dict[str, str], csrf: str, doc: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """Upload ``doc``, solve it from the pages and publish the plan; the scenario and job."""
    sid, job, _ = solved(api, auth, csrf, doc)
    page = api.get(f"/coordinator/plans/{job['plan_id']}").text
    assert 'name="confirm_changes"' not in page  # nothing published yet: nothing to confirm
    form = {"csrf": csrf, "etag": etag_field(page)}
    assert (
        "这就是当前发布的方案"
        in api.post(f"/coordinator/plans/{job['plan_id']}/publish", data=form).text
    )
    return sid, job


def test_solve_form_keeps_the_published_plan_unless_scratch_is_chosen(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    sid = scenario_id_of(upload(api, csrf, json.dumps(tiny_doc()).encode()))
    assert 'name="start"' not in api.get(f"/coordinator/scenarios/{sid}").text
    job = wait_job(api, auth, start_solve(api, csrf, sid))
    assert job["previous_plan_id"] is None  # nothing published: nothing to keep
    page = api.get(f"/coordinator/plans/{job['plan_id']}").text
    api.post(
        f"/coordinator/plans/{job['plan_id']}/publish",
        data={"csrf": csrf, "etag": etag_field(page)},
    )
    classes = len(plan_of(api, auth, job["plan_id"]).cohorts)
    form = section(api.get(f"/coordinator/scenarios/{sid}").text, "solve")
    assert '<input type="radio" name="start" value="keep" checked>' in form
    assert "尽量保留已发布的第1版（默认）" in form
    assert (
        '<input type="radio" name="start" value="scratch" aria-describedby="scratch-warning">'
        in form
    )
    assert f"从头排班时，已发布的{classes}个班都可能改日期、场地或讲师" in form
    kept = wait_job(api, auth, start_solve(api, csrf, sid))
    assert kept["previous_plan_id"] == job["plan_id"]
    scratch = api.post(
        f"/coordinator/scenarios/{sid}/solve",
        data={"csrf": csrf, "time_limit_s": "1", "start": "scratch"},
        follow_redirects=False,
    )
    again = wait_job(api, auth, scratch.headers["location"].rsplit("/", 1)[1])
    assert again["previous_plan_id"] is None
    job_page = api.get(f"/coordinator/jobs/{again['id']}").text
    assert "本次排班是从头排的。" in job_page and 'id="published-changes"' in job_page
    english = api.get(f"/coordinator/scenarios/{sid}?lang=en").text
    assert "Start from scratch" in english and f"any of the {classes} published classes" in english


def test_web_resolve_of_an_unchanged_scenario_moves_no_published_class(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    doc = tiny_doc()
    sid, first = _published(api, auth, csrf, doc)
    published = plan_of(api, auth, first["plan_id"])
    again = wait_job(api, auth, start_solve(api, csrf, sid))
    assert again["state"] == "succeeded" and again["previous_plan_id"] == first["plan_id"]
    plan = plan_of(api, auth, again["plan_id"])
    assert check_plan(parse_scenario(doc), plan) == []
    before = {c.id: (c.days, c.venue, sorted(c.trainers)) for c in published.cohorts}
    after = {c.id: (c.days, c.venue, sorted(c.trainers)) for c in plan.cohorts}
    assert {cid: after.get(cid) for cid in before} == before
    n = len(published.cohorts)
    job_page = api.get(f"/coordinator/jobs/{again['id']}").text
    assert f"已发布的第1版的{n}个班都没有改动。" in job_page
    assert "本次排班尽量保留了已发布的方案。" in job_page
    plan_page = api.get(f"/coordinator/plans/{again['plan_id']}").text
    assert f"已发布的第1版的{n}个班都没有改动。" in section(plan_page, "diff")
    assert 'name="confirm_changes"' not in plan_page  # nothing published changes: no question


def test_diff_counts_published_changes_and_publishing_them_asks_to_confirm(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    two = f.scenario_doc(cohorts=[f.cohort(), f.cohort("C02")])
    sid, _ = _published(api, auth, csrf, two)
    # C02 is withdrawn: the next plan drops one published class.
    changed = f.scenario_doc(cohorts=[f.cohort()])
    headers = scenario_match(api, sid, auth)
    assert api.put(f"/api/v1/scenarios/{sid}", json=changed, headers=headers).status_code == 200
    second = wait_job(api, auth, start_solve(api, csrf, sid))
    words = "对比已发布的第1版（2个班）：0个已发布的班改了日期或场地，0个只换了讲师，1个取消。"
    assert words in api.get(f"/coordinator/jobs/{second['id']}").text
    url = f"/coordinator/plans/{second['plan_id']}"
    page = api.get(url).text
    assert words in section(page, "diff")
    checkbox = '<input type="checkbox" name="confirm_changes" value="1" required>'
    assert checkbox in page and "我知道发布后已发布的1个班会改动或取消" in page
    etag = etag_field(page)
    asked = api.post(f"{url}/publish", data={"csrf": csrf, "etag": etag})
    assert asked.status_code == 200 and "<h1>确认发布</h1>" in asked.text
    assert words in asked.text and checkbox in asked.text
    assert _status(api, auth, second["plan_id"]) == "draft"
    # A number that is not the one the page named is asked again.
    wrong = api.post(f"{url}/publish", data={"csrf": csrf, "etag": etag, "confirm_changes": "2"})
    assert "<h1>确认发布</h1>" in wrong.text and _status(api, auth, second["plan_id"]) == "draft"
    english = api.post(f"{url}/publish?lang=en", data={"csrf": csrf, "etag": etag})
    assert "Confirm publishing" in english.text and "1 were cancelled" in english.text
    api.get("/coordinator?lang=zh")
    done = api.post(f"{url}/publish", data={"csrf": csrf, "etag": etag, "confirm_changes": "1"})
    assert "这就是当前发布的方案" in done.text
    assert _status(api, auth, second["plan_id"]) == "published"


def _status(api: TestClient, auth: dict[str, str], plan_id: str) -> str:
    summary: dict[str, Any] = api.get(f"/api/v1/plans/{plan_id}/summary", headers=auth).json()
    return str(summary["status"])
