"""``serve --demo``: load the demo city, solve it briefly and publish it on first start.

The first start also sets up the offices a city bureau would have (the city, two of its
districts) and one user per role at the city, and prints their tokens once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from trainsched.formats import load_scenario
from trainsched.resources import fixture_path
from trainsched.services import access, credentials, offices, plans, scenarios
from trainsched.services.access import Actor
from trainsched.settings import Settings
from trainsched.solver import SolveOptions, solve
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.office_tables import ROLES, OfficeRow
from trainsched.store.tables import CoordinatorRow, ScenarioRow, utcnow

log = logging.getLogger(__name__)

DEMO_FIXTURE = "demo-city.json"
DEMO_CITY = "松宁市人社局"
DEMO_DISTRICTS = ("桃阳区人社局", "竹港区人社局")
# The user who stores and publishes the demo plan (its audit rows name them).
DEMO_PUBLISHER = "demo-publisher"


@dataclass(frozen=True)
class DemoState:
    """What the demo start prepared: the scenario, its published plan, one token per role."""

    scenario_id: str
    plan_id: str
    # (role, user name, token), shown on the start that creates the users; empty afterwards.
    tokens: tuple[tuple[str, str, str], ...] = field(default=())


def prepare_demo(engine: Engine, settings: Settings) -> DemoState:
    """Store, solve and publish the demo city unless an earlier start already did."""
    scenario = load_scenario(fixture_path(DEMO_FIXTURE))
    with session_scope(engine) as session:
        tokens = _demo_offices(session)
    with session_scope(engine) as session:
        actor = _publisher(session)
        row = session.exec(select(ScenarioRow).where(ScenarioRow.name == scenario.name)).first()
        if row is None:
            row = scenarios.store_new(session, actor, scenario, actor.home_office_id)
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
            plan_id = repo.add_plan(session, scenario_id, result.plan).id
            # Published by the demo's publisher, as a coordinator would (and on the trail).
            plans.publish(session, _publisher(session), plan_id, "*")
        log.info("demo plan published: served value %d", result.value)
    return DemoState(scenario_id, plan_id, tokens)


def _demo_offices(session: Session) -> tuple[tuple[str, str, str], ...]:
    # Once: the city, its two districts, and a user per role at the city.
    top = col(OfficeRow.parent_id).is_(None)
    city = session.exec(select(OfficeRow).where(OfficeRow.name == DEMO_CITY, top)).first()
    if city is not None:
        return ()
    city_id = offices.add_office(session, DEMO_CITY).id
    now = utcnow()
    for district in DEMO_DISTRICTS:
        offices.add_office(session, district, city_id)
    return tuple(
        (role, name, credentials.add_user(session, name, office_id=city_id, role=role, now=now))
        for role in ROLES
        for name in (f"demo-{role}",)
    )


def _publisher(session: Session) -> Actor:
    user = session.exec(select(CoordinatorRow).where(CoordinatorRow.name == DEMO_PUBLISHER)).one()
    return access.actor_of(session, user)


def log_urls(state: DemoState, base_url: str) -> None:
    """Tell the user which pages to open first, and how to get another token if one is lost."""
    log.info("home page (classes, for trainees): %s/", base_url)
    log.info("coordinators sign in here: %s/login", base_url)
    for role, name, token in state.tokens:
        log.info(
            "%s of %s: user name %s, token (shown this once, stored only hashed): %s",
            role,
            DEMO_CITY,
            name,
            token,
        )
    if state.tokens:
        log.info(
            "offices: %s with %s; the audit trail is at %s/coordinator/audit",
            DEMO_CITY,
            "、".join(DEMO_DISTRICTS),
            base_url,
        )
    log.info(
        "lost a token? `trainsched users add NAME --office ID --role R` creates a coordinator "
        "and prints a new one (`trainsched offices list` shows the office ids)"
    )
    log.info(
        "published demo plan (JSON, public): %s/api/v1/public/scenarios/%s/plan",
        base_url,
        state.scenario_id,
    )
    log.info("API documentation: %s/docs", base_url)
