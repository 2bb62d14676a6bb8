"""What a solve returns: the plan in the spec's format, status, bound, timings, diff, conflicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from trainsched.formats import Message
from trainsched.formats.plan import FundUse, Plan, PlanStatus, ScheduledCohort, UnscheduledCohort
from trainsched.formats.plan_text import reasons_extension
from trainsched.solver.problem import NO_FUND, Problem
from trainsched.solver.reasons import explain
from trainsched.solver.residual import Assignment, Placement, Residual


@dataclass(frozen=True)
class ClassChanges:
    """Class ids that changed against the previous plan (the solver's view, by class)."""

    moved: list[str] = field(default_factory=list)
    restaffed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)

    @property
    def changed(self) -> set[str]:
        """Every class id that changed in any way."""
        return set(self.moved) | set(self.restaffed) | set(self.dropped) | set(self.added)


@dataclass(frozen=True)
class SolveResult:
    """A solved plan with its status, served value, bound and diagnostics."""

    plan: Plan
    status: PlanStatus
    value: int
    bound: int | None
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[Message] = field(default_factory=list)
    diff: ClassChanges | None = None
    conflicts: list[Message] = field(default_factory=list)


def teaching_days(plan: Plan) -> dict[str, frozenset[dt.date]]:
    """Per trainer id, every date they teach in the plan (the visit solver keeps these free)."""
    out: dict[str, set[dt.date]] = {}
    for sc in plan.cohorts:
        for t in sc.trainers:
            out.setdefault(t, set()).update(sc.days)
    return {t: frozenset(days) for t, days in out.items()}


def placements_of(problem: Problem, plan: Plan) -> dict[int, Placement]:
    """Read a plan's classes back into placements (classes it cannot express are skipped)."""
    cix = problem.cohort_by_id()
    vix = {v.id: v.index for v in problem.venues}
    tix = {t.id: t.index for t in problem.trainers}
    dix = {d: i for i, d in enumerate(problem.days)}
    out: dict[int, Placement] = {}
    for sc in plan.cohorts:
        first = min(sc.days)
        if sc.id not in cix or sc.venue not in vix or first not in dix:
            continue
        if any(t not in tix for t in sc.trainers):
            continue
        out[cix[sc.id]] = Placement(
            dix[first], vix[sc.venue], tuple(sorted(tix[t] for t in sc.trainers))
        )
    return out


def class_changes(problem: Problem, old: Assignment, new: Assignment) -> ClassChanges:
    """Which classes moved (days or venue), were re-staffed, dropped or added."""
    ids = [c.id for c in problem.cohorts]
    moved = [
        ids[c]
        for c in old
        if c in new and (old[c].start, old[c].venue) != (new[c].start, new[c].venue)
    ]
    restaffed = [ids[c] for c in old if c in new and old[c].trainers != new[c].trainers]
    dropped = [ids[c] for c in old if c not in new]
    added = [ids[c] for c in new if c not in old]
    return ClassChanges(sorted(moved), sorted(restaffed), sorted(dropped), sorted(added))


def build_plan(
    problem: Problem,
    a: Assignment,
    *,
    status: PlanStatus,
    bound: int | None,
    extra: dict[str, Any],
) -> Plan:
    """The spec's plan for an assignment, with a computed reason for every class left out.

    Each ``reason`` is the Chinese text; both languages go to ``x.reasons`` (see plan_text).
    """
    res = Residual.of(problem, a)
    cohorts = []
    for c in sorted(a):
        pl = a[c]
        co = problem.cohorts[c]
        cohorts.append(
            ScheduledCohort(
                id=co.id,
                days=problem.block_dates(pl.start, co.length),
                venue=problem.venues[pl.venue].id,
                trainers=[problem.trainers[t].id for t in pl.trainers],
            )
        )
    reasons = {c.id: explain(problem, res, c.index) for c in problem.cohorts if c.index not in a}
    missing = [UnscheduledCohort(id=cid, reason=why.zh) for cid, why in reasons.items()]
    used = [0] * len(problem.funds)
    for c, pl in a.items():
        f = problem.cohorts[c].fund_at(pl.start)
        if f != NO_FUND:
            used[f] += problem.cohorts[c].cost
    funds = [FundUse(id=f.id, used=used[f.index], amount=f.amount) for f in problem.funds]
    return Plan(
        scenario=problem.name,
        status=status,
        objective=sum(problem.cohorts[c].value for c in a),
        bound=bound,
        cohorts=cohorts,
        unscheduled_cohorts=missing,
        funds=funds,
        x={**extra, "reasons": reasons_extension(reasons, {})},
    )
