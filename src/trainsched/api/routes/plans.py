"""Plans: the spec's document, metadata, explanation, diff, publish."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from trainsched.api import mapping
from trainsched.api.answer_schemas import PlanLeversPublic, PlanMoneyPublic
from trainsched.api.mapping import public
from trainsched.api.problems import problem_responses
from trainsched.api.routes._body import (
    IfNoneMatch,
    PlanIfMatch,
    ScenarioIfMatch,
    document_response,
)
from trainsched.api.schemas import (
    JobPublic,
    OptionsCreate,
    PlacementOptions,
    PlanDiff,
    PlanExplanation,
    PlanPublic,
    PublishedChangesPublic,
    ReplanCreate,
    ReplanResult,
)
from trainsched.formats import Lang, Plan
from trainsched.httpdeps import CurrentActor, RunnerDep, SessionDep, SettingsDep
from trainsched.services import diff as diff_service
from trainsched.services import keep_published
from trainsched.services import levers as levers_service
from trainsched.services import money as money_service
from trainsched.services import options as options_service
from trainsched.services import plans as service
from trainsched.services import replan as replan_service
from trainsched.services.common import plan_etag
from trainsched.services.jobs import JobStatus

router = APIRouter(tags=["plans"])

ApiLang = Annotated[Lang, Depends(mapping.api_lang)]


@router.get("/scenarios/{scenario_id}/plans", responses=problem_responses(401, 403, 404))
def list_plans(scenario_id: str, session: SessionDep, actor: CurrentActor) -> list[PlanPublic]:
    """The plans of a scenario, oldest version first, with their status."""
    return [public(PlanPublic, p) for p in service.list_summaries(session, actor, scenario_id)]


@router.get(
    "/plans/{plan_id}",
    response_model=Plan,
    responses={304: {"description": "Not Modified"}, **problem_responses(401, 403, 404)},
)
def read_plan(
    plan_id: str,
    session: SessionDep,
    actor: CurrentActor,
    if_none_match: IfNoneMatch = None,
) -> Any:
    """The plan document in the spec's format (``trainsched.plan/1``)."""
    row = service.read(session, actor, plan_id)
    return document_response(row.document, plan_etag(row), if_none_match)


@router.get("/plans/{plan_id}/summary", responses=problem_responses(401, 403, 404))
def read_plan_summary(
    plan_id: str, response: Response, session: SessionDep, actor: CurrentActor
) -> PlanPublic:
    """A plan's version, status, served value, bound and ETag."""
    row = service.read(session, actor, plan_id)
    response.headers["ETag"] = plan_etag(row)
    return public(PlanPublic, service.summary(row))


@router.get("/plans/{plan_id}/explanation", responses=problem_responses(401, 403, 404))
def explain_plan(
    plan_id: str, session: SessionDep, actor: CurrentActor, lang: ApiLang
) -> PlanExplanation:
    """The served value, every class and visit left out with its reason, and soft-goal scores."""
    return public(PlanExplanation, service.explain(session, actor, plan_id), lang)


@router.get("/plans/{plan_id}/diff/{other_plan_id}", responses=problem_responses(401, 403, 404))
def diff_plans(
    plan_id: str, other_plan_id: str, session: SessionDep, actor: CurrentActor
) -> PlanDiff:
    """What changed from this plan to the other: classes added, dropped, moved, re-staffed."""
    return public(PlanDiff, diff_service.compare(session, actor, plan_id, other_plan_id))


@router.get("/plans/{plan_id}/published-changes", responses=problem_responses(401, 403, 404))
def published_changes(
    plan_id: str, session: SessionDep, actor: CurrentActor
) -> PublishedChangesPublic:
    """How many published classes publishing this plan would move, restaff or drop: the number
    ``confirm_changes`` must carry (all zero when nothing is published, or this plan is)."""
    changes = keep_published.changes_of(session, actor, plan_id)
    if changes is None:
        return PublishedChangesPublic(
            published_version=None, published_classes=0, moved=0, restaffed=0, dropped=0, total=0
        )
    return public(PublishedChangesPublic, changes)


