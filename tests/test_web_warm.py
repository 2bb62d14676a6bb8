"""The class catalog is built before the first trainee asks: at start and after publishing."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from tests.factories import feed_plan_doc, feed_scenario_doc
from trainsched.formats import Plan, parse_scenario
from trainsched.server import create_app
from trainsched.settings import Settings
from trainsched.store import repo
from trainsched.store.db import make_engine, session_scope
from trainsched.store.migrate import upgrade
from trainsched.web.views import classes


def _published_store(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    with session_scope(engine) as session:
        row = repo.save_scenario(session, parse_scenario(feed_scenario_doc()))
        repo.add_plan(session, row.id, Plan.model_validate(feed_plan_doc()), status="published")
    engine.dispose()


def _builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = classes.build_catalog

    def counting(publications: list[classes.Published]) -> classes.Catalog:
        calls.append(len(publications))
        return real(publications)

    monkeypatch.setattr(classes, "build_catalog", counting)
    return calls


def test_catalog_is_ready_before_the_first_search(
    api_settings: Settings, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _published_store(db_url)
    builds = _builds(monkeypatch)
    with TestClient(create_app(api_settings)) as client:
        deadline = time.monotonic() + 10
        while not builds and time.monotonic() < deadline:
            time.sleep(0.05)
        assert builds == [1], "the catalog was built once at start"
        page = client.get("/classes")
    assert page.status_code == 200
    assert builds == [1], "the first search found it built"


def test_without_warming_the_first_search_builds_it(
    api_settings: Settings, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _published_store(db_url)
    builds = _builds(monkeypatch)
    monkeypatch.setattr("trainsched.web.warm.warm_in_background", lambda engine: None)
    with TestClient(create_app(api_settings)) as client:
        time.sleep(0.2)
        assert builds == []
        client.get("/classes")
    assert builds == [1]
