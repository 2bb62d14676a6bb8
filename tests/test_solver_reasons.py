"""Reasons for unscheduled classes name the binding limit, computed on crafted scenarios."""

from __future__ import annotations

from tests import factories as f
from trainsched.checker import check_plan
from trainsched.formats import Message, Scenario
from trainsched.formats.plan_text import cohort_reasons
from trainsched.solver import SolveOptions, solve

OPTS = SolveOptions(time_limit_s=5, workers=1, seed=1)
START, END = f.START, f.END


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
    s = f.scenario(cohorts=[f.cohort(earliest="2027-03-05", latest_end="2027-03-08")])
    assert (
        "no 3 consecutive working days fit between 2027-03-05 and 2027-03-08"
        in reasons(s)["C01"].en
    )


def test_reason_no_venue_seats_the_class() -> None:
    s = f.scenario(venues=[f.venue(capacity=12)])
    assert reasons(s)["C01"] == Message(
        "R01区内没有能容纳20人的场地", "no venue in the allowed districts (R01) seats 20"
    )


def test_reason_venue_closed_all_window() -> None:
    s = f.scenario(
        venues=[f.venue(unavailable=["2027-03-03"])],
        cohorts=[f.cohort(latest_end="2027-03-05")],
    )
    assert (
        "no venue in R01 seating 20 is open for 3 consecutive working days" in reasons(s)["C01"].en
    )


def test_reason_too_few_qualified_trainers() -> None:
    s = f.scenario(courses=[f.course(trainers_required=2)])
    assert "only 1 SYB trainers serve R01, the class needs 2" in reasons(s)["C01"].en


def test_reason_trainers_away() -> None:
    s = f.scenario(
        courses=[f.course(trainers_required=2)],
        trainers=[f.trainer("T01"), f.trainer("T02", unavailable=[{"from": START, "to": END}])],
    )
    text = reasons(s)["C01"]
    assert "only 1 of the 2 SYB trainers needed is free for 3 consecutive working days" in text.en
    assert text.zh.startswith("R01区")


def test_reason_fund_too_small() -> None:
    s = f.scenario(funds=[f.fund(amount=15_000)])
    assert reasons(s)["C01"] == Message(
        "资金F01总额只有15000元，本班需要20000元",
        "fund F01 holds only 15,000 yuan in total and this class needs 20,000",
    )


def test_reason_fund_spent_on_others() -> None:
    s = f.scenario(
        funds=[f.fund(amount=35_000)],
        trainers=[f.trainer("T01"), f.trainer("T02")],
        cohorts=[f.cohort("C01", trainees={"hardship": 20}), f.cohort("C02")],
    )
    assert reasons(s)["C02"] == Message(
        "资金F01剩余15000元，本班需要20000元",
        "fund F01 has 15,000 yuan left and this class needs 20,000",
    )


def test_reason_venues_booked_by_others() -> None:
    window = {"earliest": "2027-03-01", "latest_end": "2027-03-03"}
    s = f.scenario(
        trainers=[f.trainer("T01"), f.trainer("T02")],
        cohorts=[f.cohort("C01", trainees={"hardship": 20}, **window), f.cohort("C02", **window)],
    )
    assert "every venue in R01 seating 20 is booked by other classes" in reasons(s)["C02"].en


def test_reason_trainers_booked_by_others() -> None:
    window = {"earliest": "2027-03-01", "latest_end": "2027-03-03"}
    s = f.scenario(
        venues=[f.venue("V01"), f.venue("V02")],
        cohorts=[f.cohort("C01", trainees={"hardship": 20}, **window), f.cohort("C02", **window)],
    )
    text = reasons(s)["C02"].en
    assert "the SYB trainers serving R01 are booked by other classes or at their day caps" in text
    assert "at most 0 of 1 free" in text
