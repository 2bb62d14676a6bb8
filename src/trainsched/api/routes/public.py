"""Published schedules, readable without login and free of personal data."""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import APIRouter, Header, Request
from starlette.concurrency import run_in_threadpool

from trainsched.api.problems import problem_responses
from trainsched.api.public_schemas import (
    ClassPublic,
    PublishedPlanPublic,
    PublishedScenarioPublic,
)
from trainsched.httpdeps import PublicationsDep, SessionDep, prepared_answer
from trainsched.memo import Shelf
from trainsched.services import public as service
from trainsched.services.prepared import Prepared, prepare
from trainsched.services.publications import (
    Publications,
    Published,
    PublishedKey,
    published_classes,
)

router = APIRouter(prefix="/public", tags=["public"])

# Public views may be cached briefly by browsers and proxies, then revalidated by ETag.
_CACHE_CONTROL = "public, max-age=60"
_VIEWS: Final = Shelf[PublishedKey, Prepared]("public-plan-views", 32)


@router.get("/scenarios")
def published_scenarios(
    session: SessionDep, publications: PublicationsDep
) -> list[PublishedScenarioPublic]:
    """Every scenario that has a published plan."""
    return [
        PublishedScenarioPublic(
            id=s.version.scenario_id,
            name=s.version.name,
            horizon_start=s.horizon_start,
            horizon_end=s.horizon_end,
            plan_id=s.version.plan_id,
            published_at=s.version.published_at,
        )
        for s in service.published_scenarios(publications, session)
    ]


@router.get(
    "/scenarios/{scenario_id}/plan",
    response_model=PublishedPlanPublic,
    responses={304: {"description": "Not Modified"}, **problem_responses(404)},
)
async def published_plan(
    scenario_id: str,
    request: Request,
    publications: PublicationsDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Any:
    """The published classes of a scenario: course, days, hours, venue, trainer names."""
    # Async with a memory cache: a hot public page costs no thread hop and no query.
    del if_none_match  # read by prepared_answer; declared for the API's document
    key = publications.remembered_key(scenario_id)
    if key is None:
        key = await run_in_threadpool(service.plan_key, publications, scenario_id)
    view = publications.memo(_VIEWS).get(key)
    if view is None:
        view = await run_in_threadpool(_view_json, publications, key)
    return prepared_answer(view, request, {"Cache-Control": _CACHE_CONTROL})


def _view_json(publications: Publications, key: PublishedKey) -> Prepared:
    # Built once per publication: the plan and the scenario revision never change.
    def make() -> Prepared:
        pub = publications.published(key)
        body = build_view(pub).model_dump_json().encode("utf-8")
        return prepare(body, "application/json", pub.changed_at, etag=key.etag)

    return publications.memo(_VIEWS).get_or_make(key, make)


def build_view(pub: Published) -> PublishedPlanPublic:
    """Classes with course, days, hours, venue and trainer names: nothing personal."""
    return PublishedPlanPublic(
        scenario_id=pub.key.scenario_id,
        scenario=pub.scenario.name,
        timezone=pub.scenario.timezone,
        plan_id=pub.key.plan_id,
        version=pub.version,
        published_at=pub.published_at,
        classes=[
            ClassPublic.model_validate(c, from_attributes=True)
            for c in published_classes(pub.scenario, pub.plan)
        ],
    )
