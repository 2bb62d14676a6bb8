"""The coordinator's scenarios: my scenarios, and one scenario's overview and checks."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col

from trainsched.formats import Message, Problem, Scenario
from trainsched.formats.validate import scenario_problems
from trainsched.memo import Shelf, Shelves
from trainsched.services import access, jobs, keep_published, plans
from trainsched.services import scenarios as service
from trainsched.services.access import Actor
from trainsched.services.errors import NotFound
from trainsched.services.jobs import JobStatus
from trainsched.services.keep_published import PublishedPlan
from trainsched.services.plans import PlanSummary
from trainsched.services.scenarios import ScenarioSummary
from trainsched.store.tables import ScenarioRow
from trainsched.web.views.coordinator_providers import ProviderLine, provider_lines
from trainsched.workcal import scenario_calendar


@dataclass(frozen=True)
class ScenarioChecks:
    """What one revision of a scenario holds and what is wrong or doubtful in it."""

    scenario: ScenarioSummary
    regions: int
    # Founders ask for 1–4 visits each: the plan page counts visits, so this page says both.
    visits_asked: int
    problems: list[Problem]
    calendar_warnings: list[Message]
    untaught_courses: list[str]
    institutions: list[ProviderLine]


@dataclass(frozen=True)
class ScenarioOverview(ScenarioChecks):
    """A scenario's counts and checks, with its jobs and plans."""

    jobs: list[JobStatus]
    plans: list[PlanSummary]
    published: PublishedPlan | None  # what the solve form keeps unless told to start afresh


# A scenario revision never changes, so its checks never go stale.
CHECKS: Shelf[tuple[str, int], ScenarioChecks] = Shelf("scenario checks", 16)
# A stored plan's classes never change: its count is read once per plan.
PUBLISHED: Shelf[str, PublishedPlan] = Shelf("published plan counts", 16)


def _untaught_courses(scenario: Scenario) -> list[str]:
    # A requested course no trainer is qualified for can never be placed.
    taught = {q for t in scenario.trainers for q in t.qualifications}
    wanted = {c.course for c in scenario.cohorts}
    return sorted(
        c.id for c in scenario.courses if c.id in wanted and c.qualification_tag not in taught
    )


def _build_checks(session: Session, actor: Actor, scenario_id: str) -> ScenarioChecks:
    row, scenario = service.load(session, actor, scenario_id)
    return ScenarioChecks(
        scenario=service.summary(row),
        regions=len(scenario.regions),
        visits_asked=sum(r.visits for r in scenario.visit_requests),
        problems=list(scenario_problems(scenario)),
        calendar_warnings=list(scenario_calendar(scenario).warnings),
        untaught_courses=_untaught_courses(scenario),
        institutions=provider_lines(scenario),
    )


def checks(session: Session, memos: Shelves, actor: Actor, scenario_id: str) -> ScenarioChecks:
    """A scenario's counts and checks, parsed once per revision (revisions never change).

    Whether the actor may see it is asked first, every time: the memory is shared by all.
    """
    revision = access.scenario(session, actor, scenario_id, "viewer").revision
    return memos.memo(CHECKS).get_or_make(
        (scenario_id, revision), lambda: _build_checks(session, actor, scenario_id)
    )


def overview(session: Session, memos: Shelves, actor: Actor, scenario_id: str) -> ScenarioOverview:
    """A stored scenario as its overview page shows it."""
    return ScenarioOverview(
        **vars(checks(session, memos, actor, scenario_id)),
        # Levers jobs answer about a plan and are followed from its page, not listed here.
        jobs=[j for j in jobs.list_for_scenario(session, actor, scenario_id) if j.kind == "solve"],
        plans=plans.list_summaries(session, actor, scenario_id),
        published=_published(session, memos, actor, scenario_id),
    )


def _published(
    session: Session, memos: Shelves, actor: Actor, scenario_id: str
) -> PublishedPlan | None:
    plan_id = keep_published.published_plan_id(session, actor, scenario_id)
    if plan_id is None:
        return None
    return memos.memo(PUBLISHED).get_or_make(
        plan_id, lambda: keep_published.published_plan(session, actor, plan_id)
    )


def my_scenarios(session: Session, memos: Shelves, actor: Actor) -> list[ScenarioSummary]:
    """The scenarios of the actor's offices, newest change first (each parsed once per revision)."""
    found = []
    visible = col(ScenarioRow.office_id).in_(actor.office_ids)
    for scenario_id in session.execute(sa.select(col(ScenarioRow.id)).where(visible)).scalars():
        try:
            found.append(checks(session, memos, actor, scenario_id).scenario)
        except NotFound:
            continue  # deleted meanwhile by someone else
    return sorted(found, key=lambda s: s.updated_at, reverse=True)
