"""A province's offices, one user per role in each, and objects of one district office.

Built once per module for the authorisation matrix: the objects belong to the *owner*
district; the other offices stand to it as its parent (the city), its sibling (another
district) and its child (a street office under the district).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from fastapi.testclient import TestClient
from sqlmodel import Session, select
from starlette.routing import Mount, Route

from tests import factories
from trainsched.formats import parse_scenario
from trainsched.services import credentials, offices, scenarios
from trainsched.services.access import actor_of
from trainsched.settings import Settings
from trainsched.solver import SolveOptions
from trainsched.store import repo
from trainsched.store.db import make_engine, session_scope
from trainsched.store.office_tables import ROLES, Role
from trainsched.store.tables import CoordinatorRow, utcnow
from trainsched.web.render import SESSION_COOKIE

RELATIONS = ("owner", "parent", "sibling", "child")
# Where each office sits relative to the owner district, by office name.
OFFICES = {
    "parent": "某市人社局",
    "owner": "甲区人社局",
    "sibling": "乙区人社局",
    "child": "甲区一街道",
}
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class World:
    """The offices' ids, each user's bearer token, and the owner district's objects."""

    office: dict[str, str] = field(default_factory=dict)
    token: dict[tuple[str, Role], str] = field(default_factory=dict)
    scenario_id: str = ""
    plan_id: str = ""
    job_id: str = ""
    user_id: str = ""  # a user of the owner district, for the users page's actions

    def users(self) -> Iterator[tuple[str, Role]]:
        """Every (relation, role) pair that has a user."""
        yield from self.token


def build_world(settings: Settings) -> World:
    """Store the offices, users and objects straight through the services (no HTTP)."""
    world = World()
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as session:
            city = offices.add_office(session, OFFICES["parent"]).id
            owner = offices.add_office(session, OFFICES["owner"], city).id
            sibling = offices.add_office(session, OFFICES["sibling"], city).id
            child = offices.add_office(session, OFFICES["child"], owner).id
            world.office = {"parent": city, "owner": owner, "sibling": sibling, "child": child}
            for relation, office_id in world.office.items():
                for role in ROLES:
                    name = f"{relation}-{role}"
                    world.token[relation, role] = credentials.add_user(
                        session, name, office_id=office_id, role=role, now=utcnow()
                    )
            credentials.add_user(
                session, "owner-target", office_id=owner, role="viewer", now=utcnow()
            )
            target = select(CoordinatorRow).where(CoordinatorRow.name == "owner-target")
            world.user_id = session.exec(target).one().id
            _objects(session, world)
    finally:
        engine.dispose()
    return world


def _objects(session: Session, world: World) -> None:
    user = session.exec(select(CoordinatorRow).where(CoordinatorRow.name == "owner-admin")).one()
    actor = actor_of(session, user)
    row = scenarios.store_new(
        session, actor, parse_scenario(factories.scenario_doc()), world.office["owner"]
    )
    world.scenario_id = row.id
    world.plan_id = repo.add_plan(session, row.id, factories.plan()).id
    # An ended job: cancel and restart answer 409 for whoever may act on it, so the
    # matrix can run every write without starting a solve.
    job = repo.create_job(session, row.id, SolveOptions(time_limit_s=1.0))
    job.state, job.finished_at = "succeeded", utcnow()
    session.add(job)
    session.flush()
    world.job_id = job.id


def walk_routes(routes: list[object], prefix: str = "") -> Iterator[tuple[str, str]]:
    """Every (method, path) the app answers, through included routers; mounts as MOUNT."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            context = route.include_context
            yield from walk_routes(inner.routes, prefix + context.prefix)
        elif isinstance(route, Route):
            for method in sorted((route.methods or set()) - {"HEAD"}):
                yield method, prefix + route.path
        elif isinstance(route, Mount):
            yield "MOUNT", prefix + route.path


def sign_in(client: TestClient, name: str, token: str) -> tuple[dict[str, str], str]:
    """The ``Cookie`` header of a browser signed in as ``name`` with ``token``, and its forms'
    anti-forgery value; the client itself keeps no cookie (each request names its user)."""
    res = client.post("/login", data={"name": name, "token": token}, follow_redirects=False)
    assert res.status_code == 303, res.text
    header = {"Cookie": f"{SESSION_COOKIE}={res.cookies[SESSION_COOKIE]}"}
    client.cookies.clear()
    page = client.get("/coordinator", headers=header)
    client.cookies.clear()
    found = _CSRF.search(page.text)
    assert found is not None, "the desk has a form with an anti-forgery value"
    return header, found.group(1)
