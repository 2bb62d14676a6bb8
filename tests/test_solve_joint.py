"""One solve places classes and mentor visits together, and the plan keeps every rule."""

from __future__ import annotations

from tests import factories as f
from trainsched.checker import check_plan
from trainsched.formats import load_scenario
from trainsched.resources import fixture_path
from trainsched.solver import SolveOptions, solve

FAST = SolveOptions(time_limit_s=3, workers=1, seed=1)


def test_tiny_fixture_plan_has_classes_and_visits_and_passes_the_checker() -> None:
    scenario = load_scenario(fixture_path("tiny.json"))
    result = solve(scenario, FAST)
    assert result.plan.cohorts
    assert result.plan.visits
    assert check_plan(scenario, result.plan) == []


def test_mentor_who_teaches_is_not_sent_out_on_a_teaching_day() -> None:
    # One person: trainer T01 is mentor M01; the only class fills 3 of the 3 allowed days.
    scenario = f.scenario(
        horizon={"start": "2027-03-01", "end": "2027-03-05"},
        cohorts=[f.cohort(earliest="2027-03-01", latest_end="2027-03-05")],
        funds=[f.fund(to="2027-03-05")],
        mentors=[f.mentor(trainer="T01")],
        visit_requests=[f.visit_request(visits=3, **{"from": "2027-03-01", "to": "2027-03-05"})],
    )
    result = solve(scenario, FAST)
    assert check_plan(scenario, result.plan) == []
    taught = set(result.plan.cohorts[0].days)
    visited = {v.date for v in result.plan.visits}
    assert len(taught) == 3
    assert not taught & visited
    assert len(visited) == 2
    assert result.plan.unscheduled_visits[0].missing == 1


def test_served_value_counts_classes_and_visits() -> None:
    scenario = f.scenario(mentors=[f.mentor()], visit_requests=[f.visit_request(visits=2)])
    result = solve(scenario, FAST)
    # 20 graduates × weight 2 + 2 visits × migrant weight 2.
    assert result.value == result.plan.objective == 40 + 4
    assert check_plan(scenario, result.plan) == []


def test_plans_for_a_generated_scenario_pass_the_checker() -> None:
    from trainsched.generate import generate_scenario

    scenario = generate_scenario("small", 5)
    for method in ("greedy", "cpsat"):
        options = SolveOptions(time_limit_s=4, workers=2, seed=1, method=method)
        plan = solve(scenario, options).plan
        assert plan.cohorts
        assert plan.visits
        assert check_plan(scenario, plan) == [], method
