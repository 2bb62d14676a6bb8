"""Ways to place one more cohort around a plan, with every class of the plan kept as it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trainsched.formats import Message, Plan, Scenario
from trainsched.formats.scenario import Cohort
from trainsched.solver.changes import CohortAdded, apply_changes
from trainsched.solver.greedy import pick_trainers, venue_order
from trainsched.solver.problem import NO_FUND, CohortP, Problem, build_problem
from trainsched.solver.reasons import explain
from trainsched.solver.residual import Placement, Residual
from trainsched.solver.result import placements_of
from trainsched.workcal import scenario_calendar


@dataclass(frozen=True)
class ExtraOption:
    """One way to place the extra cohort: days, venue, trainers and what it costs."""

    days: tuple[dt.date, ...]
    venue: str
    trainers: tuple[str, ...]
    value_gain: int
    subsidy: int  # yuan charged to the covering fund
    venue_cost: int  # yuan of venue rent over the class's days
    fund: str | None
    trainers_away_from_home: int


@dataclass(frozen=True)
class ExtraOptions:
    """The best few placements, cheapest first, or the binding limit when there is none."""

    cohort_id: str
    options: tuple[ExtraOption, ...]
    reason: Message | None


def _rank(problem: Problem, c: CohortP, p: Placement) -> tuple[int, int, int]:
    region = problem.venues[p.venue].region
    away = sum(problem.trainers[t].region != region for t in p.trainers)
    return (problem.venues[p.venue].daily_cost * c.length, away, p.start)


def _best_per_start(res: Residual, c: CohortP) -> list[Placement]:
    # One placement per start day: coordinators want different dates to choose from.
    out = []
    for s in c.starts:
        if not res.fund_allows(c, s):
            continue
        for v in venue_order(res.problem, c):
            if res.venue_free(v, s, c.length):
                trainers = pick_trainers(res, c, s, v, res.total_used)
                if trainers is not None:
                    out.append(Placement(s, v, trainers))
                    break
    return out


def _option(problem: Problem, c: CohortP, p: Placement) -> ExtraOption:
    fund = c.fund_at(p.start)
    venue = problem.venues[p.venue]
    return ExtraOption(
        days=tuple(problem.block_dates(p.start, c.length)),
        venue=venue.id,
        trainers=tuple(problem.trainers[t].id for t in p.trainers),
        value_gain=c.value,
        subsidy=c.cost if fund != NO_FUND else 0,
        venue_cost=venue.daily_cost * c.length,
        fund=problem.funds[fund].id if fund != NO_FUND else None,
        trainers_away_from_home=_rank(problem, c, p)[1],
    )


def extra_options(scenario: Scenario, plan: Plan, cohort: Cohort, limit: int) -> ExtraOptions:
    """Up to ``limit`` placements of ``cohort`` that move nothing ``plan`` holds."""
    # apply_changes raises FormatError when the cohort does not fit the scenario.
    changed = apply_changes(scenario, [CohortAdded(cohort)])
    problem = build_problem(changed, scenario_calendar(scenario))
    res = Residual.of(problem, placements_of(problem, plan))
    c = problem.cohorts[problem.cohort_by_id()[cohort.id]]
    found = [] if c.pin_problem is not None else _best_per_start(res, c)
    found.sort(key=lambda p: _rank(problem, c, p))
    options = tuple(_option(problem, c, p) for p in found[:limit])
    reason = None if options else explain(problem, res, c.index)
    return ExtraOptions(cohort.id, options, reason)
