"""Plan consistency: the plan's own bookkeeping agrees with its scenario and its schedule."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.checker_world import Doc, broken_rules, entry, scheduled, violations, world


def test_scenario_name_matches_holds() -> None:
    s, p = world()
    assert p["scenario"] == s["name"]
    assert broken_rules(s, p) == set()


def test_scenario_name_matches_broken() -> None:
    s, p = world()
    p["scenario"] = "别的场景"
    assert broken_rules(s, p) == {"scenario-name-matches"}


def test_references_resolve_holds() -> None:
    s, p = world()
    entry(p, "cohorts", "C02")["trainers"] = ["T03", "T06"]  # any known, fitting trainer
    assert broken_rules(s, p) == set()


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (
            lambda p: entry(p, "cohorts", "C01").update(trainers=["T01", "T99"]),
            "cohorts[0].trainers",
        ),
        (lambda p: entry(p, "cohorts", "C01").update(venue="V99"), "cohorts[0].venue"),
        (lambda p: p["visits"][2].update(mentor="M99"), "visits[2].mentor"),
        (lambda p: p["funds"].append({"id": "F99", "used": 0, "amount": 0}), "funds[1].id"),
    ],
)
def test_references_resolve_broken(where: Callable[[Doc], object], path: str) -> None:
    s, p = world()
    where(p)
    assert broken_rules(s, p) == {"references-resolve"}  # and nothing else trips on the unknown id
    [v] = violations(s, p)
    assert v.objects == (path,)


def test_references_resolve_broken_by_an_unknown_cohort() -> None:
    s, p = world()
    p["unscheduled_cohorts"].append({"id": "C99", "reason": "typo"})
    assert broken_rules(s, p) == {"references-resolve"}
    assert str(violations(s, p)[0]) == (
        "rule references-resolve: unscheduled_cohorts[1].id: unknown cohort 'C99'"
    )


def test_cohort_accounted_once_holds() -> None:
    s, p = world()
    assert [c["id"] for c in p["cohorts"]] + [u["id"] for u in p["unscheduled_cohorts"]] == [
        "C01",
        "C02",
        "C03",
    ]
    assert broken_rules(s, p) == set()


@pytest.mark.parametrize(
    "change",
    [
        "forget C03",
        "C01 also unscheduled",
        "C02 scheduled twice",
    ],
)
def test_cohort_accounted_once_broken(change: str) -> None:
    s, p = world()
    if change == "forget C03":
        p["unscheduled_cohorts"] = []
    elif change == "C01 also unscheduled":
        p["unscheduled_cohorts"].append({"id": "C01", "reason": "?"})
    else:
        p["cohorts"].append(
            scheduled("C02", ["2027-03-15", "2027-03-16", "2027-03-17"], "V04", ["T04", "T06"])
        )
    assert broken_rules(s, p) == {"cohort-accounted-once"}
    assert len(violations(s, p)) == 1


def test_visit_order_sequence_holds() -> None:
    s, p = world()
    p["visits"][0]["order"], p["visits"][1]["order"] = 2, 1  # any order, if numbered 1..n
    assert broken_rules(s, p) == set()


@pytest.mark.parametrize("orders", [(1, 3), (1, 1), (2, 3)])
def test_visit_order_sequence_broken(orders: tuple[int, int]) -> None:
    s, p = world()
    p["visits"][0]["order"], p["visits"][1]["order"] = orders
    assert broken_rules(s, p) == {"visit-order-sequence"}
    assert violations(s, p)[0].objects == ("M01",)


def test_fund_use_reported_holds() -> None:
    s, p = world()
    assert p["funds"] == [{"id": "F01", "used": 30_000, "amount": 30_000}]
    assert broken_rules(s, p) == set()


@pytest.mark.parametrize(
    ("funds", "why"),
    [
        ([{"id": "F01", "used": 29_000, "amount": 30_000}], "reports 29000 yuan used"),
        ([{"id": "F01", "used": 30_000, "amount": 40_000}], "reports amount 40000"),
        ([], "listed 0 times"),
        ([{"id": "F01", "used": 30_000, "amount": 30_000}] * 2, "listed 2 times"),
    ],
)
def test_fund_use_reported_broken(funds: list[Doc], why: str) -> None:
    s, p = world()
    p["funds"] = funds
    assert broken_rules(s, p) == {"fund-use-reported"}
    assert why in violations(s, p)[0].message


def test_unscheduled_visits_reported_holds() -> None:
    s, p = world()
    assert p["unscheduled_visits"][0]["missing"] == 1  # Q01 asked 3, got 2
    assert broken_rules(s, p) == set()


@pytest.mark.parametrize(
    "unscheduled",
    [
        [],
        [{"request": "Q01", "missing": 2, "reason": "x"}],
        [{"request": "Q01", "missing": 1, "reason": "x"}] * 2,
        [
            {"request": "Q01", "missing": 1, "reason": "x"},
            {"request": "Q02", "missing": 1, "reason": "Q02 got its one visit"},
        ],
    ],
)
def test_unscheduled_visits_reported_broken(unscheduled: list[Doc]) -> None:
    s, p = world()
    p["unscheduled_visits"] = unscheduled
    assert broken_rules(s, p) == {"unscheduled-visits-reported"}


def test_objective_matches_holds() -> None:
    s, p = world()
    assert p["objective"] == 123
    assert broken_rules(s, p) == set()


def test_objective_matches_broken() -> None:
    s, p = world()
    p["objective"] = 122
    assert broken_rules(s, p) == {"objective-matches"}
    assert str(violations(s, p)[0]) == (
        "rule objective-matches: objective is 122 but the served value is 123"
    )


def test_objective_counts_a_cohort_scheduled_twice_once() -> None:
    s, p = world()
    p["cohorts"].append(p["cohorts"][0])
    assert "objective-matches" not in broken_rules(s, p)


def test_bound_not_below_objective_holds() -> None:
    s, p = world()
    p["bound"] = 123
    assert broken_rules(s, p) == set()
    del p["bound"]
    assert broken_rules(s, p) == set()


def test_bound_not_below_objective_broken() -> None:
    s, p = world()
    p["bound"] = 122
    assert broken_rules(s, p) == {"bound-not-below-objective"}
