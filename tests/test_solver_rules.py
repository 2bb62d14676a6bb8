"""Each hard rule alone on a tiny scenario: placeable when kept, unscheduled when it cannot be."""

from __future__ import annotations

from typing import Any

from tests import factories as f
from trainsched.checker import check_plan
from trainsched.formats import Scenario
from trainsched.solver import SolveOptions, SolveResult, solve

OPTS = SolveOptions(time_limit_s=5, workers=1, seed=1)


def solved(s: Scenario, options: SolveOptions = OPTS) -> SolveResult:
    """Solve and insist the plan passes the checker."""
    result = solve(s, options)
    assert check_plan(s, result.plan) == []
    return result


def placed(result: SolveResult) -> dict[str, Any]:
    return {c.id: c for c in result.plan.cohorts}


def test_consecutive_working_days_holds() -> None:
    # 2027-03-05 is a Friday: a 3-day class from Friday skips the weekend.
    s = f.scenario(cohorts=[f.cohort(earliest="2027-03-05", latest_end="2027-03-09")])
    days = placed(solved(s))["C01"].days
    assert [str(d) for d in days] == ["2027-03-05", "2027-03-08", "2027-03-09"]


def test_consecutive_working_days_broken() -> None:
    s = f.scenario(cohorts=[f.cohort(earliest="2027-03-05", latest_end="2027-03-08")])
    assert placed(solved(s)) == {}


def test_max_span_holds() -> None:
    s = f.scenario(
        courses=[f.course(max_span_days=5)],
        cohorts=[f.cohort(earliest="2027-03-03", latest_end="2027-03-12")],
    )
    days = placed(solved(s))["C01"].days
    assert (days[-1] - days[0]).days + 1 <= 5


def test_max_span_broken() -> None:
    # Only Thu-Fri-Mon fits the window, spanning 5 calendar days.
    s = f.scenario(
        courses=[f.course(max_span_days=4)],
        cohorts=[f.cohort(earliest="2027-03-04", latest_end="2027-03-08")],
    )
    assert placed(solved(s)) == {}


def test_venue_capacity_holds() -> None:
    s = f.scenario(venues=[f.venue("V01", capacity=10), f.venue("V02", capacity=20)])
    assert placed(solved(s))["C01"].venue == "V02"


def test_venue_capacity_broken() -> None:
    s = f.scenario(venues=[f.venue("V01", capacity=19)])
    assert placed(solved(s)) == {}


def test_venue_region_holds() -> None:
    s = f.scenario(
        regions=[f.region("R01"), f.region("R02")],
        venues=[f.venue("V01", region="R02"), f.venue("V02", region="R01")],
    )
    assert placed(solved(s))["C01"].venue == "V02"


def test_venue_region_broken() -> None:
    s = f.scenario(
        regions=[f.region("R01"), f.region("R02")],
        venues=[f.venue("V01", region="R02")],
        trainers=[f.trainer(serves_regions=["R01", "R02"])],
    )
    assert placed(solved(s)) == {}


def test_venue_available_holds() -> None:
    s = f.scenario(
        venues=[f.venue(unavailable=[{"from": "2027-03-01", "to": "2027-03-03"}])],
        cohorts=[f.cohort(earliest="2027-03-01", latest_end="2027-03-08")],
    )
    assert str(placed(solved(s))["C01"].days[0]) >= "2027-03-04"


def test_venue_available_broken() -> None:
    s = f.scenario(
        venues=[f.venue(unavailable=["2027-03-03"])],
        cohorts=[f.cohort(earliest="2027-03-01", latest_end="2027-03-05")],
    )
    assert placed(solved(s)) == {}


def test_venue_one_class_a_day_holds() -> None:
    s = f.scenario(
        trainers=[f.trainer("T01"), f.trainer("T02")],
        cohorts=[f.cohort("C01"), f.cohort("C02")],
    )
    a, b = placed(solved(s)).values()
    assert not set(a.days) & set(b.days)


def test_venue_one_class_a_day_broken() -> None:
    window = {"earliest": "2027-03-01", "latest_end": "2027-03-03"}
    s = f.scenario(
        trainers=[f.trainer("T01"), f.trainer("T02")],
        cohorts=[f.cohort("C01", **window), f.cohort("C02", **window)],
    )
    assert len(placed(solved(s))) == 1


def test_trainer_count_holds() -> None:
    s = f.scenario(
        courses=[f.course(trainers_required=2)],
        trainers=[f.trainer("T01"), f.trainer("T02"), f.trainer("T03")],
    )
    assert len(set(placed(solved(s))["C01"].trainers)) == 2


def test_trainer_count_broken() -> None:
    s = f.scenario(courses=[f.course(trainers_required=2)])
    assert placed(solved(s)) == {}


def test_trainer_qualified_holds() -> None:
    s = f.scenario(trainers=[f.trainer("T01", qualifications=["IYB"]), f.trainer("T02")])
    assert placed(solved(s))["C01"].trainers == ["T02"]


def test_trainer_qualified_broken() -> None:
    s = f.scenario(trainers=[f.trainer(qualifications=["IYB"])])
    assert placed(solved(s)) == {}


def test_trainer_serves_region_holds() -> None:
    s = f.scenario(
        regions=[f.region("R01"), f.region("R02")],
        venues=[f.venue("V02", region="R02")],
        cohorts=[f.cohort(venue_regions=["R02"])],
        trainers=[f.trainer("T01"), f.trainer("T02", serves_regions=["R01", "R02"])],
    )
    assert placed(solved(s))["C01"].trainers == ["T02"]


