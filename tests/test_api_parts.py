"""HTTP API: a scenario built by parts, validated as a whole on every write, with ETags."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests import factories as f
from tests.http_helpers import create_scenario, matching, scenario_match


def parts_url(scenario_id: str, kind: str, item_id: str | None = None) -> str:
    base = f"/api/v1/scenarios/{scenario_id}/parts/{kind}"
    return base if item_id is None else f"{base}/{item_id}"


def test_add_trainer_holds(api: TestClient, auth: dict[str, str]) -> None:
    sid = create_scenario(api, auth)
    res = api.post(
        parts_url(sid, "trainers"), json=f.trainer("T02"), headers=scenario_match(api, sid, auth)
    )
    assert res.status_code == 201, res.text
    assert res.headers["location"] == parts_url(sid, "trainers", "T02")
    listed = api.get(parts_url(sid, "trainers"), headers=auth).json()
    assert [p["id"] for p in listed] == ["T01", "T02"]


def test_add_cohort_of_unknown_course_is_422_with_path(
    api: TestClient, auth: dict[str, str]
) -> None:
    sid = create_scenario(api, auth)
    doc = f.cohort("C02", course="XYZ")
    res = api.post(parts_url(sid, "cohorts"), json=doc, headers=scenario_match(api, sid, auth))
    assert res.status_code == 422
    assert any(e["path"].startswith("cohorts[1].course") for e in res.json()["errors"])
    assert len(api.get(parts_url(sid, "cohorts"), headers=auth).json()) == 1


def test_add_duplicate_id_is_409(api: TestClient, auth: dict[str, str]) -> None:
    sid = create_scenario(api, auth)
    res = api.post(
        parts_url(sid, "venues"), json=f.venue("V01"), headers=scenario_match(api, sid, auth)
    )
    assert res.status_code == 409


def test_add_with_stale_scenario_etag_is_412(api: TestClient, auth: dict[str, str]) -> None:
    created = api.post("/api/v1/scenarios", json=f.scenario_doc(), headers=auth)
    sid, etag = created.json()["id"], created.headers["etag"]
    api.post(parts_url(sid, "venues"), json=f.venue("V02"), headers={**auth, "If-Match": etag})
    res = api.post(
        parts_url(sid, "venues"), json=f.venue("V03"), headers={**auth, "If-Match": etag}
    )
    assert res.status_code == 412


def test_replace_part_with_current_etag_holds(api: TestClient, auth: dict[str, str]) -> None:
    sid = create_scenario(api, auth)
    url = parts_url(sid, "venues", "V01")
    etag = api.get(url, headers=auth).headers["etag"]
    res = api.put(url, json=f.venue(capacity=40), headers={**auth, "If-Match": etag})
    assert res.status_code == 200
    assert res.json()["data"]["capacity"] == 40
    assert res.headers["etag"] != etag


def test_replace_part_with_stale_etag_is_412(api: TestClient, auth: dict[str, str]) -> None:
    sid = create_scenario(api, auth)
    url = parts_url(sid, "venues", "V01")
    etag = api.get(url, headers=auth).headers["etag"]
    api.put(url, json=f.venue(capacity=40), headers={**auth, "If-Match": etag})
    res = api.put(url, json=f.venue(capacity=50), headers={**auth, "If-Match": etag})
    assert res.status_code == 412
    assert api.get(url, headers=auth).json()["data"]["capacity"] == 40


def test_replace_part_with_other_id_is_422(api: TestClient, auth: dict[str, str]) -> None:
    sid = create_scenario(api, auth)
    url = parts_url(sid, "venues", "V01")
    res = api.put(url, json=f.venue("V09"), headers=matching(api, url, auth))
    assert res.status_code == 422


def test_delete_referenced_course_is_refused(api: TestClient, auth: dict[str, str]) -> None:
    sid = create_scenario(api, auth)
    api.post(
        parts_url(sid, "courses"), json=f.course("IYB"), headers=scenario_match(api, sid, auth)
    )
    syb, iyb = parts_url(sid, "courses", "SYB"), parts_url(sid, "courses", "IYB")
    assert api.delete(syb, headers=matching(api, syb, auth)).status_code == 422
    assert api.delete(iyb, headers=matching(api, iyb, auth)).status_code == 204


def test_unknown_part_kind_is_422(api: TestClient, auth: dict[str, str]) -> None:
    sid = create_scenario(api, auth)
    assert api.get(parts_url(sid, "teachers"), headers=auth).status_code == 422


def test_part_of_unknown_scenario_is_404(api: TestClient, auth: dict[str, str]) -> None:
    assert api.get(parts_url("nope", "venues"), headers=auth).status_code == 404


def test_part_body_that_is_not_an_object_is_422(api: TestClient, auth: dict[str, str]) -> None:
    sid = create_scenario(api, auth)
    assert api.post(parts_url(sid, "venues"), json=[1, 2], headers=auth).status_code == 422
