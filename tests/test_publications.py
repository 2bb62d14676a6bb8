"""Each app remembers what is published, and forgets it as soon as its own change is committed."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.factories import feed_plan_doc, feed_scenario_doc
from tests.http_helpers import plan_match, scenario_match
from trainsched.formats import Plan, parse_scenario
from trainsched.server import create_app
from trainsched.services.publications import Publications, changed
from trainsched.settings import Settings
from trainsched.store import repo
from trainsched.store.db import make_engine, session_scope

API = "/api/v1"


def _store(db_url: str, plan_doc: dict[str, Any], status: str = "published") -> tuple[str, str]:
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        row = repo.save_scenario(session, parse_scenario(feed_scenario_doc()))
        plan = repo.add_plan(session, row.id, Plan.model_validate(plan_doc), status=status)
        ids = row.id, plan.id
    engine.dispose()
    return ids


def _add_plan(db_url: str, scenario_id: str, plan_doc: dict[str, Any]) -> str:
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        plan_id = repo.add_plan(session, scenario_id, Plan.model_validate(plan_doc)).id
    engine.dispose()
    return plan_id


@pytest.fixture
def sticky(api: TestClient) -> Publications:
    """The app's publications, trusting what they looked up for an hour."""
    publications: Publications = api.app.state.publications  # type: ignore[attr-defined]
    publications.keys.ttl_s = 3600.0
    return publications


def test_publishing_through_the_app_shows_at_once(
    api: TestClient, auth: dict[str, str], db_url: str, sticky: Publications
) -> None:
    scenario_id, _ = _store(db_url, feed_plan_doc())
    view = f"{API}/public/scenarios/{scenario_id}/plan"
    feed = f"{API}/public/scenarios/{scenario_id}/classes/C02.ics"
    before, before_feed = api.get(view), api.get(feed)
    doc = copy.deepcopy(feed_plan_doc())
    doc["cohorts"][1]["days"] = ["2027-03-04", "2027-03-08"]
    plan_id = _add_plan(db_url, scenario_id, doc)
    # One published class moves: publishing says so, and takes that number confirmed.
    url = f"{API}/plans/{plan_id}/publish?confirm_changes=1"
    published = api.post(url, headers=plan_match(api, plan_id, auth))
    assert published.status_code == 200
    after, after_feed = api.get(view), api.get(feed)
    assert after.json()["plan_id"] == plan_id
    assert after.headers["etag"] != before.headers["etag"]
    assert after_feed.headers["etag"] != before_feed.headers["etag"]


def test_editing_the_scenario_through_the_app_shows_at_once(
    api: TestClient, auth: dict[str, str], db_url: str, sticky: Publications
) -> None:
    scenario_id, _ = _store(db_url, feed_plan_doc())
    view = f"{API}/public/scenarios/{scenario_id}/plan"
    assert api.get(view).headers["etag"].endswith('-1"')
    doc = feed_scenario_doc()
    doc["venues"][0]["address"] = "东城区和平路8号"
    saved = api.put(
        f"{API}/scenarios/{scenario_id}", json=doc, headers=scenario_match(api, scenario_id, auth)
    )
    assert saved.status_code == 200, saved.text
    assert api.get(view).headers["etag"].endswith('-2"')


def test_a_change_behind_the_apps_back_shows_once_the_key_is_stale(
    api: TestClient, auth: dict[str, str], db_url: str, sticky: Publications
) -> None:
    scenario_id, _ = _store(db_url, feed_plan_doc())
    view = f"{API}/public/scenarios/{scenario_id}/plan"
    before = api.get(view).headers["etag"]
    plan_id = _add_plan(db_url, scenario_id, feed_plan_doc())
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        repo.publish_plan(session, plan_id)
    engine.dispose()
    assert api.get(view).headers["etag"] == before, "trusted for the key's lifetime"
    sticky.keys.ttl_s = 0.0
    assert api.get(view).json()["plan_id"] == plan_id


def test_a_change_is_forgotten_only_when_committed(db_url: str, db_engine: Engine) -> None:
    engine = db_engine
    scenario_id, _ = _store(db_url, feed_plan_doc())
    publications = Publications(engine, key_ttl_s=3600.0)
    key = publications.key(scenario_id)
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        changed(session, scenario_id)
        raise RuntimeError("the write failed")
    assert publications.remembered_key(scenario_id) == key
    with session_scope(engine) as session:
        changed(session, scenario_id)
    publications.forget_changed(session)
    assert publications.remembered_key(scenario_id) is None


def test_each_app_has_its_own_memory(api_settings: Settings) -> None:
    first, second = create_app(api_settings), create_app(api_settings)
    assert first.state.publications is not second.state.publications
