"""Calendar feeds: a diary behind a secret token, public class and district feeds."""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Final, Literal, TypeVar

import sqlalchemy as sa
from fastapi import APIRouter, Header, Request, Response
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from trainsched.api.problems import ProblemError, problem_responses
from trainsched.feeds import (
    CONTENT_TYPE,
    FeedBuild,
    FeedCache,
    FeedHistory,
    FeedSubject,
    UnknownSubjectError,
    build_feed,
    ics_for_cohort,
)
from trainsched.formats import Plan, Scenario
from trainsched.httpdeps import CurrentCoordinator, EngineDep, SessionDep, SettingsDep
from trainsched.services.common import get_row, none_match
from trainsched.services.feed_history import published_history
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.mapper import plan_from_row, scenario_from_row
from trainsched.store.tables import PlanRow, ScenarioRow, utcnow
from trainsched.store.tokens import FeedSubject as TokenSubject
from trainsched.store.tokens import hash_token

router = APIRouter(tags=["feeds"])

NO_FEED = "no such feed"
KEY_TTL_S: Final = 1.0
MEMO_SIZE: Final = 4096
T = TypeVar("T")
TokenKind = Literal["trainer", "mentor", "venue"]
_CALENDAR_200: dict[int | str, dict[str, Any]] = {
    200: {"description": "An iCalendar document", "content": {"text/calendar": {}}},
    304: {"description": "Not Modified"},
}
IfNoneMatch = Annotated[str | None, Header()]
IfModifiedSince = Annotated[str | None, Header()]


class FeedLink(BaseModel):
    """A new feed token and its subscribe links (the token is shown this once)."""

    token: str
    url: str
    webcal: str
    page: str | None = None  # a trainer's or mentor's diary page: their days, how to subscribe


@dataclass(frozen=True)
class _Published:
    """A scenario revision, its published plan, and the feed history of its publications."""

    scenario: Scenario
    plan: Plan
    history: FeedHistory | None


PublishedKey = tuple[str, int]  # (published plan id, scenario revision): never changes
Make = Callable[[_Published, dt.datetime], FeedBuild]


@dataclass
class _State:
    """Per-app memory: built feeds, the parsed publication, briefly remembered lookups."""

    cache: FeedCache = field(default_factory=lambda: FeedCache(maxsize=512))
    published: dict[PublishedKey, _Published] = field(default_factory=dict)
    keys: dict[str, tuple[float, PublishedKey]] = field(default_factory=dict)
    tokens: dict[str, tuple[float, TokenSubject]] = field(default_factory=dict)


def _state(request: Request) -> _State:
    # One state per app: tests run several apps on different stores in one process.
    app_state = request.app.state
    if not hasattr(app_state, "feeds"):
        app_state.feeds = _State()
    state: _State = app_state.feeds
    return state


def _fresh(memo: dict[str, tuple[float, T]], key: str) -> T | None:
    # A hot feed costs no thread hop and no query; a change shows within KEY_TTL_S.
    found = memo.get(key)
    if found is None or time.monotonic() - found[0] > KEY_TTL_S:
        return None
    return found[1]


def _remember(memo: dict[str, tuple[float, T]], key: str, value: T) -> None:
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[key] = (time.monotonic(), value)


def _load_token(engine: Engine, state: _State, token: str) -> TokenSubject:
    with session_scope(engine) as session:
        found = repo.feed_subject_by_token(session, token)
    if found is None:
        raise ProblemError(404, NO_FEED, kind="not-found")
    _remember(state.tokens, hash_token(token), found)
    return found


def _load_key(engine: Engine, state: _State, scenario_id: str) -> PublishedKey:
    query = (
        sa.select(col(PlanRow.id), col(ScenarioRow.revision))
        .join(ScenarioRow, col(ScenarioRow.id) == col(PlanRow.scenario_id))
        .where(col(PlanRow.scenario_id) == scenario_id, col(PlanRow.status) == "published")
    )
    with session_scope(engine) as session:
        found = session.execute(query).first()
    if found is None:
        raise ProblemError(404, NO_FEED, kind="not-found")
    key = (str(found[0]), int(found[1]))
    _remember(state.keys, scenario_id, key)
    return key