@router.post("/plans/{plan_id}/publish", responses=problem_responses(401, 403, 404, 409, 412))
def publish_plan(
    plan_id: str,
    response: Response,
    session: SessionDep,
    actor: CurrentActor,
    if_match: PlanIfMatch = None,
    confirm_changes: Annotated[
        int | None,
        Query(
            ge=0,
            le=10**6,
            description="How many published classes this plan changes (see published-changes); "
            "needed only when it changes some: 409 without it or with another number.",
        ),
    ] = None,
) -> PlanPublic:
    """Publish the plan; the scenario's previously published plan becomes superseded."""
    row = keep_published.publish(session, actor, plan_id, if_match, confirm_changes)
    response.headers["ETag"] = plan_etag(row)
    return public(PlanPublic, service.summary(row))


@router.post(
    "/plans/{plan_id}/replan",
    status_code=201,
    responses=problem_responses(401, 403, 404, 412, 422),
)
def replan_plan(
    plan_id: str,
    request: ReplanCreate,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    actor: CurrentActor,
    if_match: ScenarioIfMatch = None,
) -> ReplanResult:
    """Apply changes (trainer away, venue closed, cohort added or withdrawn, fund changed).

    The changed scenario is stored as a new revision and a new draft plan is made that keeps
    every class the changes left valid; the answer holds the plan, its diff and any pin the
    changes made impossible.
    """
    changes = [replan_service.ChangeRequest(**ch.model_dump()) for ch in request.changes]
    options = (request.time_limit_s, request.seed)
    result = replan_service.replan_plan(
        session, actor, plan_id, changes, options, settings, if_match
    )
    response.headers["Location"] = f"/api/v1/plans/{result.plan.id}"
    return public(ReplanResult, result)


@router.post("/plans/{plan_id}/options", responses=problem_responses(401, 403, 404, 422))
def placement_options(
    plan_id: str, request: OptionsCreate, session: SessionDep, actor: CurrentActor, lang: ApiLang
) -> PlacementOptions:
    """The best few placements (days, venue, trainers) for one extra cohort, nothing else moved.

    Free venues first, then trainers teaching in their home region, then earlier dates; one
    option per start day. Nothing is stored.
    """
    found = options_service.placement_options(
        session, actor, plan_id, request.cohort, request.limit
    )
    return public(PlacementOptions, found, lang)


# An answer about a plan computed as a job: 202 with the job until it is there.
COMPUTING = {
    **problem_responses(401, 403, 404),
    202: {"model": JobPublic, "description": "being computed: watch the job (Location)"},
}


def _computing(response: Response, job: JobStatus) -> JobPublic:
    response.status_code = 202
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return public(JobPublic, job)


@router.get("/plans/{plan_id}/levers", responses=COMPUTING)
def plan_levers(
    plan_id: str,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    runner: RunnerDep,
    actor: CurrentActor,
    lang: ApiLang,
) -> PlanLeversPublic | JobPublic:
    """What it would take to place each class the plan leaves out: the smallest changes found.

    Each lever was applied, solved again and checked before it is offered; its ``change`` is a
    body for ``POST /plans/{id}/replan``. The first request starts a job and answers 202 with
    it; once the job has ended, the levers (kept per plan) are the answer.
    """
    found = levers_service.plan_levers(session, actor, runner, plan_id, settings)
    if found.levers is None and found.job is not None:
        return _computing(response, found.job)
    return public(PlanLeversPublic, found, lang)


@router.get("/plans/{plan_id}/money", responses=COMPUTING)
def plan_money(
    plan_id: str,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    runner: RunnerDep,
    actor: CurrentActor,
    lang: ApiLang,
) -> PlanMoneyPublic | JobPublic:
    """What money buys: served value and trainees per key group with the whole budget and
    each fund at -20 %, -10 %, +10 %, +20 % and +50 %, each point a re-plan of this plan.

    Computed as a job (202 with it, dozens of short re-plans one after another), then kept
    per plan and answered with 200.
    """
    found = money_service.plan_money(session, actor, runner, plan_id, settings)
    if found.curves is None and found.job is not None:
        return _computing(response, found.job)
    return public(PlanMoneyPublic, found, lang)
