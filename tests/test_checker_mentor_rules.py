"""Hard rule 6, per mentor: daily and weekly load, teaching days and daily travel."""

from __future__ import annotations

from tests.checker_world import broken_rules, entry, scheduled, violations, world
from trainsched.geo import round_trip_km

MAR = "2027-03-"
ROUTE_0315_KM = round_trip_km((30.0, 120.0), [(30.01, 120.01), (30.0, 120.02)])


def test_mentor_day_cap_holds() -> None:
    s, p = world()
    assert entry(s, "mentors", "M01")["max_visits_per_day"] == 2  # two visits on 2027-03-15
    assert broken_rules(s, p) == set()


def test_mentor_day_cap_broken() -> None:
    s, p = world()
    entry(s, "mentors", "M01")["max_visits_per_day"] = 1
    assert broken_rules(s, p) == {"mentor-day-cap"}
    assert str(violations(s, p)[0]) == (
        "rule 6 mentor-day-cap: mentor M01 makes 2 visits on 2027-03-15, limit 1"
    )


def test_mentor_week_cap_holds() -> None:
    s, p = world()
    entry(s, "mentors", "M01")["max_visits_per_week"] = 1
    # Sun 2027-03-14 (a working day here) and Mon 2027-03-15 are in different Mon–Sun weeks.
    s["calendar"] = {"workdays": [f"{MAR}14"]}
    q02 = p["visits"][1]
    q02["date"], q02["order"] = f"{MAR}14", 1
    assert broken_rules(s, p) == set()


def test_mentor_week_cap_broken() -> None:
    s, p = world()
    entry(s, "mentors", "M01")["max_visits_per_week"] = 1
    assert broken_rules(s, p) == {"mentor-week-cap"}
    assert "M01 makes 2 visits in the week 2027-03-15..2027-03-21, limit 1" in str(
        violations(s, p)[0]
    )


def test_mentor_teaching_that_day_holds() -> None:
    s, p = world()
    entry(s, "mentors", "M01")["trainer"] = "T04"  # T04 teaches C02, never on a visit day
    assert broken_rules(s, p) == set()


def test_mentor_teaching_that_day_broken() -> None:
    s, p = world()
    p["cohorts"][1] = scheduled("C02", [f"{MAR}22", f"{MAR}23", f"{MAR}24"], "V02", ["T03", "T04"])
    assert broken_rules(s, p) == {"mentor-teaching-that-day"}
    [v] = violations(s, p)
    assert v.objects == ("M01", "T03", "Q01")
    assert "mentor M01 (trainer T03) teaches on 2027-03-22" in v.message


def test_mentor_km_limit_holds() -> None:
    s, p = world()
    entry(s, "mentors", "M01")["max_km_per_day"] = ROUTE_0315_KM - 1e-7  # within tolerance
    assert broken_rules(s, p) == set()


def test_mentor_km_limit_broken() -> None:
    s, p = world()
    entry(s, "mentors", "M01")["max_km_per_day"] = ROUTE_0315_KM - 1e-5
    assert broken_rules(s, p) == {"mentor-km-limit"}
    assert "mentor M01 travels 4.87 km on 2027-03-15" in violations(s, p)[0].message


def test_mentor_km_limit_follows_the_visit_order() -> None:
    s, p = world()
    q03 = {**entry(s, "visit_requests", "Q01"), "id": "Q03", "lat": 30.02, "lon": 120.0}
    s["visit_requests"].append({**q03, "visits": 1})
    entry(s, "mentors", "M01").update(max_visits_per_day=3, max_km_per_day=7.5)
    p["visits"].append({"request": "Q03", "date": f"{MAR}15", "mentor": "M01", "order": 3})
    p["objective"] += 2
    # home → Q01 → Q02 → Q03 → home is about 8.1 km: too far.
    assert broken_rules(s, p) == {"mentor-km-limit"}
    # home → Q02 → Q01 → Q03 → home is about 7.1 km: the same stops, in a better order.
    p["visits"][0]["order"], p["visits"][1]["order"] = 2, 1
    assert broken_rules(s, p) == set()