def _load(session: Session, scenario_id: str) -> _Published:
    row = get_row(session, ScenarioRow, scenario_id)
    scenario = scenario_from_row(row)
    rows = session.exec(
        select(PlanRow).where(
            col(PlanRow.scenario_id) == scenario_id, col(PlanRow.published_at).is_not(None)
        )
    ).all()
    current = next(r for r in rows if r.status == "published")
    plan = plan_from_row(current)
    publications = [(plan if r is current else plan_from_row(r), r) for r in rows]
    history = published_history(session, row, scenario, current, plan, publications)
    return _Published(scenario, plan, history)


def _build(
    engine: Engine, state: _State, scenario_id: str, key: PublishedKey, make: Make
) -> FeedBuild:
    data = state.published.get(key)
    if data is None:
        with session_scope(engine) as session:
            data = _load(session, scenario_id)
        state.published.clear()  # only the newest publication is worth keeping parsed
        state.published[key] = data
    try:
        return make(data, utcnow())
    except UnknownSubjectError:
        raise ProblemError(404, NO_FEED, kind="not-found") from None
    except ValueError as exc:
        # The scenario was edited after publishing: the plan names what it lost.
        raise ProblemError(409, f"publish a new plan: {exc}", kind="conflict") from None


async def _feed(
    request: Request,
    engine: Engine,
    scenario_id: str,
    subject: FeedSubject,
    make: Make,
    variant: str = "feed",
) -> FeedBuild:
    state = _state(request)
    key = _fresh(state.keys, scenario_id)
    if key is None:
        key = await run_in_threadpool(_load_key, engine, state, scenario_id)
    # Per day: cancellations older than 30 days drop out without a new publication.
    cache_key = (key, utcnow().date(), variant)
    found = state.cache.get(cache_key, subject)
    if found is None:
        found = await run_in_threadpool(_build, engine, state, scenario_id, key, make)
        state.cache.put(cache_key, subject, found)
    return found


def _respond(
    build: FeedBuild,
    if_none_match: str | None,
    if_modified_since: str | None,
    *,
    public: bool,
    filename: str | None = None,
) -> Response:
    headers = {
        "ETag": build.etag,
        "Last-Modified": email.utils.format_datetime(build.last_modified, usegmt=True),
        # A token feed is one person's: never kept by shared caches.
        "Cache-Control": "public, max-age=300" if public else "private, no-cache",
    }
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    if none_match(if_none_match, build.etag) or (
        if_none_match is None and _not_modified_since(if_modified_since, build.last_modified)
    ):
        return Response(status_code=304, headers=headers)
    return Response(build.body, media_type=CONTENT_TYPE, headers=headers)


def _not_modified_since(header: str | None, last_modified: dt.datetime) -> bool:
    if header is None:
        return False
    try:
        since = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False
    return since.tzinfo is not None and last_modified <= since


def _subject_feed(
    subject: FeedSubject, base_url: str
) -> Callable[[_Published, dt.datetime], FeedBuild]:
    def make(data: _Published, now: dt.datetime) -> FeedBuild:
        return build_feed(
            data.scenario, data.plan, subject, history=data.history, base_url=base_url, now=now
        )

    return make


@router.get(
    "/feeds/{token}.ics",
    response_class=Response,
    responses={**_CALENDAR_200, **problem_responses(404, 409)},
)
async def feed_by_token(
    token: str,
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    if_none_match: IfNoneMatch = None,
    if_modified_since: IfModifiedSince = None,
) -> Response:
    """A trainer's or mentor's diary, or a venue's days, by the secret token in its link."""
    found = _fresh(_state(request).tokens, hash_token(token))
    if found is None:
        found = await run_in_threadpool(_load_token, engine, _state(request), token)
    subject = FeedSubject(found.kind, found.subject_id)
    make = _subject_feed(subject, settings.public_base_url)
    build = await _feed(request, engine, found.scenario_id, subject, make)
    return _respond(build, if_none_match, if_modified_since, public=False)


