"""Hard rule 6, per visit and per request: when, by whom and how often someone is visited."""

from __future__ import annotations

from tests.checker_world import Doc, broken_rules, entry, violations, visit, world

MAR = "2027-03-"


def visits_of(p: Doc, request: str) -> list[Doc]:
    return [v for v in p["visits"] if v["request"] == request]


def second_q01_visit(p: Doc) -> Doc:
    return visits_of(p, "Q01")[1]


def test_visit_working_day_holds() -> None:
    s, p = world()
    s["calendar"] = {"workdays": [f"{MAR}27"]}  # an adjusted working Saturday
    second_q01_visit(p)["date"] = f"{MAR}27"
    assert broken_rules(s, p) == set()


def test_visit_working_day_broken() -> None:
    s, p = world()
    second_q01_visit(p)["date"] = f"{MAR}27"
    assert broken_rules(s, p) == {"visit-working-day"}
    assert violations(s, p)[0].objects == ("Q01", "M01")


def test_visit_in_window_holds() -> None:
    s, p = world()
    entry(s, "visit_requests", "Q02").update({"from": f"{MAR}15", "to": f"{MAR}15"})
    assert broken_rules(s, p) == set()


def test_visit_in_window_broken() -> None:
    s, p = world()
    visits_of(p, "Q02")[0]["date"] = f"{MAR}22"  # joins Q01 as M01's second stop that day
    assert broken_rules(s, p) == {"visit-in-window"}
    assert "outside the request's window 2027-03-10..2027-03-20" in violations(s, p)[0].message


def test_mentor_topic_holds() -> None:
    s, p = world()
    first = visits_of(p, "Q01")[0]
    first["mentor"] = "M02"  # M02 knows e-commerce too
    visits_of(p, "Q02")[0]["order"] = 1
    assert broken_rules(s, p) == set()


def test_mentor_topic_broken() -> None:
    s, p = world()
    q02 = visits_of(p, "Q02")[0]
    q02["mentor"], q02["order"] = "M02", 1  # M02 knows nothing of finance
    assert broken_rules(s, p) == {"mentor-topic"}
    assert str(violations(s, p)[0]) == (
        "rule 6 mentor-topic: mentor M02 visits Q02 on 2027-03-15 without expertise in finance"
    )


def test_mentor_available_holds() -> None:
    s, p = world()
    second_q01_visit(p)["date"] = f"{MAR}23"  # the day before M01's day off
    assert broken_rules(s, p) == set()


def test_mentor_available_broken() -> None:
    s, p = world()
    second_q01_visit(p)["date"] = f"{MAR}24"
    assert broken_rules(s, p) == {"mentor-available"}
    assert violations(s, p)[0].objects == ("M01", "Q01")


def test_visit_min_gap_holds() -> None:
    s, p = world()
    assert [v["date"] for v in visits_of(p, "Q01")] == [f"{MAR}15", f"{MAR}22"]  # exactly 7 days
    assert broken_rules(s, p) == set()


def test_visit_min_gap_broken() -> None:
    s, p = world()
    second_q01_visit(p)["date"] = f"{MAR}19"
    assert broken_rules(s, p) == {"visit-min-gap"}
    assert "are 4 days apart, at least 7 needed" in violations(s, p)[0].message


def test_visit_min_gap_broken_by_two_visits_on_one_day_even_without_a_gap() -> None:
    s, p = world()
    entry(s, "visit_requests", "Q01")["min_gap_days"] = 0
    second = second_q01_visit(p)
    second["date"], second["mentor"] = f"{MAR}15", "M02"
    assert broken_rules(s, p) == {"visit-min-gap"}
    assert "two visits on the same day 2027-03-15" in violations(s, p)[0].message


def test_visit_count_not_exceeded_holds() -> None:
    s, p = world()
    p["visits"].append(visit("Q01", "2027-04-05", "M02", 1))  # the third of three
    p["unscheduled_visits"] = []
    p["objective"] += 2
    assert broken_rules(s, p) == set()


def test_visit_count_not_exceeded_broken() -> None:
    s, p = world()
    p["visits"].append(visit("Q02", f"{MAR}17", "M01", 1))
    p["objective"] += 9
    assert broken_rules(s, p) == {"visit-count-not-exceeded"}
    assert "Q02 gets 2 visits but asked for 1" in violations(s, p)[0].message
