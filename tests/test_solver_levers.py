"""What would it take: each lever places its class, keeps every rule, and says so in names."""

from __future__ import annotations

import pytest

from tests import factories as f
from trainsched.checker import check_plan
from trainsched.formats import Plan, Scenario
from trainsched.solver import (
    CohortWindowChanged,
    FundChanged,
    Lever,
    SolveOptions,
    TrainerAdded,
    VenueAdded,
    apply_changes,
    find_levers,
    replan_changes,
    solve,
)

OPTS = SolveOptions(time_limit_s=1.0, workers=1, seed=1)
NAMES = {"R01": "西江县", "R02": "桃阳区", "R03": "竹港区", "R04": "鹤关县"}


def world(t04: dict[str, object] | None = None, v04: dict[str, object] | None = None) -> Scenario:
    """Four districts, each leaving one class out for a different reason."""
    return f.scenario(
        regions=[f.region(r, name=n) for r, n in NAMES.items()],
        trainers=[
            # R01: the only trainer may teach one class (3 days) in all.
            f.trainer("T01", region="R01", max_days_total=3),
            f.trainer("T02", region="R02"),
            f.trainer("T03", region="R03"),
            f.trainer("T04", region="R04", **(t04 or {})),
        ],
        venues=[
            f.venue("V01", region="R01"),
            f.venue("V02", region="R02"),
            f.venue("V03", region="R03", capacity=20),  # too small for C05
            f.venue("V04", region="R04", **(v04 or {})),
        ],
        cohorts=[
            f.cohort("C01", region="R01"),
            f.cohort("C02", region="R01"),
            f.cohort("C03", region="R02"),
            f.cohort("C04", region="R02"),
            f.cohort("C05", region="R03", trainees={"graduate": 25}),
            # R04: two classes that both must run in the first three working days.
            f.cohort("C06", region="R04", latest_end="2027-03-03", priority=2),
            f.cohort("C07", region="R04", latest_end="2027-03-03"),
        ],
        # R02's money pays for one class of 20 subsidised trainees (20,000 yuan).
        funds=[
            f.fund("F01", regions=["R01", "R03", "R04"]),
            f.fund("F02", regions=["R02"], amount=20_000, name="桃阳区补贴"),
        ],
    )


@pytest.fixture(scope="module")
def solved() -> tuple[Scenario, Plan, list[Lever]]:
    s = world()
    plan = solve(s, OPTS).plan
    return s, plan, find_levers(s, plan)


def by_cohort(levers: list[Lever]) -> dict[str, list[Lever]]:
    out: dict[str, list[Lever]] = {}
    for lever in levers:
        out.setdefault(lever.cohort, []).append(lever)
    return out


def test_every_class_left_out_gets_a_lever(solved: tuple[Scenario, Plan, list[Lever]]) -> None:
    _, plan, levers = solved
    left_out = {u.id for u in plan.unscheduled_cohorts}
    assert left_out == {"C02", "C04", "C05", "C07"}
    assert set(by_cohort(levers)) == left_out


def test_every_lever_applied_places_its_class_and_passes_the_checker(
    solved: tuple[Scenario, Plan, list[Lever]],
) -> None:
    s, plan, levers = solved
    for lever in levers:
        assert check_plan(apply_changes(s, lever.changes), lever.plan) == []
        assert lever.cohort in {c.id for c in lever.plan.cohorts}
        assert lever.places == (lever.cohort,)
        assert lever.value_gain == lever.plan.objective - plan.objective > 0


def test_every_lever_placed_through_the_public_replan(
    solved: tuple[Scenario, Plan, list[Lever]],
) -> None:
    s, plan, levers = solved
    for lever in levers:
        result = replan_changes(s, plan, lever.changes, OPTS).result
        assert lever.cohort in {c.id for c in result.plan.cohorts}, lever.kind
        assert check_plan(apply_changes(s, lever.changes), result.plan) == []


def test_a_trainer_short_class_asks_for_one_trainer_of_its_course_and_district(
    solved: tuple[Scenario, Plan, list[Lever]],
) -> None:
    lever = by_cohort(solved[2])["C02"][0]
    assert lever.kind == "trainer"
    (change,) = lever.changes
    assert isinstance(change, TrainerAdded)
    assert change.trainer.qualifications == ["SYB"] and change.trainer.region == "R01"
    assert lever.message.zh.startswith("再有1名能在西江县授课的SYB讲师在3月")
    assert "R01" not in lever.message.zh and "2027-" not in lever.message.zh


