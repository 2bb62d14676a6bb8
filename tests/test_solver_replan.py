"""Re-planning keeps what still holds, changes only what it must, and reports broken pins."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests import factories as f
from trainsched.checker import check_plan
from trainsched.formats import FormatError, Scenario
from trainsched.formats.scenario import Cohort
from trainsched.solver import (
    Change,
    CohortAdded,
    CohortWithdrawn,
    FundChanged,
    SolveOptions,
    SolveResult,
    TrainerUnavailable,
    VenueClosed,
    apply_changes,
    replan_changes,
    solve,
)
from trainsched.solver import changes as changes_module

# Served value is proven at once here; the rest of the time would only polish soft goals.
OPTS = SolveOptions(time_limit_s=1.5, workers=1, seed=1)
AWAY = (dt.date(2027, 3, 8), dt.date(2027, 3, 19))


def city() -> Scenario:
    return f.scenario(
        trainers=[f.trainer(f"T0{i}") for i in range(1, 5)],
        venues=[f.venue(f"V0{i}") for i in range(1, 4)],
        cohorts=[f.cohort(f"C{i:02}", course="SYB") for i in range(1, 13)],
        courses=[f.course(days=5)],
    )


def checked(s: Scenario, result: SolveResult) -> SolveResult:
    assert check_plan(s, result.plan) == []
    return result


def test_replan_changes_only_classes_of_the_absent_trainer() -> None:
    s = city()
    before = checked(s, solve(s, OPTS)).plan
    change = TrainerUnavailable("T01", *AWAY)
    after = checked(apply_changes(s, [change]), replan_changes(s, before, [change], OPTS).result)
    hit = {
        c.id
        for c in before.cohorts
        if "T01" in c.trainers and any(AWAY[0] <= d <= AWAY[1] for d in c.days)
    }
    assert hit
    assert after.diff is not None
    assert after.diff.changed <= hit
    untouched = {c.id: c for c in before.cohorts if c.id not in hit}
    assert all(untouched[c.id] == c for c in after.plan.cohorts if c.id in untouched)


def test_replan_keeps_days_and_replaces_only_the_trainer_when_it_can() -> None:
    s = city()
    before = checked(s, solve(s, OPTS)).plan
    change = TrainerUnavailable("T01", *AWAY)
    after = replan_changes(s, before, [change], OPTS).result
    assert after.diff is not None
    assert after.diff.moved == []
    assert after.diff.restaffed


def test_replan_venue_closed_moves_only_its_classes() -> None:
    s = city()
    before = checked(s, solve(s, OPTS)).plan
    change = VenueClosed("V01", dt.date(2027, 3, 1), dt.date(2027, 3, 31))
    after = checked(apply_changes(s, [change]), replan_changes(s, before, [change], OPTS).result)
    hit = {c.id for c in before.cohorts if c.venue == "V01" and c.days[0].month == 3}
    assert after.diff is not None
    assert after.diff.changed <= hit


def test_replan_withdrawn_and_added_classes() -> None:
    s = city()
    before = checked(s, solve(s, OPTS)).plan
    new = Cohort.model_validate(f.cohort("C99", trainees={"hardship": 25}))
    changes = [CohortWithdrawn("C01"), CohortAdded(new)]
    after = checked(apply_changes(s, changes), replan_changes(s, before, changes, OPTS).result)
    assert after.diff is not None
    assert after.diff.dropped == ["C01"]
    assert after.diff.added == ["C99"]


def test_replan_fund_cut_drops_classes_and_keeps_the_budget() -> None:
    s = city()
    before = checked(s, solve(s, OPTS)).plan
    changes = [FundChanged("F01", 100_000)]
    after = checked(apply_changes(s, changes), replan_changes(s, before, changes, OPTS).result)
    assert len(after.plan.cohorts) == 5
    assert after.diff is not None
    assert len(after.diff.dropped) == len(before.cohorts) - 5


def test_pin_made_impossible_is_reported_as_conflict() -> None:
    pin = {"days": ["2027-03-10", "2027-03-11", "2027-03-12"], "trainers": ["T01"]}
    s = f.scenario(trainers=[f.trainer("T01"), f.trainer("T02")], cohorts=[f.cohort(pinned=pin)])
    before = checked(s, solve(s, OPTS)).plan
    change = TrainerUnavailable("T01", dt.date(2027, 3, 11), dt.date(2027, 3, 11))
    after = replan_changes(s, before, [change], OPTS).result
    assert len(after.conflicts) == 1
    assert "pinned to trainer 讲师T01, who is unavailable on 11 Mar" in after.conflicts[0].en
    assert "rule 3" in after.conflicts[0].en
    assert "规则3" in after.conflicts[0].zh
    rules = [v.rule for v in check_plan(apply_changes(s, [change]), after.plan)]
    assert rules == ["pinned-kept"]


PINNED_DAYS = ["2027-03-10", "2027-03-11", "2027-03-12"]
ROOM_CLOSED = (
    "班C01固定场地教室V01在3月12日关闭（规则2：场地每天可用）",
    "cohort C01 is pinned to venue 教室V01, which is closed on 12 Mar "
    "(rule 2: venue available on every day)",
)
TRAINER_AWAY = (
    "班C01固定讲师讲师T01在3月12日不可用（规则3：讲师每天可用）",
    "cohort C01 is pinned to trainer 讲师T01, who is unavailable on 12 Mar "
    "(rule 3: trainers available on every day)",
)


@pytest.mark.parametrize(
    ("pin", "changes", "said"),
    [
        (
            {"venue": "V01"},
            [VenueClosed("V01", dt.date(2027, 3, 12), dt.date(2027, 3, 12))],
            ROOM_CLOSED,
        ),
        # Both broken: the trainer is named first, on the first day the trainer is away.
        (
            {"venue": "V01", "trainers": ["T01"]},
            [
                VenueClosed("V01", dt.date(2027, 3, 10), dt.date(2027, 3, 10)),
                TrainerUnavailable("T01", dt.date(2027, 3, 12), dt.date(2027, 3, 12)),
            ],
            TRAINER_AWAY,
        ),
    ],
)
def test_broken_pin_names_the_first_unavailable_day_and_the_rule(
    pin: dict[str, Any], changes: list[Change], said: tuple[str, str]
) -> None:
    pinned = {"days": PINNED_DAYS, **pin}
    s = f.scenario(
        trainers=[f.trainer("T01"), f.trainer("T02")],
        venues=[f.venue("V01"), f.venue("V02")],
        cohorts=[f.cohort(pinned=pinned)],
    )
    before = checked(s, solve(s, OPTS)).plan
    after = replan_changes(s, before, changes, OPTS).result
    assert [(m.zh, m.en) for m in after.conflicts] == [said]


def test_pin_still_possible_is_no_conflict() -> None:
    pin = {"days": ["2027-03-10", "2027-03-11", "2027-03-12"], "trainers": ["T01"]}
    s = f.scenario(trainers=[f.trainer("T01"), f.trainer("T02")], cohorts=[f.cohort(pinned=pin)])
    before = checked(s, solve(s, OPTS)).plan
    change = TrainerUnavailable("T02", dt.date(2027, 3, 11), dt.date(2027, 3, 11))
    after = checked(apply_changes(s, [change]), replan_changes(s, before, [change], OPTS).result)
    assert after.conflicts == []


def test_solve_with_previous_plan_reports_diff() -> None:
    s = city()
    before = checked(s, solve(s, OPTS)).plan
    again = checked(s, solve(s, OPTS, previous=before))
    assert again.diff is not None
    assert again.diff.changed == set()


def test_changes_are_validated_once_and_come_back_with_the_plan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = city()
    before = checked(s, solve(s, OPTS)).plan
    calls: list[int] = []
    validate = changes_module.parse_scenario

    def counted(doc: dict[str, Any]) -> Scenario:
        calls.append(1)
        return validate(doc)

    monkeypatch.setattr(changes_module, "parse_scenario", counted)
    change = TrainerUnavailable("T01", *AWAY)
    done = replan_changes(s, before, [change], OPTS)
    assert len(calls) == 1
    assert done.scenario == apply_changes(s, [change])
    assert check_plan(done.scenario, done.result.plan) == []


def test_changes_that_break_the_scenario_are_refused_before_solving() -> None:
    s = city()
    before = checked(s, solve(s, OPTS)).plan
    taken = Cohort.model_validate(f.cohort("C01"))  # the id is already used
    with pytest.raises(FormatError):
        replan_changes(s, before, [CohortAdded(taken)], OPTS)
