"""Helpers for the coordinator page tests: sign in, read the form's anti-forgery value."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from fastapi.testclient import TestClient

from tests.http_helpers import FINAL, wait_job
from trainsched.checker import check_plan
from trainsched.formats import Plan, parse_scenario
from trainsched.resources import fixture_path

# The user name of the ``coordinator_token`` fixture (tests/conftest.py).
TEST_COORDINATOR = "测试协调员"


def sign_in(api: TestClient, token: str, name: str = TEST_COORDINATOR) -> str:
    """Sign in by cookie and return the csrf value the desk's forms carry."""
    answer = api.post("/login", data={"name": name, "token": token}, follow_redirects=False)
    assert answer.status_code == 303
    return csrf_of(api.get("/coordinator").text)


def csrf_of(page: str) -> str:
    """The anti-forgery value of a page's forms."""
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None, "the page has no form with a csrf field"
    return found.group(1)


def etag_field(page: str) -> str:
    """The version a page's publish form says it shows (its hidden ``etag`` field)."""
    found = re.search(r'name="etag" value="([^"]+)"', page)
    assert found is not None, "the page has no form with an etag field"
    return html.unescape(found.group(1))


def upload(api: TestClient, csrf: str, data: bytes, name: str = "s.json") -> Any:
    """Post a scenario file to the desk's upload form (redirects are not followed)."""
    return api.post(
        "/coordinator/scenarios",
        data={"csrf": csrf},
        files={"file": (name, data, "application/json")},
        follow_redirects=False,
    )


def scenario_id_of(answer: Any) -> str:
    """The scenario id a successful upload or import redirects to."""
    assert answer.status_code == 303, answer.text
    location: str = answer.headers["location"]
    assert location.startswith("/coordinator/scenarios/")
    return location.rsplit("/", 1)[1]


def start_solve(api: TestClient, csrf: str, scenario_id: str, limit_s: int = 1) -> str:
    """Start a solve from the scenario page's form; the job id it redirects to."""
    answer = api.post(
        f"/coordinator/scenarios/{scenario_id}/solve",
        data={"csrf": csrf, "time_limit_s": str(limit_s)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    location: str = answer.headers["location"]
    assert location.startswith("/coordinator/jobs/")
    return location.rsplit("/", 1)[1]


def tiny_doc() -> dict[str, Any]:
    """The tiny generated city (it leaves some classes out), as a scenario document."""
    doc: dict[str, Any] = json.loads(fixture_path("tiny.json").read_text("utf-8"))
    return doc


def section(page: str, heading_id: str) -> str:
    """The part of a page from the heading with ``heading_id`` to the end of its section."""
    return page.split(f'id="{heading_id}"')[1].split("</section>", maxsplit=1)[0]


def plan_of(api: TestClient, auth: dict[str, str], plan_id: str) -> Plan:
    """A stored plan's document, read through the API."""
    return Plan.model_validate(api.get(f"/api/v1/plans/{plan_id}", headers=auth).json())


def solved(
    api: TestClient, auth: dict[str, str], csrf: str, doc: dict[str, Any]
) -> tuple[str, dict[str, Any], Plan]:
    """Upload ``doc``, solve it from the pages; the scenario id, the job and its checked plan."""
    sid = scenario_id_of(upload(api, csrf, json.dumps(doc).encode()))
    job = wait_job(api, auth, start_solve(api, csrf, sid))
    assert job["state"] == "succeeded", job
    plan = plan_of(api, auth, job["plan_id"])
    assert check_plan(parse_scenario(doc), plan) == []
    return sid, job, plan


__all__ = [
    "FINAL",
    "csrf_of",
    "etag_field",
    "plan_of",
    "scenario_id_of",
    "section",
    "sign_in",
    "solved",
    "start_solve",
    "tiny_doc",
    "upload",
    "wait_job",
]
