"""HTTP API: settings, problem details, bearer auth, scenario upload and optimistic concurrency."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests import factories as f
from tests.http_helpers import matching
from trainsched.settings import InsecureSettingsError, Settings

PROBLEM = "application/problem+json"


def upload(api: TestClient, auth: dict[str, str], doc: dict[str, Any] | None = None) -> Any:
    return api.post("/api/v1/scenarios", json=doc or f.scenario_doc(), headers=auth)


def test_production_start_with_default_secret_is_refused() -> None:
    with pytest.raises(InsecureSettingsError):
        Settings(environment="production")


@pytest.mark.parametrize(
    "secret",
    ["CHANGE-ME-to-a-long-random-string", "a-private-but-short-secret", "x" * 31],
)
def test_production_start_with_an_example_or_short_secret_is_refused(secret: str) -> None:
    with pytest.raises(InsecureSettingsError, match="32 bytes"):
        Settings(environment="production", secret_key=secret)


def test_production_start_with_private_secret_is_allowed() -> None:
    secret = "a-long-private-secret-value-0123456789"
    settings = Settings(environment="production", secret_key=secret)
    assert settings.environment == "production"


def test_write_without_token_is_401_problem(api: TestClient) -> None:
    res = api.post("/api/v1/scenarios", json=f.scenario_doc())
    assert res.status_code == 401
    assert res.headers["content-type"] == PROBLEM
    assert res.headers["www-authenticate"].startswith("Bearer")
    assert res.json()["status"] == 401


def test_write_with_unknown_token_is_401(api: TestClient, auth: dict[str, str]) -> None:
    res = upload(api, {"Authorization": "Bearer not-a-real-token"})
    assert res.status_code == 401


def test_upload_stores_scenario_with_etag(api: TestClient, auth: dict[str, str]) -> None:
    res = upload(api, auth)
    assert res.status_code == 201
    body = res.json()
    assert body["name"] == "测试场景"
    assert body["counts"]["cohorts"] == 1
    assert res.headers["etag"] == body["etag"]
    assert res.headers["location"] == f"/api/v1/scenarios/{body['id']}"
    read = api.get(res.headers["location"], headers=auth)
    assert read.status_code == 200
    assert read.headers["etag"] == body["etag"]
    assert read.json()["cohorts"][0]["id"] == "C01"


def test_upload_refuses_bad_scenario_naming_each_path(
    api: TestClient, auth: dict[str, str]
) -> None:
    doc = f.scenario_doc(
        cohorts=[f.cohort(course="SYBB")],
        venues=[f.venue(capacity=-1)],
        typo=1,
    )
    res = upload(api, auth, doc)
    assert res.status_code == 422
    assert res.headers["content-type"] == PROBLEM
    paths = {e["path"] for e in res.json()["errors"]}
    assert "typo" in paths
    assert "venues[0].capacity" in paths


def test_upload_refuses_dangling_reference_with_its_path(
    api: TestClient, auth: dict[str, str]
) -> None:
    res = upload(api, auth, f.scenario_doc(cohorts=[f.cohort(course="SYBB")]))
    assert res.status_code == 422
    errors = res.json()["errors"]
    assert any(e["path"].startswith("cohorts[0].course") for e in errors)


def test_upload_refuses_body_that_is_not_json(api: TestClient, auth: dict[str, str]) -> None:
    res = api.post(
        "/api/v1/scenarios",
        content=b"{not json",
        headers={**auth, "Content-Type": "application/json"},
    )
    assert res.status_code == 422
    assert res.json()["errors"][0]["path"] == "$"


def test_validate_reports_without_storing(api: TestClient, auth: dict[str, str]) -> None:
    res = api.post("/api/v1/scenarios/validate", json=f.scenario_doc(courses=[]), headers=auth)
    assert res.status_code == 200
    assert res.json()["valid"] is False
    assert api.get("/api/v1/scenarios", headers=auth).json() == []


def test_replace_with_current_etag_holds(api: TestClient, auth: dict[str, str]) -> None:
    created = upload(api, auth)
    url, etag = created.headers["location"], created.headers["etag"]
    res = api.put(url, json=f.scenario_doc(name="改名"), headers={**auth, "If-Match": etag})
    assert res.status_code == 200
    assert res.json()["name"] == "改名"
    assert res.headers["etag"] != etag


def test_replace_with_stale_etag_is_412(api: TestClient, auth: dict[str, str]) -> None:
    created = upload(api, auth)
    url, etag = created.headers["location"], created.headers["etag"]
    api.put(url, json=f.scenario_doc(name="第一位"), headers={**auth, "If-Match": etag})
    res = api.put(url, json=f.scenario_doc(name="第二位"), headers={**auth, "If-Match": etag})
    assert res.status_code == 412
    assert res.headers["content-type"] == PROBLEM
    assert api.get(url, headers=auth).json()["name"] == "第一位"


def test_read_with_current_etag_is_304(api: TestClient, auth: dict[str, str]) -> None:
    created = upload(api, auth)
    res = api.get(
        created.headers["location"],
        headers={**auth, "If-None-Match": created.headers["etag"]},
    )
    assert res.status_code == 304


def test_delete_removes_scenario(api: TestClient, auth: dict[str, str]) -> None:
    url = upload(api, auth).headers["location"]
    assert api.delete(url, headers=matching(api, url, auth)).status_code == 204
    res = api.get(url, headers=auth)
    assert res.status_code == 404
    assert res.headers["content-type"] == PROBLEM


def test_unknown_route_is_404_problem(api: TestClient) -> None:
    res = api.get("/api/v1/nothing-here")
    assert res.status_code == 404
    assert res.headers["content-type"] == PROBLEM


def test_invalid_query_or_body_names_the_field(api: TestClient, auth: dict[str, str]) -> None:
    scenario_id = upload(api, auth).json()["id"]
    res = api.post(
        f"/api/v1/scenarios/{scenario_id}/solve", json={"time_limit_s": -1}, headers=auth
    )
    assert res.status_code == 422
    assert [e["path"] for e in res.json()["errors"]] == ["body.time_limit_s"]


def test_unexpected_error_is_500_problem_without_traceback(
    api: TestClient, auth: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainsched.services import scenarios

    def boom(*_: object) -> None:
        raise RuntimeError("secret internals /srv/db password=hunter2")

    monkeypatch.setattr(scenarios, "list_summaries", boom)
    res = api.get("/api/v1/scenarios", headers=auth)
    assert res.status_code == 500
    assert res.headers["content-type"] == PROBLEM
    assert "hunter2" not in res.text
    assert "Traceback" not in res.text
