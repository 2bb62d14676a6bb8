"""Every route has one authorisation decision, and every route taking an id keeps to it.

The table below is the only list of decisions: a route the app serves that is missing from
it (or listed but gone) fails ``test_every_route_has_exactly_one_decision``. For each route
on an object of the owner district, every user — one per role in the owner office, its
parent, its sibling and its child — gets: another office's object does not exist (404), a
visible object with too weak a role is refused (403), otherwise the use case runs (its own
answer, e.g. 428 for a write without If-Match); without credentials the API says 401 and
the pages send to the sign-in page.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tests.authz_world import RELATIONS, World, build_world, sign_in, walk_routes
from tests.factories import END, START
from trainsched.server import create_app
from trainsched.settings import Settings
from trainsched.store.office_tables import ROLES, Role

PUBLIC = "public"  # anyone, no credentials (published data, capability links, assets)
SIGNED_IN = "signed-in"  # any signed-in user; nothing of an office is named in the request


@dataclass(frozen=True)
class Call:
    """How the matrix calls a route whose request names an object (or an office)."""

    role: Role
    names: str = "object"  # "object": the owner district's scenario/plan/job; "office": it
    json: Any = None
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] | None = None
    query: str = ""
    kind: str = "trainers"  # a scenario list for parts; whose link for feed tokens
    form_office: str = ""  # a form field naming the office (the owner district)


Decision = str | Call
Browser = tuple[dict[str, str], str]  # a signed-in browser's Cookie header and its csrf value

S, P, J = "{scenario_id}", "{plan_id}", "{job_id}"
DECISIONS: dict[tuple[str, str], Decision] = {
    # Documentation, assets, health: public.
    ("GET", "/openapi.json"): PUBLIC,
    ("MOUNT", "/docs-assets"): PUBLIC,
    ("GET", "/docs"): PUBLIC,
    ("GET", "/redoc"): PUBLIC,
    ("MOUNT", "/static"): PUBLIC,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    # Published views and feeds: public by design (no personal data; feed links are secrets).
    ("GET", "/api/v1/public/scenarios"): PUBLIC,
    ("GET", "/api/v1/public/scenarios/{scenario_id}/plan"): PUBLIC,
    ("GET", "/api/v1/feeds/{token}.ics"): PUBLIC,
    ("GET", "/api/v1/public/scenarios/{scenario_id}/classes/{cohort_id}.ics"): PUBLIC,
    (
        "GET",
        "/api/v1/public/scenarios/{scenario_id}/classes/{cohort_id}/add-to-calendar.ics",
    ): PUBLIC,
    ("GET", "/api/v1/public/scenarios/{scenario_id}/districts/{region_id}.ics"): PUBLIC,
    ("GET", "/"): PUBLIC,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): PUBLIC,
    ("GET", "/classes"): PUBLIC,
    ("GET", "/classes/{cohort_id}"): PUBLIC,
    ("GET", "/classes/{scenario_id}/{cohort_id}"): PUBLIC,
    ("GET", "/about"): PUBLIC,
    ("GET", "/me/{token}"): PUBLIC,
    # Signed in, nothing of an office named: lists show only what the user sees, new
    # scenarios go to the user's own office (refused there unless they plan in it).
    ("GET", "/api/v1/scenarios"): SIGNED_IN,
    ("POST", "/api/v1/scenarios/validate"): SIGNED_IN,
    ("GET", "/api/v1/sheets/template"): SIGNED_IN,
    ("GET", "/coordinator"): SIGNED_IN,
    ("POST", "/coordinator/scenarios"): SIGNED_IN,
    ("POST", "/coordinator/import"): SIGNED_IN,
    ("GET", "/coordinator/template.xlsx"): SIGNED_IN,
    # The users page lists the users of the offices the user administers (403 for others).
    ("GET", "/coordinator/users"): SIGNED_IN,
    # Offices named in the request.
    ("POST", "/api/v1/scenarios"): Call("planner", "office", json={}, query="office_id"),
    ("POST", "/api/v1/scenarios/import"): Call(
        "planner", "office", files={"file": ("x.csv", b"nonsense")}, query="office_id"
    ),
    ("GET", "/api/v1/audit"): Call("publisher", "office", query="office"),
    ("GET", "/coordinator/audit"): Call("publisher", "office", query="office"),
    ("GET", "/coordinator/audit.csv"): Call("publisher", "office", query="office"),
    ("POST", "/coordinator/users"): Call(
        "admin", "office", form={"name": "新用户", "role": "viewer"}, form_office="office_id"
    ),
    # A user of the owner district (disable runs first; rotate then answers 409 to admins).
    ("POST", "/coordinator/users/{user_id}/disable"): Call("admin"),
    ("POST", "/coordinator/users/{user_id}/rotate"): Call("admin"),
    # A scenario and what it holds.
    ("GET", f"/api/v1/scenarios/{S}"): Call("viewer"),
    ("GET", f"/api/v1/scenarios/{S}/summary"): Call("viewer"),
    ("PUT", f"/api/v1/scenarios/{S}"): Call("planner", json={}),
    ("PUT", f"/api/v1/scenarios/{S}/official-days/{{year}}"): Call("planner", json={}),
    ("DELETE", f"/api/v1/scenarios/{S}"): Call("planner"),
    ("GET", f"/api/v1/scenarios/{S}/parts/{{kind}}"): Call("viewer"),
    ("POST", f"/api/v1/scenarios/{S}/parts/{{kind}}"): Call("planner", json={}),
    ("GET", f"/api/v1/scenarios/{S}/parts/{{kind}}/{{item_id}}"): Call("viewer"),
    ("PUT", f"/api/v1/scenarios/{S}/parts/{{kind}}/{{item_id}}"): Call("planner", json={}),
    ("DELETE", f"/api/v1/scenarios/{S}/parts/{{kind}}/{{item_id}}"): Call("planner"),
    ("POST", f"/api/v1/scenarios/{S}/solve"): Call(
        "planner", json={"previous_plan_id": "no-such-plan"}
    ),
    ("GET", f"/api/v1/scenarios/{S}/jobs"): Call("viewer"),
    ("GET", f"/api/v1/scenarios/{S}/plans"): Call("viewer"),
    ("GET", f"/api/v1/scenarios/{S}/export.xlsx"): Call("viewer"),
    ("PUT", f"/api/v1/scenarios/{S}/feed-tokens/{{kind}}/{{subject_id}}"): Call(
        "planner", kind="trainer"
    ),
    ("DELETE", f"/api/v1/scenarios/{S}/feed-tokens/{{kind}}/{{subject_id}}"): Call(
        "planner", kind="trainer"
    ),
    # Solve jobs.
    ("GET", f"/api/v1/jobs/{J}"): Call("viewer"),
    ("GET", f"/api/v1/jobs/{J}/events"): Call("viewer"),
    ("POST", f"/api/v1/jobs/{J}/cancel"): Call("planner"),
    ("POST", f"/api/v1/jobs/{J}/restart"): Call("planner"),
    # Plans.
    ("GET", f"/api/v1/plans/{P}"): Call("viewer"),
    ("GET", f"/api/v1/plans/{P}/summary"): Call("viewer"),
    ("GET", f"/api/v1/plans/{P}/explanation"): Call("viewer"),
    ("GET", f"/api/v1/plans/{P}/diff/{{other_plan_id}}"): Call("viewer"),
    ("GET", f"/api/v1/plans/{P}/export.xlsx"): Call("viewer"),
    ("GET", f"/api/v1/plans/{P}/published-changes"): Call("viewer"),
    ("GET", f"/api/v1/plans/{P}/levers"): Call("viewer"),
    ("GET", f"/api/v1/plans/{P}/money"): Call("viewer"),
    ("POST", f"/api/v1/plans/{P}/publish"): Call("publisher"),
    ("POST", f"/api/v1/plans/{P}/replan"): Call(
        "planner", json={"changes": [{"kind": "cohort_withdrawn", "cohort_id": "C01"}]}
    ),
    ("POST", f"/api/v1/plans/{P}/options"): Call("planner", json={"cohort": {}}),
    # Pages of a scenario, a job, a plan.
    ("GET", f"/coordinator/scenarios/{S}"): Call("viewer"),
    ("GET", f"/coordinator/scenarios/{S}/export.xlsx"): Call("viewer"),
    ("POST", f"/coordinator/scenarios/{S}/solve"): Call("planner", form={"time_limit_s": "0.5"}),
    ("POST", f"/coordinator/scenarios/{S}/official-days"): Call("planner", form={"year": "2027"}),
    ("GET", f"/coordinator/jobs/{J}"): Call("viewer"),
    ("GET", f"/coordinator/jobs/{J}/events"): Call("viewer"),
    ("POST", f"/coordinator/jobs/{J}/cancel"): Call("planner"),
    ("GET", f"/coordinator/plans/{P}"): Call("viewer"),
    ("POST", f"/coordinator/plans/{P}/publish"): Call("publisher"),
    ("POST", f"/coordinator/plans/{P}/money"): Call("viewer"),
    ("POST", f"/coordinator/plans/{P}/replan-calendar"): Call("planner"),
    ("GET", f"/coordinator/plans/{P}/export.xlsx"): Call("viewer"),
    ("POST", f"/coordinator/plans/{P}/options"): Call(
        "planner", form={"course": "SYB", "trainees": "10", "earliest": START, "latest_end": END}
    ),
}

# Where each relation's users see the owner district's objects: theirs, or their children's.
SEES = {"owner": True, "parent": True, "sibling": False, "child": False}


@pytest.fixture(scope="module")
def api_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """One app's settings for the whole module (embedded: SQLite; distributed: PostgreSQL)."""
    if os.environ.get("TRAINSCHED_TEST_MODE") != "distributed":
        path = Path(tmp_path_factory.mktemp("authz")) / "trainsched.db"
        yield Settings(database_url=f"sqlite:///{path}")
        return
    from tests.distributed_support import fresh_database

    for url in fresh_database():
        yield Settings(database_url=url, mode="distributed")


