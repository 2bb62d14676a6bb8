"""Training institutions on the coordinator's pages: what each applies for and runs, what each
is paid, and the timelines of one institution's classes."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from trainsched.formats import Plan, Scenario
from trainsched.web.svg import Gantt, gantt


class ProviderKpi(BaseModel):
    """One institution under a plan: its classes placed against applied for, its trainees, and
    the subsidy to be paid to it (whole yuan, for its trainees in subsidised groups)."""

    id: str | None  # None: classes no institution applied for
    name: str
    classes: int
    requested: int
    trainees: int
    subsidy: int


class ProviderLine(BaseModel):
    """One institution as the scenario overview lists it."""

    id: str
    name: str
    phone: str
    regions: list[str]  # names; empty when designated for every district
    courses: list[str]  # ids; empty when designated for every course
    cohorts: int
    trainers: int
    venues: int
    enrol_close_days: int


def provider_lines(scenario: Scenario) -> list[ProviderLine]:
    """The scenario's institutions with how many classes, own trainers and rooms each has."""
    regions = {r.id: r.name for r in scenario.regions}
    return [
        ProviderLine(
            id=p.id,
            name=p.name,
            phone=p.phone,
            regions=[regions.get(r, r) for r in p.regions or []],
            courses=list(p.courses or []),
            cohorts=sum(1 for c in scenario.cohorts if c.provider == p.id),
            trainers=sum(1 for t in scenario.trainers if p.id in (t.providers or [])),
            venues=sum(1 for v in scenario.venues if v.provider == p.id),
            enrol_close_days=p.enrol_close_days,
        )
        for p in scenario.providers
    ]


def provider_kpis(scenario: Scenario, plan: Plan) -> list[ProviderKpi]:
    """Per institution: classes, trainees and the subsidy the plan would pay it; classes no
    institution applied for come last, in a row of their own."""
    if not scenario.providers:
        return []
    courses = {c.id: c.subsidy_per_trainee for c in scenario.courses}
    subsidised = {g for g, v in scenario.groups.items() if v.subsidised}
    placed = {c.id for c in plan.cohorts}
    names = {p.id: p.name for p in scenario.providers}
    # institution id ("" for none) -> [classes, requested, trainees, subsidy]
    sums: dict[str, list[int]] = {p.id: [0, 0, 0, 0] for p in scenario.providers}
    for cohort in scenario.cohorts:
        row = sums.setdefault(cohort.provider if cohort.provider in names else "", [0, 0, 0, 0])
        row[1] += 1
        if cohort.id in placed:
            paid = sum(n for g, n in cohort.trainees.items() if g in subsidised)
            row[0] += 1
            row[2] += cohort.size
            row[3] += courses.get(cohort.course, 0) * paid
    return [
        ProviderKpi(
            id=key or None,
            name=names.get(key, ""),
            classes=row[0],
            requested=row[1],
            trainees=row[2],
            subsidy=row[3],
        )
        for key, row in sums.items()
    ]


def provider_timelines(scenario: Scenario, plan: Plan, provider: str) -> tuple[Gantt, Gantt]:
    """The venue and trainer timelines of one institution's classes: its own rooms and
    trainers, and any shared ones its classes use."""
    cohorts = {c.id: c for c in scenario.cohorts}
    mine = [sc for sc in plan.cohorts if sc.id in cohorts and cohorts[sc.id].provider == provider]
    used_venues = {sc.venue for sc in mine}
    used_trainers = {t for sc in mine for t in sc.trainers}
    venues = [v for v in scenario.venues if v.provider == provider or v.id in used_venues]
    trainers = [
        t for t in scenario.trainers if provider in (t.providers or []) or t.id in used_trainers
    ]
    h = scenario.horizon

    def bars(keep: str, of_trainer: bool) -> list[tuple[str, dt.date, dt.date]]:
        return [
            (sc.id, min(sc.days), max(sc.days))
            for sc in mine
            if (keep in sc.trainers if of_trainer else sc.venue == keep)
        ]

    return (
        gantt(h.start, h.end, [(v.id, v.name, bars(v.id, False)) for v in venues]),
        gantt(h.start, h.end, [(t.id, t.name, bars(t.id, True)) for t in trainers]),
    )
