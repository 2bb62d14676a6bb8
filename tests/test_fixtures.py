"""The bundled fixtures: valid, current with the generator, and rich enough to demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trainsched.formats import load_scenario
from trainsched.formats.common import ContactInfo
from trainsched.generate import demo_city, generate_scenario, tightness, write_fixtures
from trainsched.resources import fixture_path, fixtures_dir, template_dir

REGENERATE = (
    'fixtures are stale: run  python -c "from trainsched.generate import write_fixtures; '
    "write_fixtures('fixtures')\""
)


@pytest.mark.parametrize("name", ["demo-city.json", "tiny.json"])
def test_fixture_is_a_valid_scenario(name: str) -> None:
    assert load_scenario(fixture_path(name)).cohorts


def test_demo_fixture_matches_the_generator() -> None:
    expected = demo_city().to_json() + "\n"
    assert fixture_path("demo-city.json").read_text("utf-8") == expected, REGENERATE


def test_tiny_fixture_matches_the_generator() -> None:
    expected = generate_scenario("tiny", 1).to_json() + "\n"
    assert fixture_path("tiny.json").read_text("utf-8") == expected, REGENERATE


def test_write_fixtures_writes_both_files(tmp_path: Path) -> None:
    written = write_fixtures(tmp_path / "out")
    assert sorted(p.name for p in written) == ["demo-city.json", "tiny.json"]
    assert all(load_scenario(p) for p in written)


def test_demo_city_plans_the_first_half_of_2027() -> None:
    s = load_scenario(fixture_path("demo-city.json"))
    assert (s.horizon.start, s.horizon.end) == (dt.date(2027, 1, 1), dt.date(2027, 6, 30))
    assert 8 <= len(s.regions) <= 12
    assert len(s.trainers) >= 40
    assert len(s.venues) >= 15
    assert len(s.cohorts) >= 120
    assert len(s.mentors) >= 25
    assert len(s.visit_requests) >= 300


def test_demo_city_has_contact_data_on_every_person() -> None:
    s = load_scenario(fixture_path("demo-city.json"))
    for person in [*s.trainers, *s.mentors, *s.visit_requests]:
        assert isinstance(person.contact, ContactInfo), person.id
        assert person.contact.phone and person.contact.email, person.id


def test_demo_city_funds_cannot_pay_for_every_cohort() -> None:
    t = tightness(load_scenario(fixture_path("demo-city.json")))
    assert t.subsidy_funded < t.subsidy_asked


def test_fixture_path_holds_for_a_bundled_name() -> None:
    assert fixture_path("tiny.json").parent == fixtures_dir()


@pytest.mark.parametrize("name", ["../pyproject.toml", "sub/tiny.json", "..", ""])
def test_fixture_path_broken_for_a_path_that_leaves_the_directory(name: str) -> None:
    with pytest.raises(ValueError, match="plain file name"):
        fixture_path(name)


def test_fixture_path_broken_for_a_missing_fixture() -> None:
    with pytest.raises(FileNotFoundError, match="no fixture"):
        fixture_path("nope.json")


def test_template_dir_is_found_in_the_checkout() -> None:
    assert template_dir().is_dir()


def test_demo_city_classes_are_run_by_fictional_institutions() -> None:
    s = load_scenario(fixture_path("demo-city.json"))
    assert len(s.providers) >= 5
    assert all(p.phone.startswith("0000-") and p.address and p.enrol for p in s.providers)
    assert sum(1 for c in s.cohorts if c.provider) >= 0.8 * len(s.cohorts)
    assert any(not t.providers for t in s.trainers), "some trainers are in the shared pool"
    assert any(v.provider for v in s.venues), "some rooms are an institution's own"