@pytest.fixture(scope="module")
def client(api_settings: Settings) -> Iterator[TestClient]:
    """A client of one app, its store migrated by its start."""
    with TestClient(create_app(api_settings), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def world(client: TestClient, api_settings: Settings) -> World:
    """The offices, users and objects, stored once for every test of the module."""
    return build_world(api_settings)


@pytest.fixture(scope="module")
def browsers(
    client: TestClient, world: World
) -> dict[tuple[str, Role], tuple[dict[str, str], str]]:
    """Each user signed in on their own browser: its Cookie header and anti-forgery value."""
    return {
        (relation, role): sign_in(client, f"{relation}-{role}", token)
        for (relation, role), token in world.token.items()
    }


def test_every_route_has_exactly_one_decision(client: TestClient) -> None:
    served = list(walk_routes(list(client.app.router.routes)))  # type: ignore[attr-defined]
    assert len(served) == len(set(served)), "a route is served twice"
    missing = sorted(set(served) - set(DECISIONS))
    stale = sorted(set(DECISIONS) - set(served))
    assert missing == [], f"routes without an authorisation decision: {missing}"
    assert stale == [], f"decisions for routes the app no longer serves: {stale}"


def _url(path: str, call: Call, world: World) -> str:
    filled = path.format(
        scenario_id=world.scenario_id,
        plan_id=world.plan_id,
        other_plan_id=world.plan_id,
        job_id=world.job_id,
        kind=call.kind,
        item_id="T01",
        subject_id="T01",
        user_id=world.user_id,
        year=2027,
    )
    if call.query:
        # An office-taking route names the owner district itself.
        return f"{filled}?{call.query}={world.office['owner']}"
    return filled


def _send(
    client: TestClient,
    method: str,
    url: str,
    call: Call,
    auth: dict[str, str],
    csrf: str | None,
) -> Response:
    form = {**call.form, "csrf": csrf} if csrf is not None else call.form
    is_page = not url.startswith("/api/")
    return client.request(
        method,
        url,
        headers=auth,
        json=call.json if not is_page else None,
        data=form if is_page and method == "POST" else None,
        files=call.files,
        follow_redirects=False,
    )


def _expected(relation: str, role: Role, need: Role) -> str:
    if not SEES[relation]:
        return "404"
    return "ok" if ROLES.index(role) >= ROLES.index(need) else "403"


def _outcome(res: Response) -> str:
    if res.status_code in (401, 403, 404):
        return str(res.status_code)
    if res.status_code == 303 and "/login" in res.headers.get("location", ""):
        return "login"
    return "ok"


CALLS = sorted((k, v) for k, v in DECISIONS.items() if isinstance(v, Call))


@pytest.mark.parametrize(("route", "call"), CALLS, ids=[f"{m} {p}" for (m, p), _ in CALLS])
def test_route_answers_each_office_and_role_as_decided(
    route: tuple[str, str],
    call: Call,
    client: TestClient,
    world: World,
    browsers: dict[tuple[str, Role], Browser],
) -> None:
    method, path = route
    is_page = not path.startswith("/api/")
    url = _url(path, call, world)
    if call.form_office:
        call = dataclasses.replace(
            call, form={**call.form, call.form_office: world.office["owner"]}
        )
    wrong = []
    for relation in RELATIONS:
        for role in ROLES:
            if is_page:
                auth, csrf = browsers[relation, role]
                res = _send(client, method, url, call, auth, csrf if method == "POST" else None)
            else:
                token = world.token[relation, role]
                res = _send(client, method, url, call, {"Authorization": f"Bearer {token}"}, None)
            want, got = _expected(relation, role, call.role), _outcome(res)
            if want != got:
                wrong.append(f"{relation} {role}: want {want}, got {res.status_code}")
    anonymous = _outcome(_send(client, method, url, call, {}, None))
    want_anonymous = "login" if is_page else "401"
    if anonymous != want_anonymous:
        wrong.append(f"no credentials: want {want_anonymous}, got {anonymous}")
    assert wrong == []


SIGNED = sorted(k for k, v in DECISIONS.items() if v == SIGNED_IN)


@pytest.mark.parametrize("route", SIGNED, ids=[f"{m} {p}" for m, p in SIGNED])
def test_signed_in_routes_refuse_whoever_is_not_signed_in(
    route: tuple[str, str], client: TestClient
) -> None:
    method, path = route
    res = client.request(method, path, follow_redirects=False)
    if path.startswith("/api/"):
        assert res.status_code == 401
    elif method == "GET":
        assert res.status_code == 303 and "/login" in res.headers["location"]
    else:
        assert res.status_code in (303, 403)  # to the sign-in page, or the stale-form refusal
