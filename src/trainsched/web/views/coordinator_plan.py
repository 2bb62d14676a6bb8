"""The coordinator's plan page: KPIs, timelines, unscheduled reasons, diff; built once per state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col

from trainsched.formats.plan_text import provisional_years
from trainsched.memo import Shelf, Shelves
from trainsched.services import access, plans
from trainsched.services.access import Actor
from trainsched.services.diff import PlanComparison, compare_plans
from trainsched.services.errors import NotFound
from trainsched.services.keep_published import PublishedChanges, count_changes
from trainsched.services.plans import Explanation, PlanSummary
from trainsched.store import repo
from trainsched.store.mapper import plan_from_row
from trainsched.store.tables import PlanRow, ScenarioRow
from trainsched.web.svg import Gantt
from trainsched.web.views.coordinator_kpis import Kpis, kpis, timelines
from trainsched.web.views.coordinator_providers import (
    ProviderKpi,
    provider_kpis,
    provider_timelines,
)
from trainsched.workcal import scenario_calendar


@dataclass(frozen=True)
class Choice:
    """One entry of a drop-down: an id and what people call it."""

    id: str
    name: str


@dataclass(frozen=True)
class PlanPage:
    """Everything the plan page shows."""

    cache_key: str
    plan: PlanSummary
    scenario_name: str
    horizon_start: dt.date
    horizon_end: dt.date
    explanation: Explanation
    kpis: Kpis
    venue_gantt: Gantt
    trainer_gantt: Gantt
    published: PlanSummary | None
    diff: PlanComparison | None
    published_changes: PublishedChanges | None  # published classes this plan would change
    courses: list[Choice]
    regions: list[Choice]
    groups: list[Choice]
    venue_names: dict[str, str]
    trainer_names: dict[str, str]
    region_names: dict[str, str]
    fund_names: dict[str, str]  # options and reasons name funds, not their codes
    provider_kpis: list[ProviderKpi]
    providers: list[Choice]
    provider: str | None  # the institution the timelines are filtered by; None: all
    provisional_years: list[int]


@dataclass(frozen=True)
class PageKey:
    """What a plan page depends on: the plan's status, the published plan, the scenario revision."""

    plan_id: str
    status: str
    published_id: str | None
    revision: int
    provider: str | None = None


# A key names immutable inputs (plan status, published plan, scenario revision): never stale.
PAGES: Shelf[PageKey, PlanPage] = Shelf("plan pages", 16)


def page_key(session: Session, actor: Actor, plan_id: str, provider: str | None = None) -> PageKey:
    """The key of a plan's page (its timelines filtered by ``provider`` when given), read
    without loading any document; or 404, also when the actor cannot see the plan (asked
    every time, before the memory shared by all is consulted)."""
    access.plan(session, actor, plan_id, "viewer")
    found = session.execute(
        sa.select(col(PlanRow.status), col(PlanRow.scenario_id), col(ScenarioRow.revision))
        .join(ScenarioRow, col(ScenarioRow.id) == col(PlanRow.scenario_id))
        .where(col(PlanRow.id) == plan_id)
    ).first()
    if found is None:
        raise NotFound("plan", plan_id)
    status, scenario_id, revision = found
    published_id = repo.published_plan_id(session, scenario_id)
    return PageKey(plan_id, status, published_id, revision, provider or None)


def plan_page(
    session: Session, memos: Shelves, actor: Actor, plan_id: str, provider: str | None = None
) -> PlanPage:
    """The plan page's view, from memory when nothing it shows has changed."""
    key = page_key(session, actor, plan_id, provider)
    return memos.memo(PAGES).get_or_make(key, lambda: build_page(session, actor, key))


def build_page(session: Session, actor: Actor, key: PageKey) -> PlanPage:
    """Join a plan to its scenario and the published plan, and measure everything shown."""
    row, plan, scenario = plans.load_with_scenario(session, actor, key.plan_id)
    published_row = session.get(PlanRow, key.published_id) if key.published_id else None
    diff = changes = None
    if published_row is not None and published_row.id != row.id:
        before = plan_from_row(published_row)
        diff = compare_plans(before, plan, published_row.id, row.id)
        changes = count_changes(diff, published_row.version, len(before.cohorts))
    known = {p.id for p in scenario.providers}
    # An institution the scenario no longer has shows every timeline, not an error.
    provider = key.provider if key.provider in known else None
    if provider:
        venue_gantt, trainer_gantt = provider_timelines(scenario, plan, provider)
    else:
        venue_gantt, trainer_gantt = timelines(scenario, plan)
    return PlanPage(
        cache_key=f"{key.plan_id}:{key.status}:{key.published_id}:{key.revision}:{provider}",
        plan=plans.summary(row),
        scenario_name=scenario.name,
        horizon_start=scenario.horizon.start,
        horizon_end=scenario.horizon.end,
        explanation=plans.explain(session, actor, key.plan_id),
        kpis=kpis(scenario, plan, scenario_calendar(scenario)),
        venue_gantt=venue_gantt,
        trainer_gantt=trainer_gantt,
        published=plans.summary(published_row) if published_row is not None else None,
        diff=diff,
        published_changes=changes,
        courses=[Choice(id=c.id, name=c.name) for c in scenario.courses],
        regions=[Choice(id=r.id, name=r.name) for r in scenario.regions],
        groups=[Choice(id=k, name=g.name) for k, g in scenario.groups.items()],
        venue_names={v.id: v.name for v in scenario.venues},
        trainer_names={t.id: t.name for t in scenario.trainers},
        region_names={r.id: r.name for r in scenario.regions},
        fund_names={f.id: f.name or f.id for f in scenario.funds},
        provider_kpis=provider_kpis(scenario, plan),
        providers=[Choice(id=p.id, name=p.name) for p in scenario.providers],
        provider=provider,
        provisional_years=provisional_years(plan),
    )
