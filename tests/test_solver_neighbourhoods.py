"""Neighbourhoods free the classes a better plan needs to trade, not just those nearby."""

from __future__ import annotations

import random
import time

from tests import factories as f
from trainsched.formats import Scenario
from trainsched.solver import SolveOptions
from trainsched.solver.context import Context
from trainsched.solver.fundmoves import fund_boundary_neighbourhood, fund_repack_neighbourhood
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


def two_month_funds_scenario(c01_window: tuple[str, str]) -> Scenario:
    # March's fund pays one class of 20 subsidised trainees; April's has room for one more.
    # C01 (priority 1) holds March's money, C02 (priority 5) waits for it; C03 is April's.
    # Each class has its own trainer and room, so none is in another's way.
    return f.scenario(
        trainers=[f.trainer(t) for t in ("T01", "T02", "T03")],
        venues=[f.venue(v) for v in ("V01", "V02", "V03")],
        cohorts=[
            f.cohort("C01", earliest=c01_window[0], latest_end=c01_window[1]),
            f.cohort("C02", latest_end="2027-03-31", priority=5),
            f.cohort("C03", earliest="2027-04-01", priority=3),
        ],
        funds=[
            f.fund("F01", to="2027-03-31", amount=20_000),
            f.fund("F02", **{"from": "2027-04-01"}, amount=40_000),
        ],
    )


def first_and_april_placed(p: Problem) -> dict[int, Placement]:
    ids = p.cohort_by_id()
    c01, c03 = ids["C01"], ids["C03"]
    return {
        c01: Placement(p.cohorts[c01].starts[0], 0, (0,)),
        c03: Placement(p.cohorts[c03].starts[0], 2, (2,)),
    }


def test_fund_repack_trades_a_weak_class_for_a_strong_one_of_the_binding_fund() -> None:
    ctx, p = context_of(two_month_funds_scenario(("2027-03-01", "2027-03-12")))
    ids = p.cohort_by_id()
    free = fund_repack_neighbourhood(
        ctx, [0, 1, 2], first_and_april_placed(p), random.Random(1), 10
    )
    # March's fund binds (C02 does not fit what is left); April's class stays fixed.
    assert set(free) == {ids["C01"], ids["C02"]}


def test_fund_boundary_frees_the_class_that_can_move_into_the_next_funds_period() -> None:
    # C01 may start in March or April: moving it to April's fund pays for C02 in March.
    ctx, p = context_of(two_month_funds_scenario(("2027-03-25", "2027-04-09")))
    ids = p.cohort_by_id()
    free = fund_boundary_neighbourhood(
        ctx, [0, 1, 2], first_and_april_placed(p), random.Random(1), 10
    )
    assert set(free) == {ids["C01"], ids["C02"], ids["C03"]}
    assert free[0] == ids["C01"]


def test_fund_neighbourhoods_without_a_binding_fund_stay_within_size() -> None:
    ctx, p = context_of(two_month_funds_scenario(("2027-03-01", "2027-03-12")))
    nothing_waits = {c: pl for c, pl in first_and_april_placed(p).items()}
    nothing_waits[p.cohort_by_id()["C02"]] = Placement(p.cohorts[1].starts[-1], 1, (1,))
    for kind in (fund_repack_neighbourhood, fund_boundary_neighbourhood):
        free = kind(ctx, [0, 1, 2], nothing_waits, random.Random(1), 2)
        assert len(free) == 2 and len(set(free)) == 2
