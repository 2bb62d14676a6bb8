"""``serve --demo``: load the demo city, solve it briefly and publish it on first start."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import select

from trainsched.formats import load_scenario
from trainsched.resources import fixture_path
from trainsched.settings import Settings
from trainsched.solver import SolveOptions, solve
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.errors import ConflictError
from trainsched.store.tables import ScenarioRow

log = logging.getLogger(__name__)

DEMO_FIXTURE = "demo-city.json"
DEMO_COORDINATOR = "demo"


@dataclass(frozen=True)
class DemoState:
    """What the demo start prepared: the scenario, its published plan, a coordinator token."""

    scenario_id: str
    plan_id: str
    token: str | None


def prepare_demo(engine: Engine, settings: Settings) -> DemoState:
    """Store, solve and publish the demo city unless an earlier start already did."""
    scenario = load_scenario(fixture_path(DEMO_FIXTURE))
    with session_scope(engine) as session:
        row = session.exec(select(ScenarioRow).where(ScenarioRow.name == scenario.name)).first()
        if row is None:
            row = repo.save_scenario(session, scenario)
        scenario_id = row.id
        published = repo.published_plan(session, scenario_id)
        plan_id = published.id if published is not None else None
    if plan_id is None:
        log.info("solving the demo city for %.0f s ...", settings.demo_time_limit_s)
        options = SolveOptions(
            time_limit_s=settings.demo_time_limit_s, workers=settings.solve_threads()
        )
        result = solve(scenario, options)
        with session_scope(engine) as session:
            plan_id = repo.add_plan(session, scenario_id, result.plan, status="published").id
        log.info("demo plan published: served value %d", result.value)
    return DemoState(scenario_id, plan_id, _demo_token(engine))


def _demo_token(engine: Engine) -> str | None:
    # The token is shown once, on the start that creates the demo coordinator.
    try:
        with session_scope(engine) as session:
            return repo.add_coordinator(session, DEMO_COORDINATOR)
    except ConflictError:
        return None


def log_urls(state: DemoState, base_url: str) -> None:
    """Tell the user which pages to open first, and how to get another token if this one is lost."""
    log.info("home page (classes, for trainees): %s/", base_url)
    log.info("coordinators sign in here: %s/login", base_url)
    if state.token is not None:
        log.info("demo coordinator token (shown this once, stored only hashed): %s", state.token)
    log.info(
        "lost the token? `trainsched users add NAME` creates a coordinator and prints a new one"
    )
    log.info(
        "published demo plan (JSON, public): %s/api/v1/public/scenarios/%s/plan",
        base_url,
        state.scenario_id,
    )
    log.info("API documentation: %s/docs", base_url)
