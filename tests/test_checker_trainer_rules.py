"""Hard rule 3: who teaches a class, and how much each trainer teaches."""

from __future__ import annotations

from tests.checker_world import broken_rules, entry, violations, world

MAR = "2027-03-"


def test_trainer_count_holds() -> None:
    s, p = world()
    entry(s, "courses", "SYB")["trainers_required"] = 1
    for c in p["cohorts"]:
        c["trainers"] = c["trainers"][:1]
    assert broken_rules(s, p) == set()


def test_trainer_count_broken() -> None:
    s, p = world()
    entry(p, "cohorts", "C01")["trainers"] = ["T01"]
    assert broken_rules(s, p) == {"trainer-count"}
    assert "C01 has 1 trainer(s) but course SYB requires 2" in violations(s, p)[0].message


def test_trainer_distinct_holds() -> None:
    s, p = world()
    entry(p, "cohorts", "C01")["trainers"] = ["T02", "T01"]
    assert broken_rules(s, p) == set()


def test_trainer_distinct_broken() -> None:
    s, p = world()
    entry(p, "cohorts", "C01")["trainers"] = ["T01", "T01"]
    assert broken_rules(s, p) == {"trainer-distinct"}
    assert violations(s, p)[0].objects == ("C01", "T01")


def test_trainer_qualified_holds() -> None:
    s, p = world()
    entry(s, "courses", "SYB")["qualification"] = "SIYB-SYB"
    for t in s["trainers"]:
        t["qualifications"] = ["SIYB-SYB"]
    assert broken_rules(s, p) == set()


def test_trainer_qualified_broken() -> None:
    s, p = world()
    entry(p, "cohorts", "C02")["trainers"] = ["T03", "T05"]
    assert broken_rules(s, p) == {"trainer-qualified"}
    assert violations(s, p)[0].objects == ("T05", "C02")


def test_trainer_qualified_broken_when_the_course_names_another_tag() -> None:
    s, p = world()
    entry(s, "courses", "SYB")["qualification"] = "SIYB-SYB"  # holding "SYB" is not enough
    assert broken_rules(s, p) == {"trainer-qualified"}
    assert len(violations(s, p)) == 4


def test_trainer_serves_region_holds() -> None:
    s, p = world()
    entry(p, "cohorts", "C02")["venue"] = "V03"  # T03 and T04 both serve R02
    assert broken_rules(s, p) == set()


def test_trainer_serves_region_broken() -> None:
    s, p = world()
    c02 = entry(p, "cohorts", "C02")
    c02["venue"], c02["trainers"] = "V03", ["T03", "T06"]  # T06 serves only R01
    assert broken_rules(s, p) == {"trainer-serves-region"}
    assert violations(s, p)[0].objects == ("T06", "C02", "V03")


def test_trainer_available_holds() -> None:
    s, p = world()
    entry(s, "trainers", "T01")["unavailable"] = [
        f"{MAR}04",
        {"from": f"{MAR}05", "to": f"{MAR}07"},
    ]
    assert broken_rules(s, p) == set()


def test_trainer_available_broken() -> None:
    s, p = world()
    entry(s, "trainers", "T01")["unavailable"] = [{"from": "2027-02-20", "to": f"{MAR}01"}]
    assert broken_rules(s, p) == {"trainer-available"}
    assert "trainer T01 is unavailable on 2027-03-01" in violations(s, p)[0].message


def test_trainer_double_booked_holds() -> None:
    s, p = world()
    entry(p, "cohorts", "C02")["trainers"] = ["T03", "T02"]  # T02 already taught C01, other days
    entry(s, "trainers", "T02")["max_days_total"] = 6
    assert broken_rules(s, p) == set()


def test_trainer_double_booked_broken() -> None:
    s, p = world()
    c02 = entry(p, "cohorts", "C02")
    c02["days"], c02["trainers"] = [f"{MAR}01", f"{MAR}02", f"{MAR}03"], ["T03", "T01"]
    assert broken_rules(s, p) == {"trainer-double-booked"}
    [v] = violations(s, p)
    assert str(v) == (
        "rule 3 trainer-double-booked: trainer T01 teaches C01 and C02 "
        "on 2027-03-01, 2027-03-02, 2027-03-03"
    )
    assert v.objects == ("T01", "C01", "C02")


def test_trainer_month_cap_holds() -> None:
    s, p = world()
    c02 = entry(p, "cohorts", "C02")
    c02["days"] = ["2027-04-05", "2027-04-06", "2027-04-07"]
    c02["trainers"] = ["T01", "T04"]  # 3 days in March and 3 in April, limit 3 a month
    assert broken_rules(s, p) == set()


def test_trainer_month_cap_broken() -> None:
    s, p = world()
    entry(p, "cohorts", "C02")["trainers"] = ["T01", "T04"]  # 6 days in March
    assert broken_rules(s, p) == {"trainer-month-cap"}
    assert "trainer T01 teaches 6 days in 2027-03, monthly limit 3" in violations(s, p)[0].message


def test_trainer_total_cap_holds() -> None:
    s, p = world()
    entry(s, "trainers", "T02")["max_days_total"] = 3  # exactly what T02 teaches
    assert broken_rules(s, p) == set()


def test_trainer_total_cap_broken() -> None:
    s, p = world()
    entry(p, "cohorts", "C02")["trainers"] = ["T02", "T04"]
    assert broken_rules(s, p) == {"trainer-total-cap"}
    assert "trainer T02 teaches 6 days, total limit 5" in violations(s, p)[0].message
