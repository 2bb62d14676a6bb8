"""Hard rule 5 and the spec's charging rule: which fund pays for a class, and how much."""

from __future__ import annotations

from tests import factories as f
from tests.checker_world import Doc, broken_rules, entry, violations, world
from trainsched.checker import fund_usage
from trainsched.formats import Plan, parse_scenario


def usage(s: Doc, p: Doc) -> dict[str, int]:
    return fund_usage(parse_scenario(s), Plan.model_validate(p))


def test_fund_not_overspent_holds() -> None:
    s, p = world()
    assert entry(s, "funds", "F01")["amount"] == 30_000  # spent to the last yuan
    assert broken_rules(s, p) == set()


def test_fund_not_overspent_broken() -> None:
    s, p = world()
    entry(s, "funds", "F01")["amount"] = p["funds"][0]["amount"] = 29_999
    assert broken_rules(s, p) == {"fund-not-overspent"}
    [v] = violations(s, p)
    assert str(v) == "rule 5 fund-not-overspent: fund F01 is charged 30000 yuan but holds 29999"


def test_only_trainees_of_subsidised_groups_are_charged() -> None:
    s, p = world()
    assert usage(s, p) == {"F01": 20 * 1000 + 10 * 1000}  # C01's 5 "other" are not subsidised
    s["groups"] = {
        "graduate": {"name": "高校毕业生", "weight": 2, "subsidised": True},
        "migrant": {"name": "返乡入乡农民工", "weight": 2, "subsidised": True},
        "other": {"name": "其他人员", "weight": 1, "subsidised": True},
        "hardship": {"name": "就业困难人员", "weight": 3, "subsidised": True},
    }
    assert usage(s, p) == {"F01": 25 * 1000 + 10 * 1000}


def test_a_class_is_charged_to_the_fund_of_its_first_day() -> None:
    s, p = world()
    s["funds"] = [
        f.fund("F01", to="2027-03-31", amount=30_000),
        f.fund("F02", **{"from": "2027-04-01"}, amount=0),
    ]
    p["funds"] = [
        {"id": "F01", "used": 30_000, "amount": 30_000},
        {"id": "F02", "used": 0, "amount": 0},
    ]
    entry(p, "cohorts", "C02")["days"] = ["2027-03-31", "2027-04-01", "2027-04-02"]
    assert usage(s, p) == {"F01": 30_000, "F02": 0}
    assert broken_rules(s, p) == set()


def test_a_class_is_charged_by_its_own_region_not_its_venues() -> None:
    s, p = world()
    s["funds"].append(f.fund("F02", regions=["R02"], amount=0))
    p["funds"].append({"id": "F02", "used": 0, "amount": 0})
    entry(p, "cohorts", "C02")["venue"] = "V03"  # a venue in R02 for an R01 class
    assert usage(s, p) == {"F01": 30_000, "F02": 0}
    assert broken_rules(s, p) == set()


def test_a_class_no_fund_covers_costs_nothing() -> None:
    s, p = world()
    entry(s, "funds", "F01")["regions"] = ["R02"]
    p["funds"][0]["used"] = 0
    assert usage(s, p) == {"F01": 0}
    assert broken_rules(s, p) == set()


def test_unscheduled_cohorts_cost_nothing() -> None:
    s, p = world()
    entry(s, "cohorts", "C03")["trainees"] = {"hardship": 30}
    assert usage(s, p) == {"F01": 30_000}
