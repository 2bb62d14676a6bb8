"""Hostile requests are refused with a reason, never a 500, and store nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests import factories as f
from tests.http_helpers import create_scenario, matching, plan_match, scenario_match, solve
from tests.web_coordinator import sign_in, upload
from trainsched.server import create_app
from trainsched.settings import Settings

B = "/api/v1"
PROBLEM = "application/problem+json"
# A signed-in coordinator may send 1 MB here, so the limits are reached in milliseconds.
LIMIT = 2**20


@pytest.fixture
def api_settings(api_settings: Settings) -> Settings:
    return api_settings.model_copy(update={"max_body_bytes": LIMIT})


def stored(api: TestClient, auth: dict[str, str]) -> int:
    return len(api.get(f"{B}/scenarios", headers=auth).json())


def chunks(total: int, size: int = 64 * 2**10) -> Iterator[bytes]:
    """A body sent without Content-Length (chunked), ``total`` bytes of it."""
    for start in range(0, total, size):
        yield b" " * min(size, total - start)


def refused(res: Any, status: int, words: str) -> None:
    assert res.status_code == status, res.text
    assert res.headers["content-type"] == PROBLEM
    assert words in res.json()["detail"]


# --- bodies -----------------------------------------------------------------------------


def test_a_large_body_without_a_token_is_refused_before_it_is_read(
    api: TestClient, auth: dict[str, str]
) -> None:
    declared = {"Content-Length": str(600 * 2**20), "Content-Type": "application/json"}
    res = api.post(f"{B}/scenarios", content=b"{}", headers=declared)
    refused(res, 401, "sign in")
    streamed = api.post(f"{B}/scenarios", content=chunks(4 * LIMIT))
    assert streamed.status_code == 401
    assert stored(api, auth) == 0


def test_a_declared_length_over_the_limit_is_refused_at_once(
    api: TestClient, auth: dict[str, str]
) -> None:
    headers = {**auth, "Content-Length": str(LIMIT + 1), "Content-Type": "application/json"}
    res = api.post(f"{B}/scenarios", content=b"{}", headers=headers)
    refused(res, 413, "larger than the 1 MB accepted")
    assert stored(api, auth) == 0


def test_a_chunked_body_stops_at_the_limit(api: TestClient, auth: dict[str, str]) -> None:
    res = api.post(f"{B}/scenarios", content=chunks(3 * LIMIT), headers=auth)
    refused(res, 413, "larger than the 1 MB accepted")
    assert stored(api, auth) == 0


def test_a_page_upload_over_the_limit_is_an_html_413(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    res = upload(api, csrf, b"[" + b" " * LIMIT + b"]")
    assert res.status_code == 413
    assert res.headers["content-type"].startswith("text/html")
    assert stored(api, auth) == 0


# --- JSON shapes ------------------------------------------------------------------------

DEEP = b"[" * 200_000 + b"]" * 200_000


def _nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


def _hostile_documents() -> list[tuple[str, bytes, str]]:
    doc = f.scenario_doc()
    under_x = dict(doc, x={"deep": "__X__"})
    deep_x = json.dumps(under_x).replace('"__X__"', _nested(950)).encode()
    long_int = json.dumps(dict(doc, x={"n": "__N__"})).replace('"__N__"', "9" * 5000).encode()
    return [
        ("200,000 deep", DEEP, "nested more than 64 levels"),
        ("950 deep under x", deep_x, "nested more than 64 levels"),
        ("5,000-digit integer", long_int, "a number of 5000 characters"),
        ("NaN", b'{"n": NaN}', "NaN is not a JSON number"),
    ]


HOSTILE = _hostile_documents()


@pytest.mark.parametrize(("what", "body", "reason"), HOSTILE, ids=[h[0] for h in HOSTILE])
@pytest.mark.parametrize("path", ["/scenarios", "/scenarios/validate"])
def test_pathological_json_is_a_422_naming_the_reason(
    api: TestClient, auth: dict[str, str], path: str, what: str, body: bytes, reason: str
) -> None:
    headers = {**auth, "Content-Type": "application/json"}
    res = api.post(B + path, content=body, headers=headers)
    refused(res, 422, reason)
    assert stored(api, auth) == 0


def test_pathological_json_in_a_part_or_an_upload_is_refused_too(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    sid = create_scenario(api, auth)
    headers = {**scenario_match(api, sid, auth), "Content-Type": "application/json"}
    res = api.post(f"{B}/scenarios/{sid}/parts/venues", content=DEEP, headers=headers)
    refused(res, 422, "nested more than 64 levels")
    csrf = sign_in(api, coordinator_token)
    page = upload(api, csrf, DEEP)
    assert page.status_code == 422 and "64" in page.text
    assert stored(api, auth) == 1


def test_validate_refuses_a_json_array(api: TestClient, auth: dict[str, str]) -> None:
    refused(api.post(f"{B}/scenarios/validate", json=[1], headers=auth), 422, "JSON object")


# --- If-Match ---------------------------------------------------------------------------

WITHDRAWN = {"kind": "cohort_withdrawn", "cohort_id": "C01"}


def test_every_change_without_if_match_is_428_and_changes_nothing(
    api: TestClient, auth: dict[str, str]
) -> None:
    sid = create_scenario(api, auth)
    plan_id = solve(api, auth, sid)["plan_id"]
    venue = f"{B}/scenarios/{sid}/parts/venues/V01"
    changes = [
        ("PUT", f"{B}/scenarios/{sid}", f.scenario_doc()),
        ("DELETE", f"{B}/scenarios/{sid}", None),
        ("POST", f"{B}/scenarios/{sid}/parts/venues", f.venue("V02")),
        ("PUT", venue, f.venue(capacity=40)),
        ("DELETE", venue, None),
        ("POST", f"{B}/plans/{plan_id}/publish", None),
        ("POST", f"{B}/plans/{plan_id}/replan", {"changes": [WITHDRAWN]}),
    ]
    before = api.get(f"{B}/scenarios/{sid}/summary", headers=auth).headers["etag"]
    for method, url, body in changes:
        res = api.request(method, url, json=body, headers=auth)
        refused(res, 428, "send If-Match")
    assert api.get(f"{B}/scenarios/{sid}/summary", headers=auth).headers["etag"] == before
    assert api.get(f"{B}/plans/{plan_id}/summary", headers=auth).json()["status"] == "draft"


def test_a_weak_etag_never_matches_if_match(api: TestClient, auth: dict[str, str]) -> None:
    sid = create_scenario(api, auth)
    strong = scenario_match(api, sid, auth)
    weak = {**auth, "If-Match": "W/" + strong["If-Match"]}
    refused(api.put(f"{B}/scenarios/{sid}", json=f.scenario_doc(), headers=weak), 412, "changed")
    assert api.put(f"{B}/scenarios/{sid}", json=f.scenario_doc(), headers=strong).status_code == 200


def test_publishing_with_the_current_etag_holds(api: TestClient, auth: dict[str, str]) -> None:
    plan_id = solve(api, auth, create_scenario(api, auth))["plan_id"]
    res = api.post(f"{B}/plans/{plan_id}/publish", headers=plan_match(api, plan_id, auth))
    assert res.status_code == 200
    now = matching(api, f"{B}/plans/{plan_id}/summary", auth)
    assert now["If-Match"] == res.headers["etag"]


# --- solve options ----------------------------------------------------------------------


@pytest.mark.parametrize("limit", [5e-324, 0.5, 6, 1e308])
def test_a_time_limit_outside_one_second_to_the_maximum_is_422(
    api: TestClient, auth: dict[str, str], limit: float
) -> None:
    sid = create_scenario(api, auth)
    res = api.post(f"{B}/scenarios/{sid}/solve", json={"time_limit_s": limit}, headers=auth)
    assert res.status_code == 422, res.text
    assert any("time_limit_s" in e["path"] for e in res.json()["errors"])
    assert api.get(f"{B}/scenarios/{sid}/jobs", headers=auth).json() == []


def test_a_replan_time_limit_over_the_maximum_is_422(api: TestClient, auth: dict[str, str]) -> None:
    sid = create_scenario(api, auth)
    plan_id = solve(api, auth, sid)["plan_id"]
    body = {"changes": [WITHDRAWN], "time_limit_s": 6}
    res = api.post(f"{B}/plans/{plan_id}/replan", json=body, headers=scenario_match(api, sid, auth))
    refused(res, 422, "time_limit_s must be from 1 to 5 seconds")


# --- headers ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/api/v1/public/scenarios", "/healthz", "/nowhere"])
def test_every_answer_carries_the_security_headers(api: TestClient, path: str) -> None:
    headers = api.get(path).headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert "strict-transport-security" not in headers


def test_hsts_is_sent_when_the_site_is_served_over_https(api_settings: Settings) -> None:
    settings = api_settings.model_copy(update={"public_base_url": "https://px.example.cn"})
    with TestClient(create_app(settings)) as client:
        assert "max-age=" in client.get("/healthz").headers["strict-transport-security"]


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("TRACE", "/healthz", "GET"),
        ("PATCH", "/api/v1/scenarios", "GET, POST"),
        ("PATCH", "/api/v1/scenarios/x", "GET, PUT, DELETE"),
    ],
)
def test_405_names_every_allowed_method(
    api: TestClient, method: str, path: str, allow: str
) -> None:
    res = api.request(method, path)
    assert res.status_code == 405
    assert res.headers["allow"] == allow
    assert res.headers["content-type"] == PROBLEM


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_api_docs_load_only_the_apps_own_files(api: TestClient, page: str) -> None:
    res = api.get(page)
    assert res.status_code == 200
    assets = re.findall(r'(?:src|href|spec-url)="([^"]+)"', res.text)
    assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets)
    for asset in assets:
        assert api.get(asset).status_code == 200, asset
    assert "script-src 'self';" in res.headers["content-security-policy"]


def test_no_template_needs_inline_code_the_policy_would_block() -> None:
    inline = re.compile(r"""style=|<style|<script(?![^>]*\bsrc=)|\son[a-z]+=""", re.IGNORECASE)
    templates = sorted(Path(__file__).resolve().parents[1].joinpath("templates").rglob("*.html"))
    assert templates
    assert [t.name for t in templates if inline.search(t.read_text("utf-8"))] == []


def test_a_mistyped_query_parameter_is_a_422_naming_it_not_a_silent_answer_for_all(
    api: TestClient, auth: dict[str, str]
) -> None:
    res = api.get("/api/v1/audit?ofice=x", headers=auth)
    assert res.status_code == 422
    assert [p["path"] for p in res.json()["errors"]] == ["query.ofice"]
    assert api.get("/api/v1/audit?format=json", headers=auth).status_code == 200


def test_public_views_take_parameters_calendar_apps_add(api: TestClient) -> None:
    assert api.get("/api/v1/public/scenarios?nocache=1").status_code == 200
