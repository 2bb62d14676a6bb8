"""Reasons for unscheduled classes name the binding limit, computed on crafted scenarios."""

from __future__ import annotations

from tests import factories as f
from trainsched.checker import check_plan
from trainsched.formats import Message, Scenario
from trainsched.formats.plan_text import cohort_reasons
from trainsched.solver import SolveOptions, solve

OPTS = SolveOptions(time_limit_s=5, workers=1, seed=1)
START, END = f.START, f.END
# Reasons name districts and funds as people know them, never by their codes.
NAMED = {"regions": [f.region(name="西江县")], "funds": [f.fund(name="西江县创业培训补贴")]}


def named(**kw: object) -> Scenario:
    """A scenario whose district and fund carry real names (the reasons must use them)."""
    return f.scenario(**{**NAMED, **kw})


def reasons(s: Scenario) -> dict[str, Message]:
    result = solve(s, OPTS)
    assert check_plan(s, result.plan) == []
    found = cohort_reasons(result.plan)
    # The plan's own reason field is the Chinese half; x.reasons keeps both languages.
    assert {u.id: u.reason for u in result.plan.unscheduled_cohorts} == {
        cid: m.zh for cid, m in found.items()
    }
    assert set(result.plan.x["reasons"]["cohorts"]) == set(found)
    return found


def test_reason_no_block_fits_the_window() -> None:
    s = named(cohorts=[f.cohort(earliest="2027-03-05", latest_end="2027-03-08")])
    assert reasons(s)["C01"] == Message(
        "3月5日–3月8日没有连续3个工作日", "no 3 consecutive working days fit in 5 Mar–8 Mar"
    )


def test_reason_no_venue_seats_the_class() -> None:
    s = named(venues=[f.venue(capacity=12)])
    assert reasons(s)["C01"] == Message(
        "西江县没有能容纳20人的场地", "no venue in the allowed districts (西江县) seats 20"
    )


def test_reason_venue_closed_all_window() -> None:
    s = named(
        venues=[f.venue(unavailable=["2027-03-03"])],
        cohorts=[f.cohort(latest_end="2027-03-05")],
    )
    assert reasons(s)["C01"].zh == "西江县能容纳20人的场地在3月1日–3月5日没有连续3个工作日开放"


def test_reason_too_few_qualified_trainers() -> None:
    s = named(courses=[f.course(trainers_required=2)])
    assert reasons(s)["C01"] == Message(
        "服务西江县的SYB讲师只有1名，本班需要2名",
        "only 1 SYB trainer serving 西江县; the class needs 2",
    )


def test_reason_trainers_away() -> None:
    s = named(
        courses=[f.course(trainers_required=2)],
        trainers=[f.trainer("T01"), f.trainer("T02", unavailable=[{"from": START, "to": END}])],
    )
    text = reasons(s)["C01"]
    assert "only 1 SYB trainer serving 西江县 can teach 3 consecutive working days" in text.en
    assert text.zh.startswith("西江县的SYB讲师在3月1日–")
    assert "最多只有1名能连续3个工作日授课，本班需要2名" in text.zh


def test_reason_fund_too_small() -> None:
    s = named(funds=[f.fund(name="西江县创业培训补贴", amount=15_000)])
    assert reasons(s)["C01"] == Message(
        "资金「西江县创业培训补贴」总额只有15,000元，本班需要20,000元",
        "fund 西江县创业培训补贴 holds only ¥15,000 in total; the class needs ¥20,000",
    )


def two_classes_sharing(amount: int) -> Scenario:
    """C01 (hardship, more valuable) and C02 of 20,000 yuan each, from one fund of ``amount``."""
    return named(
        funds=[f.fund(name="西江县创业培训补贴", amount=amount)],
        trainers=[f.trainer("T01"), f.trainer("T02")],
        cohorts=[f.cohort("C01", trainees={"hardship": 20}), f.cohort("C02")],
    )


def test_reason_fund_spent_on_others() -> None:
    assert reasons(two_classes_sharing(35_000))["C02"] == Message(
        "资金「西江县创业培训补贴」只剩15,000元，本班需要20,000元",
        "fund 西江县创业培训补贴 has only ¥15,000 left; the class needs ¥20,000",
    )


def test_reason_fund_spent_says_so_rather_than_zero_left() -> None:
    s = two_classes_sharing(20_000)
    assert reasons(s)["C02"].zh == "资金「西江县创业培训补贴」已经用完，本班需要20,000元"


def test_reason_venues_booked_by_others() -> None:
    window = {"earliest": "2027-03-01", "latest_end": "2027-03-03"}
    s = named(
        trainers=[f.trainer("T01"), f.trainer("T02")],
        cohorts=[f.cohort("C01", trainees={"hardship": 20}, **window), f.cohort("C02", **window)],
    )
    assert reasons(s)["C02"] == Message(
        "西江县能容纳20人的场地在3月1日–3月3日都已被其他班占用",
        "every venue in 西江县 seating 20 is booked by other classes in 1 Mar–3 Mar",
    )


def test_reason_trainers_booked_by_others() -> None:
    window = {"earliest": "2027-03-01", "latest_end": "2027-03-03"}
    s = named(
        venues=[f.venue("V01"), f.venue("V02")],
        cohorts=[f.cohort("C01", trainees={"hardship": 20}, **window), f.cohort("C02", **window)],
    )
    # Said as the issue asks: no "at most 0 free", just that they are all booked.
    assert reasons(s)["C02"] == Message(
        "西江县的SYB讲师在3月1日–3月3日都已排满（含天数上限），本班需要1名",
        "in 1 Mar–3 Mar, the SYB trainers serving 西江县 are all booked (or at their day caps); "
        "the class needs 1",
    )
