"""Published schedules, readable without login and free of personal data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Response
from starlette.concurrency import run_in_threadpool

from trainsched.api.problems import problem_responses
from trainsched.api.schemas import PublishedPlanPublic, PublishedScenarioPublic
from trainsched.httpdeps import PublicationsDep, SessionDep
from trainsched.services import public as service
from trainsched.services.common import none_match

router = APIRouter(prefix="/public", tags=["public"])

# Public views may be cached briefly by browsers and proxies, then revalidated by ETag.
_CACHE_CONTROL = "public, max-age=60"


@router.get("/scenarios")
def published_scenarios(
    session: SessionDep, publications: PublicationsDep
) -> list[PublishedScenarioPublic]:
    """Every scenario that has a published plan."""
    return service.published_scenarios(publications, session)


@router.get(
    "/scenarios/{scenario_id}/plan",
    response_model=PublishedPlanPublic,
    responses={304: {"description": "Not Modified"}, **problem_responses(404)},
)
async def published_plan(
    scenario_id: str,
    publications: PublicationsDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Any:
    """The published classes of a scenario: course, days, hours, venue, trainer names."""
    # Async with a memory cache: a hot public page costs no thread hop and no query.
    key = publications.remembered_key(scenario_id)
    if key is None:
        key = await run_in_threadpool(service.plan_key, publications, scenario_id)
    headers = {"ETag": key.etag, "Cache-Control": _CACHE_CONTROL}
    if none_match(if_none_match, key.etag):
        return Response(status_code=304, headers=headers)
    body = service.cached_view(publications, key) or await run_in_threadpool(
        service.view_json, publications, key
    )
    return Response(body, media_type="application/json", headers=headers)
