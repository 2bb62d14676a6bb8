"""The registry of checks, how violations read, and the report the CLI prints."""

from __future__ import annotations

import importlib
import pkgutil

import tests
from tests.checker_world import violations, world
from trainsched.checker import CHECKS, Violation, format_report


def test_every_check_has_a_unique_name_and_a_one_line_business_rule() -> None:
    names = [c.name for c in CHECKS]
    assert len(names) == len(set(names))
    for check in CHECKS:
        assert check.description, check.name
        assert "\n" not in check.description, check.name


def test_hard_rules_come_in_spec_order_before_consistency_checks() -> None:
    specs = [c.spec for c in CHECKS]
    numbered = [s for s in specs if s]
    assert numbered == sorted(numbered)
    assert set(numbered) == {"1", "2", "3", "4", "5", "6", "7"}
    assert specs.index("") > specs.index("7")
    assert all(s == "" for s in specs[specs.index("") :])


def test_every_check_has_a_holds_and_a_broken_test() -> None:
    found: set[str] = set()
    for info in pkgutil.iter_modules(tests.__path__):
        if info.name.startswith("test_checker_"):
            module = importlib.import_module(f"tests.{info.name}")
            found.update(n for n in dir(module) if n.startswith("test_"))
    for check in CHECKS:
        slug = check.name.replace("-", "_")
        assert f"test_{slug}_holds" in found, check.name
        assert f"test_{slug}_broken" in found, check.name


def test_a_violation_reads_as_one_line_naming_rule_and_objects() -> None:
    v = Violation(
        "trainer-double-booked",
        "trainer T07 teaches C12 and C31 on 2027-03-04",
        ("T07", "C12", "C31"),
        "3",
    )
    assert str(v) == "rule 3 trainer-double-booked: trainer T07 teaches C12 and C31 on 2027-03-04"


def test_a_consistency_violation_has_no_rule_number() -> None:
    v = Violation("objective-matches", "objective is 1 but the served value is 2")
    assert str(v) == "rule objective-matches: objective is 1 but the served value is 2"


def test_report_of_a_valid_plan_is_one_ok_line() -> None:
    report = format_report([])
    assert report.startswith("OK")
    assert "\n" not in report
    assert str(len(CHECKS)) in report


def test_report_has_one_line_per_violation_in_rule_order() -> None:
    s, p = world()
    p["objective"] = 1
    p["cohorts"][0]["trainers"] = ["T01"]
    found = violations(s, p)
    lines = format_report(found).splitlines()
    assert lines == [str(v) for v in found]
    assert [v.rule for v in found] == ["trainer-count", "objective-matches"]
