"""Published demo data for page tests: the demo city solved once (greedy), checked, then stored."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from trainsched.checker import check_plan
from trainsched.formats import Plan, Scenario, load_scenario
from trainsched.resources import fixture_path
from trainsched.solver import SolveOptions, solve
from trainsched.store import repo
from trainsched.store.db import session_scope


@cache
def demo_city() -> tuple[Scenario, Plan]:
    """The demo city and a quick greedy plan of it that keeps every rule."""
    scenario = load_scenario(fixture_path("demo-city.json"))
    plan = solve(scenario, SolveOptions(time_limit_s=5, method="greedy", workers=1)).plan
    assert check_plan(scenario, plan) == []
    assert plan.cohorts and plan.visits
    return scenario, plan


def engine_of(api: TestClient) -> Engine:
    """The database engine of the app the client talks to."""
    engine: Engine = api.app.state.engine  # type: ignore[attr-defined]
    return engine


def publish(api: TestClient, scenario: Scenario, plan: Plan) -> str:
    """Store the scenario with the plan published; returns the scenario id."""
    with session_scope(engine_of(api)) as session:
        row = repo.save_scenario(session, scenario)
        repo.add_plan(session, row.id, plan, status="published")
        return row.id


def publish_demo(api: TestClient) -> str:
    """Publish the demo city's plan in this test's store; returns the scenario id."""
    return publish(api, *demo_city())


PERSONAL_KEYS = frozenset({"contact", "phone", "email", "wechat", "mobile", "id_number", "id_card"})


def _personal(data: Any, inside: bool = False) -> set[str]:
    if isinstance(data, dict):
        return set().union(
            set(), *(_personal(v, inside or k in PERSONAL_KEYS) for k, v in data.items())
        )
    if isinstance(data, list):
        return set().union(set(), *(_personal(v, inside) for v in data))
    return {str(data)} if inside and data not in (None, "") else set()


def contact_values(scenario: Scenario) -> set[str]:
    """Every value under a contact-like key anywhere in the scenario (any person's).

    Institutions' enrolment phones are an office's public data, shown to trainees on purpose.
    """
    doc = json.loads(scenario.to_json())
    doc.pop("providers", None)
    return _personal(doc)