def test_trainer_serves_region_broken() -> None:
    s = f.scenario(
        regions=[f.region("R01"), f.region("R02")],
        venues=[f.venue("V02", region="R02")],
        cohorts=[f.cohort(venue_regions=["R02"])],
    )
    assert placed(solved(s)) == {}


def test_trainer_available_holds() -> None:
    s = f.scenario(
        trainers=[f.trainer(unavailable=[{"from": "2027-03-01", "to": "2027-03-05"}])],
        cohorts=[f.cohort(latest_end="2027-03-12")],
    )
    assert str(placed(solved(s))["C01"].days[0]) >= "2027-03-08"


def test_trainer_available_broken() -> None:
    s = f.scenario(
        trainers=[f.trainer(unavailable=["2027-03-03"])],
        cohorts=[f.cohort(latest_end="2027-03-05")],
    )
    assert placed(solved(s)) == {}


def test_trainer_one_class_a_day_holds() -> None:
    s = f.scenario(
        venues=[f.venue("V01"), f.venue("V02")],
        cohorts=[f.cohort("C01"), f.cohort("C02")],
    )
    a, b = placed(solved(s)).values()
    assert not set(a.days) & set(b.days)


def test_trainer_one_class_a_day_broken() -> None:
    window = {"earliest": "2027-03-01", "latest_end": "2027-03-04"}
    s = f.scenario(
        venues=[f.venue("V01"), f.venue("V02")],
        cohorts=[f.cohort("C01", **window), f.cohort("C02", **window)],
    )
    assert len(placed(solved(s))) == 1


def test_trainer_month_cap_holds() -> None:
    # Cap 4 days a month: two 3-day classes must fall in different months.
    s = f.scenario(
        trainers=[f.trainer(max_days_per_month=4)],
        cohorts=[f.cohort("C01"), f.cohort("C02")],
    )
    plan = placed(solved(s))
    per_month: dict[int, int] = {}
    for c in plan.values():
        for d in c.days:
            per_month[d.month] = per_month.get(d.month, 0) + 1
    assert len(plan) == 2
    assert max(per_month.values()) <= 4


def test_trainer_month_cap_broken() -> None:
    s = f.scenario(
        trainers=[f.trainer(max_days_per_month=4)],
        cohorts=[
            f.cohort("C01", latest_end="2027-03-31"),
            f.cohort("C02", latest_end="2027-03-31"),
        ],
    )
    assert len(placed(solved(s))) == 1


def test_trainer_total_cap_holds() -> None:
    s = f.scenario(
        trainers=[f.trainer(max_days_total=6)], cohorts=[f.cohort("C01"), f.cohort("C02")]
    )
    assert len(placed(solved(s))) == 2


def test_trainer_total_cap_broken() -> None:
    s = f.scenario(
        trainers=[f.trainer(max_days_total=5)], cohorts=[f.cohort("C01"), f.cohort("C02")]
    )
    assert len(placed(solved(s))) == 1


def test_pinned_parts_holds() -> None:
    pin = {"days": ["2027-03-10", "2027-03-11", "2027-03-12"], "venue": "V02", "trainers": ["T02"]}
    s = f.scenario(
        venues=[f.venue("V01"), f.venue("V02", daily_cost=500)],
        trainers=[f.trainer("T01"), f.trainer("T02")],
        cohorts=[f.cohort(pinned=pin)],
    )
    c = placed(solved(s))["C01"]
    assert ([str(d) for d in c.days], c.venue, c.trainers) == (pin["days"], "V02", ["T02"])


def test_pinned_parts_broken() -> None:
    pin = {"days": ["2027-03-10", "2027-03-11", "2027-03-12"], "trainers": ["T01"]}
    s = f.scenario(
        trainers=[f.trainer("T01", unavailable=["2027-03-11"]), f.trainer("T02")],
        cohorts=[f.cohort(pinned=pin)],
    )
    result = solve(s, OPTS)
    assert result.plan.cohorts == []
    assert [v.rule for v in check_plan(s, result.plan)] == ["pinned-kept"]


def test_fund_not_overspent_holds() -> None:
    s = f.scenario(funds=[f.fund(amount=20_000)])
    assert placed(solved(s))["C01"]


def test_fund_not_overspent_broken() -> None:
    s = f.scenario(funds=[f.fund(amount=19_999)])
    assert placed(solved(s)) == {}


def test_fund_picks_the_more_valuable_class() -> None:
    s = f.scenario(
        trainers=[f.trainer("T01"), f.trainer("T02")],
        venues=[f.venue("V01"), f.venue("V02")],
        funds=[f.fund(amount=25_000)],
        cohorts=[
            f.cohort("C01", trainees={"graduate": 20}),
            f.cohort("C02", trainees={"hardship": 20}),
        ],
    )
    assert list(placed(solved(s))) == ["C02"]


def test_greedy_plans_pass_the_checker() -> None:
    s = f.scenario(
        trainers=[f.trainer("T01"), f.trainer("T02")],
        cohorts=[f.cohort(f"C{i:02}") for i in range(1, 8)],
    )
    result = solved(s, SolveOptions(time_limit_s=5, workers=1, seed=1, method="greedy"))
    assert result.plan.cohorts
