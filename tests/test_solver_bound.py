"""The reported bound is never below the true optimum, and it knows what one trainer can teach."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests import factories as f
from tests.solver_scenarios import scenarios
from trainsched.formats import Scenario
from trainsched.generate import generate_scenario
from trainsched.solver import SolveOptions, solve
from trainsched.solver.bound import relaxation_bound
from trainsched.solver.model import solve_scope
from trainsched.solver.problem import Problem, build_problem
from trainsched.solver.residual import Residual
from trainsched.solver.search import best_greedy
from trainsched.solver.variables import Scope
from trainsched.workcal import scenario_calendar

ONE = SolveOptions(time_limit_s=10, workers=1, seed=1)


def problem_of(s: Scenario) -> tuple[Problem, list[int]]:
    p = build_problem(s, scenario_calendar(s))
    return p, [c.index for c in p.cohorts if c.pin_problem is None and c.starts]


def proven_optimum(p: Problem, classes: list[int], limit: float) -> int | None:
    """The exact model's optimal served value, or None when it is not proven in time."""
    scope = Scope(p, classes, Residual(p), soft=False)
    out = solve_scope(scope, best_greedy(p, classes, {}), limit, ONE)
    if not out.optimal:
        return None
    return sum(p.cohorts[c].value for c in out.placements)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_bound_is_never_below_the_proven_optimum(s: Scenario) -> None:
    p, classes = problem_of(s)
    best = proven_optimum(p, classes, 5)
    if best is not None:
        assert relaxation_bound(p, classes, ONE, 5) >= best


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bound_covers_the_optimum_of_generated_tiny_scenarios(seed: int) -> None:
    p, classes = problem_of(generate_scenario("tiny", seed))
    best = proven_optimum(p, classes, 20)
    if best is None:
        pytest.skip("the exact model did not prove optimality in time")
    bound = relaxation_bound(p, classes, ONE, 10)
    assert best <= bound < sum(p.cohorts[c].value for c in classes)


def test_a_relaxation_stopped_as_stalled_still_reports_a_valid_bound() -> None:
    # No CPU time at all without a better bound: it stops at the first check after a bound.
    p, classes = problem_of(generate_scenario("small", 1))
    plan = best_greedy(p, classes, {})
    eight = SolveOptions(time_limit_s=10, workers=8, seed=1)
    stalled = relaxation_bound(p, classes, eight, 30, stall_cpu_s=0.0)
    converged = relaxation_bound(p, classes, eight, 30)
    assert sum(p.cohorts[c].value for c in plan) <= converged <= stalled
    assert stalled <= sum(p.cohorts[c].value for c in classes)


def test_bound_knows_one_trainer_cannot_teach_two_classes_in_one_week() -> None:
    # Two 5-day classes, both only in the week of 2027-03-01..05, one trainer, two venues:
    # money and the trainer's month allow both, but only one fits the week.
    s = f.scenario(
        courses=[f.course(days=5)],
        venues=[f.venue("V01"), f.venue("V02")],
        cohorts=[
            f.cohort("C01", latest_end="2027-03-05", trainees={"graduate": 20}),
            f.cohort("C02", latest_end="2027-03-05", trainees={"graduate": 25}),
        ],
    )
    p, classes = problem_of(s)
    assert relaxation_bound(p, classes, ONE, 5) == max(c.value for c in p.cohorts)
    result = solve(s, ONE)
    assert result.status == "optimal"
    assert result.bound == result.value


def test_bound_knows_a_trainer_only_teaches_in_districts_they_serve() -> None:
    # A two-trainer class may use a venue in R01 or R02, but its only trainers serve one
    # district each, so no venue suits both: nothing can be served.
    s = f.scenario(
        regions=[f.region("R01"), f.region("R02")],
        courses=[f.course(trainers_required=2)],
        trainers=[f.trainer("T01", region="R01"), f.trainer("T02", region="R02")],
        venues=[f.venue("V01", region="R01"), f.venue("V02", region="R02")],
        cohorts=[f.cohort(venue_regions=["R01", "R02"])],
    )
    p, classes = problem_of(s)
    assert relaxation_bound(p, classes, ONE, 5) == 0
