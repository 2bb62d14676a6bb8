"""Hard rules 1, 2 and 4: a class's days, its venue and its pinned parts."""

from __future__ import annotations

import pytest

from tests.checker_world import Doc, broken_rules, entry, scheduled, violations, world

MAR = "2027-03-"


def days(*dd: int) -> list[str]:
    return [f"{MAR}{d:02d}" for d in dd]


# rule 1: days


def test_days_consecutive_working_holds() -> None:
    s, p = world()
    s["calendar"] = {"workdays": [f"{MAR}06"]}  # a 调休 Saturday is a teaching day
    entry(p, "cohorts", "C02")["days"] = days(5, 6, 8)
    assert broken_rules(s, p) == set()


def test_days_consecutive_working_holds_with_days_listed_out_of_order() -> None:
    s, p = world()
    entry(p, "cohorts", "C02")["days"] = days(10, 8, 9)
    assert broken_rules(s, p) == set()


def test_days_consecutive_working_broken() -> None:
    s, p = world()
    entry(p, "cohorts", "C02")["days"] = days(8, 9, 11)
    assert broken_rules(s, p) == {"days-consecutive-working"}
    [v] = violations(s, p)
    assert v.objects == ("C02",)
    assert "skips working day 2027-03-10" in v.message


@pytest.mark.parametrize(
    ("taught", "why"),
    [
        (days(8, 9), "has 2 teaching days but course SYB takes 3"),
        (days(8, 9, 9), "lists the same day twice"),
    ],
)
def test_days_consecutive_working_broken_by_wrong_number_of_days(
    taught: list[str], why: str
) -> None:
    s, p = world()
    entry(p, "cohorts", "C02")["days"] = taught
    [v] = violations(s, p)
    assert v.rule == "days-consecutive-working"
    assert why in v.message


def test_days_consecutive_working_broken_by_a_local_holiday() -> None:
    s, p = world()
    s["calendar"] = {"holidays": [f"{MAR}09"]}
    assert broken_rules(s, p) == {"days-consecutive-working"}
    assert "non-working day(s) 2027-03-09" in violations(s, p)[0].message


def test_days_in_window_holds() -> None:
    s, p = world()
    entry(s, "cohorts", "C01")["latest_end"] = f"{MAR}03"  # last day exactly at the limit
    assert broken_rules(s, p) == set()


def test_days_in_window_broken() -> None:
    s, p = world()
    entry(p, "cohorts", "C01")["days"] = days(8, 9, 10)
    entry(p, "cohorts", "C01")["venue"] = "V04"
    assert broken_rules(s, p) == {"days-in-window"}
    [v] = violations(s, p)
    assert v.objects == ("C01",)
    assert "outside its window 2027-03-01..2027-03-05" in v.message


def test_max_span_holds() -> None:
    s, p = world()
    s["calendar"] = {"holidays": [f"{MAR}09"]}
    entry(p, "cohorts", "C02")["days"] = days(8, 10, 11)  # 4 calendar days, limit 4
    assert broken_rules(s, p) == set()


def test_max_span_broken() -> None:
    s, p = world()
    entry(p, "cohorts", "C02")["days"] = days(4, 5, 8)  # Thu, Fri, Mon: 5 calendar days
    assert broken_rules(s, p) == {"max-span"}
    assert "spans 5 calendar days" in violations(s, p)[0].message


# rule 2: venue


def test_venue_region_holds() -> None:
    s, p = world()
    entry(p, "cohorts", "C02")["venue"] = "V03"  # R02 is among C02's venue_regions
    assert broken_rules(s, p) == set()


def test_venue_region_broken() -> None:
    s, p = world()
    entry(p, "cohorts", "C01")["venue"] = "V03"  # C01 may only use R01 venues
    assert broken_rules(s, p) == {"venue-region"}
    assert violations(s, p)[0].objects == ("C01", "V03")


def test_venue_capacity_holds() -> None:
    s, p = world()
    assert entry(s, "venues", "V01")["capacity"] == 25  # C01's 25 trainees fill V01 exactly
    assert broken_rules(s, p) == set()


def test_venue_capacity_broken() -> None:
    s, p = world()
    entry(p, "cohorts", "C01")["venue"] = "V02"
    assert broken_rules(s, p) == {"venue-capacity"}
    assert "25 trainees but venue V02 seats 20" in violations(s, p)[0].message


def test_venue_available_holds() -> None:
    s, p = world()
    entry(s, "venues", "V01")["unavailable"] = [f"{MAR}04", {"from": f"{MAR}05", "to": f"{MAR}31"}]
    assert broken_rules(s, p) == set()


def test_venue_available_broken() -> None:
    s, p = world()
    entry(s, "venues", "V01")["unavailable"] = [{"from": f"{MAR}02", "to": f"{MAR}05"}]
    assert broken_rules(s, p) == {"venue-available"}
    assert "unavailable on 2027-03-02, 2027-03-03" in violations(s, p)[0].message


def test_venue_one_class_a_day_holds() -> None:
    s, p = world()
    entry(p, "cohorts", "C02")["venue"] = "V01"  # same room, other days
    assert broken_rules(s, p) == set()


def test_venue_one_class_a_day_broken() -> None:
    s, p = world()
    c02 = entry(p, "cohorts", "C02")
    c02["venue"], c02["days"] = "V01", days(2, 3, 4)
    assert broken_rules(s, p) == {"venue-one-class-a-day"}
    [v] = violations(s, p)
    assert v.objects == ("V01", "C01", "C02")
    assert (
        str(v)
        == "rule 2 venue-one-class-a-day: venue V01 hosts C01 and C02 on 2027-03-02, 2027-03-03"
    )


# rule 4: pinned parts


def pin_c01(s: Doc, **pinned: object) -> None:
    entry(s, "cohorts", "C01")["pinned"] = pinned


def test_pinned_kept_holds() -> None:
    s, p = world()
    pin_c01(s, days=days(3, 1, 2), venue="V01", trainers=["T02"])
    entry(s, "cohorts", "C03")["pinned"] = {}
    p["unscheduled_cohorts"] = []
    p["cohorts"].append(scheduled("C03", days(15, 16, 17), "V04", ["T04", "T06"]))
    p["objective"] = p["bound"] = 123 + 40
    p["funds"][0]["used"] += 20_000
    entry(s, "funds", "F01")["amount"] = p["funds"][0]["amount"] = 50_000
    assert broken_rules(s, p) == set()


@pytest.mark.parametrize(
    ("pinned", "why"),
    [
        ({"days": days(2, 3, 4)}, "is pinned to days 2027-03-02, 2027-03-03, 2027-03-04"),
        ({"venue": "V04"}, "is pinned to venue V04 but held at V01"),
        ({"trainers": ["T01", "T04"]}, "lost pinned trainer(s) T04"),
    ],
)
def test_pinned_kept_broken(pinned: dict[str, object], why: str) -> None:
    s, p = world()
    pin_c01(s, **pinned)
    assert broken_rules(s, p) == {"pinned-kept"}
    [v] = violations(s, p)
    assert v.objects == ("C01",)
    assert why in v.message


def test_pinned_kept_broken_when_a_pinned_cohort_is_left_out() -> None:
    s, p = world()
    entry(s, "cohorts", "C03")["pinned"] = {}
    assert broken_rules(s, p) == {"pinned-kept"}
    assert "C03 is pinned but not scheduled" in violations(s, p)[0].message
