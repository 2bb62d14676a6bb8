"""Publishing over the API: a plan that changes published classes needs their number confirmed.

A plan changing nothing published publishes as it always did (backward compatible).
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests import factories as f
from tests.http_helpers import plan_match
from tests.web_data import engine_of
from trainsched.formats import Plan
from trainsched.store import repo
from trainsched.store.db import session_scope

DAYS_1 = ("2027-03-01", "2027-03-02", "2027-03-03")
DAYS_2 = ("2027-03-08", "2027-03-09", "2027-03-10")


def _plan(*classes: tuple[str, tuple[str, ...]]) -> Plan:
    return f.plan(cohorts=[f.scheduled(cid, *days) for cid, days in classes])


def _store(api: TestClient, published: Plan, draft: Plan) -> str:
    """A two-class scenario with ``published`` published and ``draft`` stored; the draft's id."""
    scenario = f.scenario(cohorts=[f.cohort(), f.cohort("C02")])
    with session_scope(engine_of(api)) as session:
        row = repo.save_scenario(session, scenario)
        repo.add_plan(session, row.id, published, status="published")
        return repo.add_plan(session, row.id, draft).id


def test_publishing_a_plan_that_changes_published_classes_needs_their_number(
    api: TestClient, auth: dict[str, str]
) -> None:
    # C01 moves a week later and C02 is dropped: two published classes change.
    plan_id = _store(api, _plan(("C01", DAYS_1), ("C02", DAYS_2)), _plan(("C01", DAYS_2)))
    counts = api.get(f"/api/v1/plans/{plan_id}/published-changes", headers=auth).json()
    assert counts == {
        "published_version": 1,
        "published_classes": 2,
        "moved": 1,
        "restaffed": 0,
        "dropped": 1,
        "total": 2,
    }
    url = f"/api/v1/plans/{plan_id}/publish"
    for query in ("", "?confirm_changes=1"):
        refused = api.post(url + query, headers=plan_match(api, plan_id, auth))
        assert refused.status_code == 409, refused.text
        problem = refused.json()
        assert "confirm_changes=2" in problem["detail"]
        assert [e["path"] for e in problem["errors"]] == ["confirm_changes"]
    summary = api.get(f"/api/v1/plans/{plan_id}/summary", headers=auth).json()
    assert summary["status"] == "draft"
    done = api.post(url + "?confirm_changes=2", headers=plan_match(api, plan_id, auth))
    assert done.status_code == 200 and done.json()["status"] == "published"


def test_publishing_a_plan_that_changes_nothing_published_needs_no_confirmation(
    api: TestClient, auth: dict[str, str]
) -> None:
    same = _plan(("C01", DAYS_1), ("C02", DAYS_2))
    plan_id = _store(api, same, same)
    counts = api.get(f"/api/v1/plans/{plan_id}/published-changes", headers=auth).json()
    assert counts["total"] == 0 and counts["published_classes"] == 2
    done = api.post(f"/api/v1/plans/{plan_id}/publish", headers=plan_match(api, plan_id, auth))
    assert done.status_code == 200 and done.json()["status"] == "published"
    # Now it is the published plan: nothing it would change.
    counts = api.get(f"/api/v1/plans/{plan_id}/published-changes", headers=auth).json()
    assert counts["total"] == 0 and counts["published_version"] is None


def test_a_stale_etag_is_refused_before_the_confirmation_is_asked(
    api: TestClient, auth: dict[str, str]
) -> None:
    plan_id = _store(api, _plan(("C01", DAYS_1), ("C02", DAYS_2)), _plan(("C01", DAYS_2)))
    stale = api.post(f"/api/v1/plans/{plan_id}/publish", headers={**auth, "If-Match": '"x"'})
    assert stale.status_code == 412