def test_a_class_short_of_money_asks_for_the_smallest_top_up(
    solved: tuple[Scenario, Plan, list[Lever]],
) -> None:
    lever = by_cohort(solved[2])["C04"][0]
    assert lever.kind == "fund"
    assert lever.changes == (FundChanged("F02", 40_000),)
    assert lever.message.zh == "给桃阳区补贴增加20,000元（共40,000元），就能安排本班"
    assert lever.message.en.startswith("¥20,000 more in 桃阳区补贴")


def test_a_class_without_a_room_asks_for_one_seating_it(
    solved: tuple[Scenario, Plan, list[Lever]],
) -> None:
    lever = by_cohort(solved[2])["C05"][0]
    assert lever.kind == "venue"
    (change,) = lever.changes
    assert isinstance(change, VenueAdded)
    assert change.venue.capacity == 25 and change.venue.region == "R03"
    assert "竹港区再有一间能容纳25人的场地" in lever.message.zh


def test_a_class_crowded_out_of_its_window_asks_for_the_fewest_more_working_days(
    solved: tuple[Scenario, Plan, list[Lever]],
) -> None:
    kinds = {lever.kind: lever for lever in by_cohort(solved[2])["C07"]}
    lever = kinds["window"]
    (change,) = lever.changes
    assert isinstance(change, CohortWindowChanged)
    assert str(change.latest_end) == "2027-03-08"  # Thu, Fri, Mon: three more working days
    assert "放宽3个工作日" in lever.message.zh


def test_only_dropping_a_class_worth_less_is_offered_when_nothing_else_fits() -> None:
    # R04's only room is closed after its first class, and its only trainer teaches one class.
    closed = [{"from": "2027-03-04", "to": f.END}]
    s = world(t04={"max_days_total": 3}, v04={"unavailable": closed})
    # A plan that chose the class worth less in R04.
    worse = f.plan(
        cohorts=[
            f.scheduled(
                "C07", "2027-03-01", "2027-03-02", "2027-03-03", venue="V04", trainers=("T04",)
            )
        ],
        unscheduled_cohorts=[
            {"id": c, "reason": "-"} for c in ("C01", "C02", "C03", "C04", "C05", "C06")
        ],
        objective=40,
        funds=[
            {"id": "F01", "used": 20_000, "amount": 1_000_000},
            {"id": "F02", "used": 0, "amount": 20_000},
        ],
    )
    assert check_plan(s, worse) == []
    levers = [lv for lv in find_levers(s, worse, cohorts=["C06"]) if lv.kind == "drop"]
    assert [lv.changes[0] for lv in levers] and levers[0].message.zh.startswith(
        "只有取消价值较低的鹤关县SYB班（C07）"
    )
    assert levers[0].value_gain == 80 - 40


def test_a_top_up_retries_the_classes_left_out_but_not_those_that_cannot_start() -> None:
    s = f.scenario(
        cohorts=[
            f.cohort("C01"),
            f.cohort("C02"),
            # Two working days for a three-day course: it can never start.
            f.cohort("C03", earliest="2027-03-01", latest_end="2027-03-02"),
        ],
        funds=[f.fund("F01", amount=20_000)],
    )
    plan = solve(s, OPTS).plan
    assert {u.id for u in plan.unscheduled_cohorts} == {"C02", "C03"}
    after = replan_changes(s, plan, [FundChanged("F01", 40_000)], OPTS).result.plan
    assert {c.id for c in after.cohorts} == {"C01", "C02"}


def test_a_lever_avoids_days_when_a_class_worth_more_would_take_the_new_trainer() -> None:
    # One trainer, who may teach one class; C02 (worth more) can only run in March, C03 any time.
    s = f.scenario(
        trainers=[f.trainer("T01", max_days_total=3)],
        cohorts=[
            f.cohort("C01", priority=3),
            f.cohort("C02", priority=2, latest_end="2027-03-31"),
            f.cohort("C03"),
        ],
    )
    plan = solve(s, OPTS).plan
    assert {u.id for u in plan.unscheduled_cohorts} == {"C02", "C03"}
    (lever,) = [lv for lv in find_levers(s, plan, cohorts=["C03"]) if lv.kind == "trainer"]
    (change,) = lever.changes
    assert isinstance(change, TrainerAdded)
    assert "4月" in lever.message.zh  # April: C02 cannot take a trainer free only then
    result = replan_changes(s, plan, lever.changes, OPTS).result
    assert "C03" in {c.id for c in result.plan.cohorts}
