"""Hard rule 7: an institution's class uses its own or shared trainers, its own or public rooms."""

from __future__ import annotations

from tests import factories as f
from tests.checker_world import Doc, broken_rules, entry, violations, world


def institutions_world() -> tuple[Doc, Doc]:
    """The world with two institutions: C01 is P01's, C02 is P02's, C03 names none."""
    s, p = world()
    s["providers"] = [f.provider("P01"), f.provider("P02", courses=["SYB"])]
    entry(s, "cohorts", "C01")["provider"] = "P01"
    entry(s, "cohorts", "C02")["provider"] = "P02"
    entry(s, "trainers", "T01")["providers"] = ["P01"]  # C01: T01 (P01's own) and T02 (shared)
    entry(s, "trainers", "T03")["providers"] = ["P02", "P01"]  # C02: T03 (two institutions)
    entry(s, "venues", "V01")["provider"] = "P01"  # C01 in P01's own room; C02 in a public one
    entry(s, "venues", "V04")["provider"] = "P02"
    return s, p


def test_provider_trainers_holds() -> None:
    s, p = institutions_world()
    assert broken_rules(s, p) == set()


def test_provider_trainers_holds_for_a_class_that_names_no_institution() -> None:
    s, p = institutions_world()
    del entry(s, "cohorts", "C01")["provider"]
    entry(s, "trainers", "T01")["providers"] = ["P02"]  # tied elsewhere, still free to teach C01
    assert broken_rules(s, p) == set()


def test_provider_trainers_broken() -> None:
    s, p = institutions_world()
    entry(s, "trainers", "T01")["providers"] = ["P02"]
    assert broken_rules(s, p) == {"provider-trainers"}
    (v,) = violations(s, p)
    assert v.objects == ("T01", "C01") and v.spec == "7"
    assert "trainer T01 teaches cohort C01 of provider P01 but teaches only for P02" in v.message


def test_provider_venue_holds() -> None:
    s, p = institutions_world()
    entry(p, "cohorts", "C01")["venue"] = "V04"  # V04 is P02's, but C01 moves from V01 to it...
    entry(s, "venues", "V04")["provider"] = "P01"  # ...once it is P01's own
    assert broken_rules(s, p) == set()


def test_provider_venue_broken() -> None:
    s, p = institutions_world()
    entry(p, "cohorts", "C01")["venue"] = "V04"
    assert broken_rules(s, p) == {"provider-venue"}
    (v,) = violations(s, p)
    assert v.objects == ("C01", "V04")
    assert "cohort C01 of provider P01 is held at venue V04, which belongs to provider P02" in (
        v.message
    )
