"""The demo start publishes the demo city; no public endpoint shows anyone's personal data."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from trainsched.resources import fixture_path
from trainsched.server import create_app
from trainsched.server.demo import DemoState, prepare_demo
from trainsched.settings import Settings


def contact_values(doc: dict[str, Any]) -> set[str]:
    """Every contact value of trainers, mentors and founders."""
    out: set[str] = set()
    for kind in ("trainers", "mentors", "visit_requests"):
        for item in doc.get(kind, []):
            contact = item.get("contact")
            if isinstance(contact, dict):
                out.update(str(v) for v in contact.values() if v)
            elif isinstance(contact, str):
                out.add(contact)
    return out


def founder_names(doc: dict[str, Any]) -> set[str]:
    """Founders' names, minus any that a trainer (whose name is public) also bears."""
    trainers = {t["name"] for t in doc.get("trainers", [])}
    return {q["entrepreneur"] for q in doc.get("visit_requests", [])} - trainers


def string_values(data: Any) -> set[str]:
    """Every string anywhere in a decoded JSON value."""
    if isinstance(data, str):
        return {data}
    if isinstance(data, dict):
        return set().union(*(string_values(v) for v in data.values()), set(data))
    if isinstance(data, list):
        return set().union(*(string_values(v) for v in data))
    return set()


@pytest.fixture
def demo_settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, demo_time_limit_s=2.0, cpsat_workers=2)


@pytest.fixture
def demo(db_engine: Engine, demo_settings: Settings) -> DemoState:
    return prepare_demo(db_engine, demo_settings)


@pytest.fixture
def demo_api(demo: DemoState, demo_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(demo_settings), raise_server_exceptions=False) as client:
        yield client


def test_demo_start_publishes_the_demo_city(demo: DemoState, demo_api: TestClient) -> None:
    assert [role for role, _, _ in demo.tokens] == ["viewer", "planner", "publisher", "admin"]
    res = demo_api.get(f"/api/v1/public/scenarios/{demo.scenario_id}/plan")
    assert res.status_code == 200
    assert res.json()["plan_id"] == demo.plan_id
    assert len(res.json()["classes"]) > 50


def test_second_demo_start_reuses_the_published_plan(
    demo: DemoState, db_engine: Engine, demo_settings: Settings
) -> None:
    again = prepare_demo(db_engine, demo_settings)
    assert (again.scenario_id, again.plan_id) == (demo.scenario_id, demo.plan_id)
    assert again.tokens == ()


def test_no_public_endpoint_returns_personal_data(demo: DemoState, demo_api: TestClient) -> None:
    doc = json.loads(fixture_path("demo-city.json").read_text("utf-8"))
    contacts, names = contact_values(doc), founder_names(doc)
    assert len(contacts) > 300
    assert len(names) > 100
    ids = {"scenario_id": demo.scenario_id, "plan_id": demo.plan_id}
    paths = demo_api.get("/openapi.json").json()["paths"]
    checked = 0
    for template, operations in paths.items():
        if "get" not in operations or template.endswith("/events"):
            continue
        url = re.sub(r"\{(\w+)\}", lambda m: ids.get(m.group(1), demo.plan_id), template)
        res = demo_api.get(url)
        leaked = [c for c in contacts if c in res.text]
        leaked += sorted(names & string_values(res.json()))
        assert leaked == [], f"{url} leaks {leaked[:3]}"
        checked += res.status_code == 200
    assert checked >= 2  # the public list and the published plan answered


def test_coordinator_sees_contacts_in_the_scenario(demo: DemoState, demo_api: TestClient) -> None:
    token = dict((role, raw) for role, _, raw in demo.tokens)["viewer"]
    res = demo_api.get(
        f"/api/v1/scenarios/{demo.scenario_id}", headers={"Authorization": f"Bearer {token}"}
    )
    assert res.status_code == 200
    assert "trainer00001@example.com" in res.text
