"""Properties: every plan for random small scenarios keeps every rule; seeded solving repeats."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories as f
from tests.solver_scenarios import scenarios
from trainsched.checker import check_plan
from trainsched.formats import Scenario
from trainsched.solver import Progress, SolveOptions, solve, teaching_days

FAST = SolveOptions(time_limit_s=0.5, workers=1, seed=1)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.sampled_from(["cpsat", "greedy"]))
def test_every_plan_keeps_every_rule(s: Scenario, method: str) -> None:
    options = SolveOptions(time_limit_s=0.5, workers=1, seed=1, method=method)  # type: ignore[arg-type]
    result = solve(s, options)
    assert check_plan(s, result.plan) == []
    assert len(result.plan.cohorts) + len(result.plan.unscheduled_cohorts) == len(s.cohorts)
    if result.bound is not None:
        assert result.value <= result.bound


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_cpsat_serves_at_least_greedy(s: Scenario) -> None:
    greedy = solve(s, SolveOptions(time_limit_s=0.5, workers=1, seed=1, method="greedy"))
    cpsat = solve(s, FAST)
    assert check_plan(s, cpsat.plan) == []
    assert cpsat.value >= greedy.value


def busy() -> Scenario:
    return f.scenario(
        trainers=[f.trainer(f"T{i}") for i in range(3)],
        venues=[f.venue(f"V{i}", daily_cost=100 * i) for i in range(2)],
        cohorts=[f.cohort(f"C{i:02}", latest_end="2027-03-31") for i in range(14)],
        funds=[f.fund(amount=200_000)],
    )


def test_seeded_single_worker_solving_is_reproducible() -> None:
    s = busy()
    first = solve(s, FAST).plan
    second = solve(s, FAST).plan
    assert check_plan(s, first) == []
    assert first.model_dump(exclude={"x"}) == second.model_dump(exclude={"x"})


def test_progress_reports_value_and_bound() -> None:
    seen: list[Progress] = []
    result = solve(busy(), FAST, on_progress=seen.append)
    assert seen
    assert seen[-1].value == result.value
    assert seen[-1].bound == result.bound


def test_stop_flag_returns_a_checked_plan_early() -> None:
    class Stopped:
        def is_set(self) -> bool:
            return True

    s = busy()
    result = solve(s, SolveOptions(time_limit_s=30, workers=1, seed=1), stop=Stopped())
    assert check_plan(s, result.plan) == []
    assert result.value > 0


def test_teaching_days_lists_each_trainers_dates() -> None:
    s = busy()
    plan = solve(s, FAST).plan
    days = teaching_days(plan)
    for c in plan.cohorts:
        for t in c.trainers:
            assert set(c.days) <= days[t]
    assert sum(len(v) for v in days.values()) == sum(len(c.days) for c in plan.cohorts)


def test_score_breakdown_is_reported_with_labels() -> None:
    plan = solve(busy(), FAST).plan
    assert plan.x is not None
    keys = [row["key"] for row in plan.x["score"]]
    assert keys == ["free_venue", "less_travel", "fair_load", "early", "few_changes"]
    assert all(" / " in row["label"] for row in plan.x["score"])


def test_scenario_weights_override_soft_weights() -> None:
    s = busy().model_copy(update={"weights": {"free_venue": 7}})
    plan = solve(s, FAST).plan
    assert plan.x is not None
    row = next(r for r in plan.x["score"] if r["key"] == "free_venue")
    assert row["weight"] == 7
