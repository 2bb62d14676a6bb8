"""Plans: read, explain, list and publish."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from trainsched.formats import Message, Plan, Scenario
from trainsched.formats.legacy_words import scenario_names
from trainsched.formats.plan_text import cohort_reasons, plan_warnings, visit_reasons
from trainsched.services import access, audit, publications
from trainsched.services.access import Actor
from trainsched.services.common import check_if_match, get_row, plan_etag
from trainsched.services.jobs import gap
from trainsched.services.records import Record
from trainsched.store import repo
from trainsched.store.mapper import plan_from_row, scenario_from_row
from trainsched.store.office_tables import Role
from trainsched.store.tables import PlanRow, ScenarioRow


class PlanSummary(Record):
    """A stored plan's metadata: version, publication state, served value and bound."""

    id: str
    scenario_id: str
    version: int
    status: str
    objective: int
    bound: int | None
    etag: str
    solve_job_id: str | None
    created_at: dt.datetime
    published_at: dt.datetime | None


class ClassLeftOut(Record):
    """A requested class the plan could not place, and the limit that stopped it."""

    id: str
    course: str
    region: str
    trainees: int
    priority: int
    reason: Message
    provider: str | None = None  # the institution that applied for it, by name
    provider_id: str | None = None


class VisitsShort(Record):
    """A visit request that got fewer visits than asked, and why."""

    request: str
    missing: int
    reason: Message


class FundSpend(Record):
    """Money one fund spends under a plan."""

    id: str
    used: int
    amount: int
    left: int


class SoftGoalScore(Record):
    """One soft goal of a plan: how much of it there is and what it weighs."""

    key: str
    label: str | None
    amount: float
    weight: float | None
    penalty: float | None


class Explanation(Record):
    """Why a plan looks as it does: its value, what it left out and each soft goal's score."""

    plan_id: str
    status: str
    value: int
    bound: int | None
    gap: float | None
    scheduled_cohorts: int
    requested_cohorts: int
    scheduled_visits: int
    # Sequences, not lists: the API's schema narrows them to its own schemas of these records.
    unscheduled_cohorts: Sequence[ClassLeftOut]
    unscheduled_visits: Sequence[VisitsShort]
    funds: Sequence[FundSpend]
    soft_scores: Sequence[SoftGoalScore]
    warnings: list[Message]


def summary(row: PlanRow) -> PlanSummary:
    """A stored plan's metadata: the row's columns of the same names, and its ETag."""
    columns = row.model_dump(include=set(PlanSummary.model_fields))
    return PlanSummary(**columns, etag=plan_etag(row))


# Looked up for the actor: NotFound when missing or not theirs to see, Forbidden when
# their role there is weaker than ``need``.
read = access.plan


def load(
    session: Session, actor: Actor, plan_id: str, need: Role = "viewer"
) -> tuple[PlanRow, Plan]:
    """The stored plan row and its document, or NotFound."""
    row = read(session, actor, plan_id, need)
    return row, plan_from_row(row)


def load_with_scenario(
    session: Session, actor: Actor, plan_id: str, need: Role = "viewer"
) -> tuple[PlanRow, Plan, Scenario]:
    """A plan with the scenario it was made for."""
    row, plan = load(session, actor, plan_id, need)
    scenario = scenario_from_row(get_row(session, ScenarioRow, row.scenario_id))
    return row, plan, scenario


def list_summaries(session: Session, actor: Actor, scenario_id: str) -> list[PlanSummary]:
    """The plans of a scenario, oldest first."""
    access.scenario(session, actor, scenario_id, "viewer")
    return [summary(row) for row in repo.list_plans(session, scenario_id)]


def publish(session: Session, actor: Actor, plan_id: str, if_match: str | None) -> PlanRow:
    """Publish a plan; the scenario's previous published plan becomes superseded."""
    row = read(session, actor, plan_id, "publisher")
    before = plan_etag(row)
    check_if_match(if_match, before)
    published = repo.publish_plan(session, plan_id)
    publications.changed(session, published.scenario_id)
    owner = get_row(session, ScenarioRow, published.scenario_id)
    audit.record(
        session,
        "plan.published",
        plan_id,
        actor=actor,
        office_id=owner.office_id,
        etag_before=before,
        etag_after=plan_etag(published),
    )
    return published


def explain(session: Session, actor: Actor, plan_id: str) -> Explanation:
    """What a plan serves, what it left out and why, and its soft goals' scores."""
    row, plan, scenario = load_with_scenario(session, actor, plan_id)
    extra = plan.x or {}
    visit_why = visit_reasons(plan, scenario_names(scenario))
    return Explanation(
        plan_id=row.id,
        status=plan.status,
        value=plan.objective,
        bound=plan.bound,
        gap=gap(plan.objective, plan.bound),
        scheduled_cohorts=len(plan.cohorts),
        requested_cohorts=len(scenario.cohorts),
        scheduled_visits=len(plan.visits),
        unscheduled_cohorts=_left_out(plan, scenario),
        unscheduled_visits=[
            VisitsShort(request=u.request, missing=u.missing, reason=visit_why[u.request])
            for u in plan.unscheduled_visits
        ],
        funds=[
            FundSpend(id=f.id, used=f.used, amount=f.amount, left=f.amount - f.used)
            for f in plan.funds
        ],
        soft_scores=_soft_scores(extra.get("score")),
        warnings=plan_warnings(plan),
    )


def _left_out(plan: Plan, scenario: Scenario) -> list[ClassLeftOut]:
    cohorts = {c.id: c for c in scenario.cohorts}
    why = cohort_reasons(plan, scenario_names(scenario))
    out = []
    for u in plan.unscheduled_cohorts:
        c = cohorts.get(u.id)
        course, region = (c.course, c.region) if c else ("", "")
        size, priority = (c.size, c.priority) if c else (0, 1)
        provider = scenario.provider_of(c) if c else None
        out.append(
            ClassLeftOut(
                id=u.id,
                course=course,
                region=region,
                trainees=size,
                priority=priority,
                reason=why[u.id],
                provider=provider.name if provider else None,
                provider_id=provider.id if provider else None,
            )
        )
    return out


def _number(raw: Any) -> float | None:
    return float(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else None


def _soft_scores(raw: Any) -> list[SoftGoalScore]:
    # plan.x is an extension area: read what fits, skip what does not.
    out = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            continue
        amount = _number(item.get("amount"))
        if amount is None:
            continue
        label = item.get("label")
        out.append(
            SoftGoalScore(
                key=item["key"],
                label=label if isinstance(label, str) else None,
                amount=amount,
                weight=_number(item.get("weight")),
                penalty=_number(item.get("penalty")),
            )
        )
    return out
