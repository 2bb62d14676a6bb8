"""Plans: read, explain, compare and publish."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from trainsched.api.schemas import (
    FundUsePublic,
    PlanExplanation,
    PlanPublic,
    SoftScore,
    UnscheduledCohortExplained,
    UnscheduledVisitsExplained,
)
from trainsched.formats import Plan, Scenario
from trainsched.services import publications
from trainsched.services.common import check_if_match, get_row, plan_etag
from trainsched.services.jobs import gap
from trainsched.store import repo
from trainsched.store.mapper import plan_from_row, scenario_from_row
from trainsched.store.tables import PlanRow, ScenarioRow


def to_public(row: PlanRow) -> PlanPublic:
    """A stored plan's metadata."""
    return PlanPublic(
        id=row.id,
        scenario_id=row.scenario_id,
        version=row.version,
        status=row.status,
        objective=row.objective,
        bound=row.bound,
        etag=plan_etag(row),
        solve_job_id=row.solve_job_id,
        created_at=row.created_at,
        published_at=row.published_at,
    )


def load(session: Session, plan_id: str) -> tuple[PlanRow, Plan]:
    """The stored plan row and its document, or 404."""
    row = get_row(session, PlanRow, plan_id)
    return row, plan_from_row(row)


def list_public(session: Session, scenario_id: str) -> list[PlanPublic]:
    """The plans of a scenario, oldest first."""
    get_row(session, ScenarioRow, scenario_id)
    return [to_public(row) for row in repo.list_plans(session, scenario_id)]


def publish(session: Session, plan_id: str, if_match: str | None) -> PlanRow:
    """Publish a plan; the scenario's previous published plan becomes superseded."""
    row = get_row(session, PlanRow, plan_id)
    check_if_match(if_match, plan_etag(row))
    published = repo.publish_plan(session, plan_id)
    publications.changed(session, published.scenario_id)
    return published


def explain(session: Session, plan_id: str) -> PlanExplanation:
    """What a plan serves, what it left out and why, and its soft goals' scores."""
    row, plan = load(session, plan_id)
    scenario = scenario_from_row(get_row(session, ScenarioRow, row.scenario_id))
    extra = plan.x or {}
    return PlanExplanation(
        plan_id=row.id,
        status=plan.status,
        value=plan.objective,
        bound=plan.bound,
        gap=gap(plan.objective, plan.bound),
        scheduled_cohorts=len(plan.cohorts),
        requested_cohorts=len(scenario.cohorts),
        scheduled_visits=len(plan.visits),
        unscheduled_cohorts=_unscheduled(plan, scenario),
        unscheduled_visits=[
            UnscheduledVisitsExplained(request=u.request, missing=u.missing, reason=u.reason)
            for u in plan.unscheduled_visits
        ],
        funds=[
            FundUsePublic(id=f.id, used=f.used, amount=f.amount, left=f.amount - f.used)
            for f in plan.funds
        ],
        soft_scores=_soft_scores(extra.get("score")),
        warnings=[str(w) for w in extra.get("warnings", []) if isinstance(w, str)],
    )


def _unscheduled(plan: Plan, scenario: Scenario) -> list[UnscheduledCohortExplained]:
    cohorts = {c.id: c for c in scenario.cohorts}
    out = []
    for u in plan.unscheduled_cohorts:
        c = cohorts.get(u.id)
        out.append(
            UnscheduledCohortExplained(
                id=u.id,
                course=c.course if c else "",
                region=c.region if c else "",
                trainees=c.size if c else 0,
                priority=c.priority if c else 1,
                reason=u.reason,
            )
        )
    return out


def _soft_scores(raw: Any) -> list[SoftScore]:
    # plan.x is an extension area: read what fits, skip what does not.
    if not isinstance(raw, list):
        return []
    out = []
    for item in raw:
        try:
            out.append(SoftScore.model_validate(item))
        except ValidationError:
            continue
    return out
