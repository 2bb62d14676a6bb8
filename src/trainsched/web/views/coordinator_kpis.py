"""A plan's key figures against the scenario's targets: trainees, money, days, visits."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from trainsched.formats import Plan, Scenario
from trainsched.formats.common import unavailable_dates
from trainsched.web.svg import BarChart, Gantt, bar_chart, gantt
from trainsched.workcal import WorkingCalendar


class GroupKpi(BaseModel):
    """Trainees of one key group: placed in classes against requested."""

    id: str
    name: str
    scheduled: int
    requested: int


class FundKpi(BaseModel):
    """One subsidy fund: yuan the plan charges against the fund's amount."""

    id: str
    name: str
    used: int
    amount: int


class UseKpi(BaseModel):
    """A trainer's or venue's booked days against the working days it could give."""

    id: str
    name: str
    used_days: int
    available_days: int


class Kpis(BaseModel):
    """Every figure of the plan page's summary, with its charts."""

    groups: list[GroupKpi]
    group_chart: BarChart
    funds: list[FundKpi]
    fund_chart: BarChart
    trainers: list[UseKpi]
    venues: list[UseKpi]
    trainer_days: int
    trainer_capacity: int
    venue_days: int
    venue_capacity: int
    visits_done: int
    visits_requested: int


def _groups(scenario: Scenario, plan: Plan) -> list[GroupKpi]:
    placed = {c.id for c in plan.cohorts}
    requested = dict.fromkeys(scenario.groups, 0)
    scheduled = dict.fromkeys(scenario.groups, 0)
    for cohort in scenario.cohorts:
        for group, n in cohort.trainees.items():
            requested[group] = requested.get(group, 0) + n
            if cohort.id in placed:
                scheduled[group] = scheduled.get(group, 0) + n
    names = {k: g.name for k, g in scenario.groups.items()}
    return [
        GroupKpi(id=g, name=names.get(g, g), scheduled=scheduled[g], requested=requested[g])
        for g in requested
    ]


def _funds(scenario: Scenario, plan: Plan) -> list[FundKpi]:
    names = {f.id: f.name or f.id for f in scenario.funds}
    return [
        FundKpi(id=f.id, name=names.get(f.id, f.id), used=f.used, amount=f.amount)
        for f in plan.funds
    ]


def _available(calendar: WorkingCalendar, unavailable: frozenset[dt.date], cap: int | None) -> int:
    free = sum(1 for d in calendar.days if d not in unavailable)
    return min(free, cap) if cap is not None else free


def _trainer_use(scenario: Scenario, plan: Plan, calendar: WorkingCalendar) -> list[UseKpi]:
    used = {t.id: 0 for t in scenario.trainers}
    for sc in plan.cohorts:
        for t in sc.trainers:
            used[t] = used.get(t, 0) + len(sc.days)
    return [
        UseKpi(
            id=t.id,
            name=t.name,
            used_days=used[t.id],
            available_days=_available(calendar, unavailable_dates(t.unavailable), t.max_days_total),
        )
        for t in scenario.trainers
    ]


def _venue_use(scenario: Scenario, plan: Plan, calendar: WorkingCalendar) -> list[UseKpi]:
    used = {v.id: 0 for v in scenario.venues}
    for sc in plan.cohorts:
        used[sc.venue] = used.get(sc.venue, 0) + len(sc.days)
    return [
        UseKpi(
            id=v.id,
            name=v.name,
            used_days=used[v.id],
            available_days=_available(calendar, unavailable_dates(v.unavailable), None),
        )
        for v in scenario.venues
    ]


def kpis(scenario: Scenario, plan: Plan, calendar: WorkingCalendar) -> Kpis:
    """The plan's figures against what the scenario asks and allows."""
    groups = _groups(scenario, plan)
    funds = _funds(scenario, plan)
    trainers = _trainer_use(scenario, plan, calendar)
    venues = _venue_use(scenario, plan, calendar)
    return Kpis(
        groups=groups,
        group_chart=bar_chart([(g.name, g.scheduled, g.requested) for g in groups]),
        funds=funds,
        fund_chart=bar_chart([(f.id, f.used, f.amount) for f in funds]),
        trainers=trainers,
        venues=venues,
        trainer_days=sum(t.used_days for t in trainers),
        trainer_capacity=sum(t.available_days for t in trainers),
        venue_days=sum(v.used_days for v in venues),
        venue_capacity=sum(v.available_days for v in venues),
        visits_done=len(plan.visits),
        visits_requested=sum(r.visits for r in scenario.visit_requests),
    )


def timelines(scenario: Scenario, plan: Plan) -> tuple[Gantt, Gantt]:
    """The venue and the trainer timelines of a plan."""
    by_venue: dict[str, list[tuple[str, dt.date, dt.date]]] = {v.id: [] for v in scenario.venues}
    by_trainer: dict[str, list[tuple[str, dt.date, dt.date]]] = {
        t.id: [] for t in scenario.trainers
    }
    for sc in plan.cohorts:
        bar = (sc.id, min(sc.days), max(sc.days))
        by_venue.setdefault(sc.venue, []).append(bar)
        for t in sc.trainers:
            by_trainer.setdefault(t, []).append(bar)
    venue_names = {v.id: v.name for v in scenario.venues}
    trainer_names = {t.id: t.name for t in scenario.trainers}
    h = scenario.horizon
    venues = gantt(
        h.start,
        h.end,
        [(v, venue_names.get(v, v), bars) for v, bars in by_venue.items()],
    )
    trainers = gantt(
        h.start,
        h.end,
        [(t, trainer_names.get(t, t), bars) for t, bars in by_trainer.items()],
    )
    return venues, trainers
