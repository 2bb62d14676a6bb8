"""The best few placements for one extra cohort, with every class of a plan kept where it is."""

from __future__ import annotations

from pydantic import ValidationError
from sqlmodel import Session

from trainsched.api.problems import FieldProblem, ProblemError, format_error
from trainsched.api.schemas import OptionsCreate, PlacementOption, PlacementOptions
from trainsched.api.services import plans
from trainsched.api.services.common import get_x_or_404
from trainsched.formats import FormatError, Scenario
from trainsched.formats.errors import format_path
from trainsched.formats.scenario import Cohort
from trainsched.solver import CohortAdded, apply_changes
from trainsched.solver.greedy import pick_trainers, venue_order
from trainsched.solver.problem import NO_FUND, CohortP, Problem, build_problem
from trainsched.solver.reasons import explain
from trainsched.solver.residual import Placement, Residual
from trainsched.solver.result import placements_of
from trainsched.store.mapper import scenario_from_row
from trainsched.store.tables import ScenarioRow
from trainsched.workcal import scenario_calendar


def _cohort(raw: dict[str, object]) -> Cohort:
    try:
        return Cohort.model_validate(raw)
    except ValidationError as exc:
        errors = [
            FieldProblem(path="body.cohort." + format_path(tuple(e["loc"])), message=e["msg"])
            for e in exc.errors()
        ]
        raise ProblemError(422, "the cohort is invalid", errors=errors) from None


def _with_cohort(scenario: Scenario, cohort: Cohort) -> Scenario:
    try:
        return apply_changes(scenario, [CohortAdded(cohort)])
    except FormatError as exc:
        raise format_error(exc) from None


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


def _option(problem: Problem, c: CohortP, p: Placement) -> PlacementOption:
    fund = c.fund_at(p.start)
    venue = problem.venues[p.venue]
    return PlacementOption(
        days=problem.block_dates(p.start, c.length),
        venue=venue.id,
        trainers=[problem.trainers[t].id for t in p.trainers],
        value_gain=c.value,
        subsidy=c.cost if fund != NO_FUND else 0,
        venue_cost=venue.daily_cost * c.length,
        fund=problem.funds[fund].id if fund != NO_FUND else None,
        trainers_away_from_home=_rank(problem, c, p)[1],
    )


def placement_options(session: Session, plan_id: str, request: OptionsCreate) -> PlacementOptions:
    """Ways to place one more cohort without moving anything the plan already holds."""
    row, plan = plans.load(session, plan_id)
    scenario = scenario_from_row(get_x_or_404(session, ScenarioRow, row.scenario_id))
    cohort = _cohort(request.cohort)
    problem = build_problem(_with_cohort(scenario, cohort), scenario_calendar(scenario))
    res = Residual.of(problem, placements_of(problem, plan))
    c = problem.cohorts[problem.cohort_by_id()[cohort.id]]
    found = [] if c.pin_problem is not None else _best_per_start(res, c)
    found.sort(key=lambda p: _rank(problem, c, p))
    options = [_option(problem, c, p) for p in found[: request.limit]]
    reason = None if options else explain(problem, res, c.index)
    return PlacementOptions(cohort_id=cohort.id, options=options, reason=reason)
