"""Neighbourhoods free the classes a better plan needs to trade, not just those nearby."""

from __future__ import annotations

import random
import time

from tests import factories as f
from trainsched.formats import Scenario
from trainsched.solver import SolveOptions
from trainsched.solver.context import Context
from trainsched.solver.neighbourhoods import (
    _money_swap_neighbourhood,
    _trainer_swap_neighbourhood,
)
from trainsched.solver.problem import Problem, build_problem
from trainsched.solver.residual import Placement
from trainsched.workcal import scenario_calendar


def capped_trainer_scenario() -> Scenario:
    # One trainer may teach 3 days in all: a small March class holds them, a larger April
    # class (another quarter's fund, no day in common) waits for them.
    return f.scenario(
        trainers=[f.trainer("T01", max_days_total=3)],
        cohorts=[
            f.cohort("C01", latest_end="2027-03-05", trainees={"graduate": 10}),
            f.cohort("C02", earliest="2027-04-01", trainees={"graduate": 30}),
        ],
        funds=[
            f.fund("F01", to="2027-03-31"),
            f.fund("F02", **{"from": "2027-04-01"}),
        ],
    )


def context_of(s: Scenario) -> tuple[Context, Problem]:
    p = build_problem(s, scenario_calendar(s))
    options = SolveOptions(time_limit_s=5, workers=1, seed=1)
    return Context(p, options, frozenset(), {}, {}, time.monotonic() + 5), p


def march_class_placed(p: Problem) -> dict[int, Placement]:
    c01 = p.cohort_by_id()["C01"]
    return {c01: Placement(p.cohorts[c01].starts[0], 0, (0,))}


def test_trainer_swap_frees_the_same_trainers_class_months_away() -> None:
    ctx, p = context_of(capped_trainer_scenario())
    ids = p.cohort_by_id()
    free = _trainer_swap_neighbourhood(ctx, [0, 1], march_class_placed(p), random.Random(1), 10)
    assert set(free) == {ids["C01"], ids["C02"]}


def test_money_swap_leaves_another_funds_class_months_away_fixed() -> None:
    ctx, p = context_of(capped_trainer_scenario())
    ids = p.cohort_by_id()
    free = _money_swap_neighbourhood(ctx, [0, 1], march_class_placed(p), random.Random(1), 10)
    assert free == [ids["C02"]]
