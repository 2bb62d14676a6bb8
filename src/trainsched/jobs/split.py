"""Split a scenario into parts sharing no trainer, venue or fund, and merge their plans."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from trainsched.formats import Plan, Scenario
from trainsched.formats.plan import FundUse, PlanStatus
from trainsched.formats.plan_text import (
    cohort_reasons,
    provisional_years,
    reasons_extension,
    warnings_extension,
)
from trainsched.solver import SolveOptions, independent_parts, stage_options
from trainsched.workcal import scenario_calendar

# Below this a part is not worth a job of its own: CP-SAT needs a moment to start.
MIN_PART_LIMIT_S = 1.0


@dataclasses.dataclass(frozen=True)
class Part:
    """One independent group of requested classes and its share of the time limit."""

    cohort_ids: list[str]
    time_limit_s: float


def split_cohorts(scenario: Scenario) -> list[list[str]]:
    """Class ids grouped so that no two groups can use the same trainer, venue or fund."""
    return independent_parts(scenario)


def plan_parts(scenario: Scenario, options: SolveOptions) -> list[Part]:
    """The parts of a scenario, each with the time the whole solve would give its classes."""
    groups = split_cohorts(scenario)
    cohort_limit = stage_options(scenario, options)[0].time_limit_s
    total = max(1, sum(len(g) for g in groups))
    return [Part(g, max(MIN_PART_LIMIT_S, cohort_limit * len(g) / total)) for g in groups]


def part_scenario(scenario: Scenario, cohort_ids: Sequence[str]) -> Scenario:
    """The scenario cut to some classes and no visits; every resource stays, unused ones idle."""
    keep = set(cohort_ids)
    return scenario.model_copy(
        update={
            "cohorts": [c for c in scenario.cohorts if c.id in keep],
            "visit_requests": [],
            "mentors": [],
        }
    )


def merge_cohort_plans(scenario: Scenario, plans: Sequence[Plan]) -> Plan:
    """One plan of every class from the plans of independent parts (visits come later)."""
    order = {c.id: i for i, c in enumerate(scenario.cohorts)}
    cohorts = sorted((c for p in plans for c in p.cohorts), key=lambda c: order[c.id])
    unscheduled = sorted(
        (u for p in plans for u in p.unscheduled_cohorts), key=lambda u: order[u.id]
    )
    used: dict[str, int] = {}
    for p in plans:
        for f in p.funds:
            used[f.id] = used.get(f.id, 0) + f.used
    bounds = [p.bound for p in plans]
    status: PlanStatus = (
        "optimal" if plans and all(p.status == "optimal" for p in plans) else "feasible"
    )
    return Plan(
        scenario=scenario.name,
        status=status,
        objective=sum(p.objective for p in plans),
        bound=None if any(b is None for b in bounds) else sum(b for b in bounds if b is not None),
        cohorts=cohorts,
        unscheduled_cohorts=unscheduled,
        funds=[FundUse(id=f.id, used=used.get(f.id, 0), amount=f.amount) for f in scenario.funds],
        x={
            "parts": len(plans),
            "reasons": reasons_extension(
                {k: m for p in plans for k, m in cohort_reasons(p).items()}, {}
            ),
            "warnings": warnings_extension(scenario_calendar(scenario).warnings),
            "provisional_years": sorted({y for p in plans for y in provisional_years(p)}),
        },
    )