@router.get(
    "/public/scenarios/{scenario_id}/classes/{cohort_id}.ics",
    response_class=Response,
    responses={**_CALENDAR_200, **problem_responses(404, 409)},
)
async def class_feed(
    scenario_id: str,
    cohort_id: str,
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    if_none_match: IfNoneMatch = None,
    if_modified_since: IfModifiedSince = None,
) -> Response:
    """Every day of one published class, to subscribe to (no personal data)."""
    subject = FeedSubject.cohort(cohort_id)
    make = _subject_feed(subject, settings.public_base_url)
    build = await _feed(request, engine, scenario_id, subject, make)
    return _respond(build, if_none_match, if_modified_since, public=True)


@router.get(
    "/public/scenarios/{scenario_id}/classes/{cohort_id}/add-to-calendar.ics",
    response_class=Response,
    responses={**_CALENDAR_200, **problem_responses(404, 409)},
)
async def class_download(
    scenario_id: str,
    cohort_id: str,
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    if_none_match: IfNoneMatch = None,
    if_modified_since: IfModifiedSince = None,
) -> Response:
    """One class's days as a file, for a one-tap "add to my calendar"."""
    base_url = settings.public_base_url

    def make(data: _Published, now: dt.datetime) -> FeedBuild:
        return ics_for_cohort(
            data.scenario, data.plan, cohort_id, base_url=base_url, now=now, history=data.history
        )

    subject = FeedSubject.cohort(cohort_id)
    build = await _feed(request, engine, scenario_id, subject, make, variant="download")
    name = "".join(c for c in cohort_id if c.isascii() and (c.isalnum() or c in "-_")) or "class"
    return _respond(build, if_none_match, if_modified_since, public=True, filename=f"{name}.ics")


@router.get(
    "/public/scenarios/{scenario_id}/districts/{region_id}.ics",
    response_class=Response,
    responses={**_CALENDAR_200, **problem_responses(404, 409)},
)
async def district_feed(
    scenario_id: str,
    region_id: str,
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    if_none_match: IfNoneMatch = None,
    if_modified_since: IfModifiedSince = None,
) -> Response:
    """Every class day a district offers, to subscribe to (no personal data)."""
    subject = FeedSubject.district(region_id)
    make = _subject_feed(subject, settings.public_base_url)
    build = await _feed(request, engine, scenario_id, subject, make)
    return _respond(build, if_none_match, if_modified_since, public=True)


@router.put(
    "/scenarios/{scenario_id}/feed-tokens/{kind}/{subject_id}",
    status_code=201,
    responses=problem_responses(401, 404),
)
def rotate_feed_token(
    scenario_id: str,
    kind: TokenKind,
    subject_id: str,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    _: CurrentCoordinator,
) -> FeedLink:
    """Issue a person's or venue's feed link; any older link of theirs stops working (404)."""
    scenario = scenario_from_row(get_row(session, ScenarioRow, scenario_id))
    ids = {
        "trainer": [t.id for t in scenario.trainers],
        "mentor": [m.id for m in scenario.mentors],
        "venue": [v.id for v in scenario.venues],
    }[kind]
    if subject_id not in ids:
        raise ProblemError(404, f"no {kind} {subject_id!r} in this scenario", kind="not-found")
    token = repo.rotate_feed_token(session, kind, subject_id, scenario_id)
    _state(request).tokens.clear()
    path = request.app.url_path_for("feed_by_token", token=token)
    url = settings.public_base_url.rstrip("/") + path
    page = f"{settings.public_base_url.rstrip('/')}/me/{token}" if kind != "venue" else None
    return FeedLink(token=token, url=url, webcal="webcal://" + url.split("://", 1)[1], page=page)


@router.delete(
    "/scenarios/{scenario_id}/feed-tokens/{kind}/{subject_id}",
    status_code=204,
    responses=problem_responses(401, 404),
)
def revoke_feed_tokens(
    scenario_id: str,
    kind: TokenKind,
    subject_id: str,
    request: Request,
    session: SessionDep,
    _: CurrentCoordinator,
) -> Response:
    """Stop every feed link of a person or venue."""
    get_row(session, ScenarioRow, scenario_id)
    repo.revoke_feed_tokens(session, kind, subject_id, scenario_id)
    _state(request).tokens.clear()
    return Response(status_code=204)
