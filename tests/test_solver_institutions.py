"""Rule 7 in the solver: an institution's class takes its own or shared trainers and rooms."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from trainsched.checker import check_plan
from trainsched.formats import Message, Scenario
from trainsched.formats.plan_text import cohort_reasons
from trainsched.formats.scenario import Cohort
from trainsched.solver import SolveOptions, SolveResult, extra_options, replan_changes, solve

CPSAT = SolveOptions(time_limit_s=5, workers=1, seed=1)
GREEDY = SolveOptions(time_limit_s=5, workers=1, seed=1, method="greedy")
WINDOW = {"earliest": "2027-03-01", "latest_end": "2027-03-03"}
BOTH = pytest.mark.parametrize("options", [CPSAT, GREEDY], ids=["cpsat", "greedy"])


def institutions(**kw: Any) -> Scenario:
    """Two institutions: 启航 (P01) and 远帆 (P02); the cohort is P01's unless told otherwise."""
    base: dict[str, Any] = {
        "providers": [f.provider("P01", name="启航培训学校"), f.provider("P02", name="远帆学院")],
        "cohorts": [f.cohort(provider="P01")],
    }
    return f.scenario(**{**base, **kw})


def solved(s: Scenario, options: SolveOptions) -> SolveResult:
    result = solve(s, options)
    assert check_plan(s, result.plan) == []
    return result


def placed(result: SolveResult) -> dict[str, Any]:
    return {c.id: c for c in result.plan.cohorts}


@BOTH
def test_an_institutions_class_takes_its_own_or_shared_trainers(options: SolveOptions) -> None:
    s = institutions(
        courses=[f.course(trainers_required=2)],
        trainers=[
            f.trainer("T01", providers=["P02"]),
            f.trainer("T02", providers=["P01"]),
            f.trainer("T03"),
            f.trainer("T04", providers=["P02"]),
        ],
    )
    assert placed(solved(s, options))["C01"].trainers == ["T02", "T03"]


@BOTH
def test_an_institutions_class_is_held_in_its_own_or_a_public_room(options: SolveOptions) -> None:
    s = institutions(
        venues=[f.venue("V01", provider="P02"), f.venue("V02", provider="P01"), f.venue("V03")],
        cohorts=[f.cohort("C01", provider="P01"), f.cohort("C02", provider="P01")],
        trainers=[f.trainer("T01"), f.trainer("T02")],
    )
    assert {c.venue for c in placed(solved(s, options)).values()} == {"V02", "V03"}


@BOTH
def test_a_class_naming_no_institution_may_take_anyones(options: SolveOptions) -> None:
    s = institutions(
        trainers=[f.trainer("T01", providers=["P02"])],
        venues=[f.venue("V01", provider="P02")],
        cohorts=[f.cohort()],
    )
    assert placed(solved(s, options))["C01"].venue == "V01"


def test_a_trainer_of_two_institutions_teaches_for_both() -> None:
    s = institutions(
        trainers=[f.trainer("T01", providers=["P01", "P02"])],
        cohorts=[f.cohort("C01", provider="P01"), f.cohort("C02", provider="P02")],
    )
    assert set(placed(solved(s, CPSAT))) == {"C01", "C02"}


def test_reason_names_the_institution_whose_trainers_are_too_few() -> None:
    s = institutions(trainers=[f.trainer("T01", providers=["P02"])])
    why = cohort_reasons(solved(s, CPSAT).plan)["C01"]
    # None at all is said as such, never "only 0".
    assert why.zh.startswith("本机构（启航培训学校）和共享讲师库中服务区R01的SYB讲师一名也没有")
    assert why.en.startswith("no SYB trainer of 启航培训学校 or the shared pool serving 区R01")
    assert "other institutions' trainers may not teach its classes" in why.en


def test_reason_names_the_institution_whose_rooms_are_missing() -> None:
    s = institutions(venues=[f.venue("V01", provider="P02")])
    why = cohort_reasons(solved(s, CPSAT).plan)["C01"]
    assert (
        why.zh
        == "区R01能容纳20人的场地都属于其他机构，本机构（启航培训学校）没有可用的自有或公共场地"
    )
    assert "启航培训学校 has no room of its own nor a public one there" in why.en


