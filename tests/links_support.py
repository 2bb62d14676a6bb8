"""Shared by the link tests: an app serving a published plan at a chosen address."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient

from tests.conftest import TEST_NOW
from tests.factories import feed_plan_doc, feed_scenario_doc
from trainsched.formats import Plan, parse_scenario
from trainsched.httpdeps import get_now
from trainsched.server import create_app
from trainsched.settings import Settings
from trainsched.store import repo
from trainsched.store.db import session_scope

HERE = "http://127.0.0.1:8123"


def published_client(settings: Settings, base_url: str = HERE) -> Iterator[TestClient]:
    """A client of an app with the feed test plan published; its scenario id rides along in
    the ``X-Test-Scenario`` header (an unknown header the app ignores)."""
    app = create_app(settings)
    app.dependency_overrides[get_now] = lambda: TEST_NOW
    with TestClient(app, base_url=base_url) as client:
        with session_scope(app.state.engine) as session:
            row = repo.save_scenario(session, parse_scenario(feed_scenario_doc()))
            repo.add_plan(session, row.id, Plan.model_validate(feed_plan_doc()), status="published")
            client.headers["X-Test-Scenario"] = row.id
        yield client