@BOTH
def test_reason_says_the_institutions_trainers_are_all_booked(options: SolveOptions) -> None:
    s = institutions(
        trainers=[f.trainer("T01", providers=["P01"]), f.trainer("T02", providers=["P02"])],
        venues=[f.venue("V01"), f.venue("V02")],
        cohorts=[
            f.cohort("C01", provider="P01", trainees={"hardship": 20}, **WINDOW),
            f.cohort("C02", provider="P01", **WINDOW),
        ],
    )
    why = cohort_reasons(solved(s, options).plan)["C02"]
    assert why.zh.startswith(
        "本机构（启航培训学校）的SYB讲师和共享讲师在3月1日–3月3日都已排满（含天数上限）"
    )
    assert why.en.startswith(
        "in 1 Mar–3 Mar, this institution's (启航培训学校) SYB trainers and the shared pool are "
        "all booked"
    )


@BOTH
def test_reason_says_the_institutions_and_public_rooms_are_all_booked(
    options: SolveOptions,
) -> None:
    s = institutions(
        trainers=[f.trainer("T01"), f.trainer("T02")],
        venues=[f.venue("V01"), f.venue("V02", provider="P02")],
        cohorts=[
            f.cohort("C01", provider="P01", trainees={"hardship": 20}, **WINDOW),
            f.cohort("C02", provider="P01", **WINDOW),
        ],
    )
    why = cohort_reasons(solved(s, options).plan)["C02"]
    assert why == Message(
        "本机构（启航培训学校）的自有场地和区R01的公共场地在3月1日–3月3日都已被其他班占用，"
        "其他机构的场地不能使用",
        "this institution's (启航培训学校) own rooms and the public venues in 区R01 are booked by "
        "other classes in 1 Mar–3 Mar; other institutions' rooms may not be used",
    )


def test_a_pinned_trainer_of_another_institution_is_a_pin_problem_of_rule_7() -> None:
    s = institutions(
        trainers=[f.trainer("T01", providers=["P02"]), f.trainer("T02")],
        cohorts=[f.cohort(provider="P01", pinned={"trainers": ["T01"]})],
    )
    result = solve(s, CPSAT)
    assert placed(result) == {}
    why = cohort_reasons(result.plan)["C01"]
    assert why.en == (
        "trainer(s) 讲师T01 pinned on C01 teach neither for 启航培训学校 nor for the shared pool "
        "(rule 7: the institution's trainers and rooms)"
    )


def test_a_pinned_room_of_another_institution_is_a_pin_problem_of_rule_7() -> None:
    s = institutions(
        venues=[f.venue("V01", provider="P02"), f.venue("V02")],
        cohorts=[f.cohort(provider="P01", pinned={"venue": "V01"})],
    )
    why = cohort_reasons(solve(s, CPSAT).plan)["C01"]
    assert why.zh.startswith("C01固定的场地教室V01属于其他机构，启航培训学校不能使用（规则7")


def test_replan_after_institutions_arrive_moves_only_the_classes_that_break_rule_7() -> None:
    common: dict[str, Any] = {
        "trainers": [f.trainer("T01"), f.trainer("T02"), f.trainer("T03")],
        "venues": [f.venue("V01"), f.venue("V02"), f.venue("V03")],
        "cohorts": [f.cohort(f"C0{i}", **WINDOW) for i in range(1, 4)],
    }
    before = solved(f.scenario(**common), CPSAT).plan
    by_id = {c.id: c for c in before.cohorts}
    # C01 becomes P01's, and its trainer becomes P02's: only C01 has to change.
    t01 = by_id["C01"].trainers[0]
    trainers = [f.trainer(t, providers=["P02"]) if t == t01 else f.trainer(t) for t in
                ("T01", "T02", "T03")]  # fmt: skip
    cohorts = [f.cohort("C01", provider="P01", **WINDOW), *common["cohorts"][1:]]
    s = institutions(**{**common, "trainers": trainers, "cohorts": cohorts})
    after = replan_changes(s, before, [], CPSAT).result
    assert check_plan(s, after.plan) == []
    assert after.diff is not None and after.diff.changed <= {"C01"}
    assert {c.id: c for c in after.plan.cohorts}.get("C02") == by_id["C02"]


def test_options_for_one_more_class_of_an_institution_use_only_its_or_shared_people() -> None:
    s = institutions(
        trainers=[f.trainer("T01", providers=["P02"]), f.trainer("T02", providers=["P01"])],
        venues=[f.venue("V01", provider="P02"), f.venue("V02")],
    )
    plan = solved(s, CPSAT).plan
    extra = Cohort.model_validate(f.cohort("C09", provider="P01"))
    found = extra_options(s, plan, extra, 5)
    assert found.options
    assert all(o.trainers == ("T02",) and o.venue == "V02" for o in found.options)
