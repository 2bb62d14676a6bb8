"""The seeded scenario generator: deterministic, valid, sized as promised and tight."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
import sys
from collections import Counter

import pytest

from tests import factories as f
from tests.generate_checks import short_of_trainers
from trainsched.formats import Scenario, parse_scenario
from trainsched.formats.common import ContactInfo
from trainsched.generate import generate_scenario, tightness
from trainsched.geo import great_circle_km
from trainsched.workcal import scenario_calendar

SCALES = ("tiny", "small", "city", "province")
# scale: (districts, months, trainers, venues, cohorts, mentors, requests, visits)
PROMISED = {
    "tiny": (2, 2, 4, 3, 6, 2, 5, None),
    "small": (6, 3, 15, 10, 60, 10, 120, None),
    "city": (10, 12, 80, 40, 500, 60, 1200, 3000),
    "province": (None, 12, 360, 160, 3000, 260, 8000, 19000),
}

_cache: dict[str, Scenario] = {}


def scenario_of(scale: str) -> Scenario:
    """Each scale generated once per session with seed 7 (province takes about a second)."""
    if scale not in _cache:
        _cache[scale] = generate_scenario(scale, 7)  # type: ignore[arg-type]
    return _cache[scale]


def city_of(region_id: str) -> str:
    # Province region ids are R<city><district>; a single city's are R<district>.
    return region_id[:3] if len(region_id) == 5 else "R"


def near(actual: int, promised: int) -> bool:
    return abs(actual - promised) <= 0.15 * promised


@pytest.mark.parametrize("scale", ["tiny", "small", "city"])
def test_same_seed_gives_byte_identical_json(scale: str) -> None:
    assert generate_scenario(scale, 11).to_json() == generate_scenario(scale, 11).to_json()  # type: ignore[arg-type]


def test_same_seed_gives_the_same_json_under_another_hash_seed() -> None:
    # Set iteration order changes with PYTHONHASHSEED; the output must not.
    code = (
        "import hashlib; from trainsched.generate import generate_scenario; "
        "print(hashlib.sha256(generate_scenario('small', 5).to_json().encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    here = hashlib.sha256(generate_scenario("small", 5).to_json().encode()).hexdigest()
    assert other.stdout.strip() == here


@pytest.mark.parametrize("scale", ["tiny", "small"])
def test_different_seeds_give_different_scenarios(scale: str) -> None:
    assert generate_scenario(scale, 1).to_json() != generate_scenario(scale, 2).to_json()  # type: ignore[arg-type]


def test_unknown_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown scale"):
        generate_scenario("planet", 1)  # type: ignore[arg-type]


# Province is validated while generated; re-reading its 4 MB of JSON adds nothing but time.
@pytest.mark.parametrize("scale", ["tiny", "small", "city"])
def test_generated_scenario_round_trips_through_the_format(scale: str) -> None:
    s = scenario_of(scale)
    assert parse_scenario(s.to_json()).to_json() == s.to_json()


@pytest.mark.parametrize("scale", SCALES)
def test_scale_has_the_promised_counts(scale: str) -> None:
    s = scenario_of(scale)
    districts, months, trainers, venues, cohorts, mentors, requests, visits = PROMISED[scale]
    if districts is not None:
        assert near(len(s.regions), districts)
    span = {(d.year, d.month) for d in scenario_calendar(s).days}
    assert len(span) == months
    assert near(len(s.trainers), trainers)
    assert near(len(s.venues), venues)
    assert near(len(s.cohorts), cohorts)
    assert near(len(s.mentors), mentors)
    assert near(len(s.visit_requests), requests)
    if visits is not None:
        assert near(sum(r.visits for r in s.visit_requests), visits)


def test_province_has_ten_to_fourteen_cities_of_districts() -> None:
    cities = Counter(city_of(r.id) for r in scenario_of("province").regions)
    assert 10 <= len(cities) <= 14
    assert all(6 <= n <= 14 for n in cities.values())


@pytest.mark.parametrize("scale", SCALES)
def test_funds_hold_less_than_the_asked_subsidy(scale: str) -> None:
    ratio = tightness(scenario_of(scale)).fund_ratio
    assert 0.7 <= ratio < 0.92


@pytest.mark.parametrize("scale", SCALES)
def test_trainers_offer_most_but_not_all_asked_trainer_days(scale: str) -> None:
    assert 0.8 <= tightness(scenario_of(scale)).trainer_ratio <= 0.95


def test_tightness_counts_a_trainers_total_cap() -> None:
    capped = f.scenario(trainers=[f.trainer(max_days_total=5)])
    assert tightness(capped).trainer_days_offered == 5


def test_tightness_counts_monthly_caps_without_a_total() -> None:
    # March and April 2027 (no statutory holiday in the factory calendar): 23 + 22 working days.
    monthly = f.scenario(trainers=[f.trainer(max_days_per_month=10)])
    assert tightness(monthly).trainer_days_offered == 20
    assert tightness(f.scenario()).trainer_days_offered == 45


@pytest.mark.parametrize("scale", ["small", "city", "province"])
def test_trainers_hold_one_to_three_qualifications_with_syb_most_common(scale: str) -> None:
    s = scenario_of(scale)
    assert all(1 <= len(t.qualifications) <= 3 for t in s.trainers)
    held = Counter(q for t in s.trainers for q in t.qualifications)
    assert held.most_common(1)[0][0] == "SYB"
    assert all(
        1 <= len(t.served_regions) <= 3 and t.served_regions[0] == t.region for t in s.trainers
    )
    assert all(12 <= (t.max_days_per_month or 0) <= 18 for t in s.trainers)


@pytest.mark.parametrize("scale", SCALES)
def test_every_requested_class_has_enough_qualified_trainers_it_may_take(scale: str) -> None:
    assert short_of_trainers(scenario_of(scale)) == []


@pytest.mark.parametrize("scale", ["small", "city", "province"])
def test_districts_lie_10_to_60_km_from_their_nearest_neighbour(scale: str) -> None:
    regions = scenario_of(scale).regions
    for r in regions:
        same = [o for o in regions if o.id != r.id and city_of(o.id) == city_of(r.id)]
        nearest = min(great_circle_km(r.lat, r.lon, o.lat, o.lon) for o in same)
        assert 10 <= nearest <= 60, r.id
        assert 27 <= r.lat <= 33 and 115 <= r.lon <= 122


@pytest.mark.parametrize("scale", ["city", "province"])
def test_a_few_cohorts_fit_no_room(scale: str) -> None:
    s = scenario_of(scale)
    stuck = [
        c
        for c in s.cohorts
        if not any(v.capacity >= c.size and v.region in c.allowed_venue_regions for v in s.venues)
    ]
    assert 1 <= len(stuck) <= 0.02 * len(s.cohorts)


@pytest.mark.parametrize("scale", SCALES)
def test_cohorts_mix_key_groups_within_the_course_size(scale: str) -> None:
    s = scenario_of(scale)
    courses = {c.id: c for c in s.courses}
    for c in s.cohorts:
        assert set(c.trainees) <= {"graduate", "migrant", "hardship", "other"}
        assert courses[c.course].min_size <= c.size <= courses[c.course].max_size
        assert 21 <= (c.latest_end - c.earliest).days + 1 <= 56
    assert {c.course for c in s.cohorts} == set(courses)


@pytest.mark.parametrize("scale", ["city", "province"])
def test_every_visit_topic_has_a_mentor_in_the_same_city(scale: str) -> None:
    s = scenario_of(scale)
    topics = {(city_of(m.region), t) for m in s.mentors for t in m.expertise}
    assert all((city_of(r.region), r.topic) in topics for r in s.visit_requests)


@pytest.mark.parametrize("scale", SCALES)
def test_visit_windows_leave_room_for_the_visits_at_their_spacing(scale: str) -> None:
    for r in scenario_of(scale).visit_requests:
        assert 1 <= r.visits <= 4
        assert r.min_gap_days == 0 or 7 <= r.min_gap_days <= 14
        assert (r.end - r.start).days >= (r.visits - 1) * r.min_gap_days + 7


def test_a_mentor_who_is_a_trainer_is_the_same_person() -> None:
    s = scenario_of("city")
    trainers = {t.id: t for t in s.trainers}
    linked = [m for m in s.mentors if m.trainer is not None]
    assert linked
    for m in linked:
        assert m.trainer is not None
        assert (m.name, m.contact, m.region) == (
            trainers[m.trainer].name,
            trainers[m.trainer].contact,
            trainers[m.trainer].region,
        )


def test_province_cities_are_joined_only_by_a_few_trainers() -> None:
    s = scenario_of("province")
    crossing = [t for t in s.trainers if len({city_of(r) for r in t.served_regions}) > 1]
    assert 0 < len(crossing) <= 0.08 * len(s.trainers)
    for c in s.cohorts:
        assert {city_of(r) for r in c.allowed_venue_regions} == {city_of(c.region)}
    for fund in s.funds:
        assert len({city_of(r) for r in fund.regions}) == 1


@pytest.mark.parametrize("scale", ["small", "city"])
def test_venues_are_free_incubators_or_priced_rooms_with_chinese_addresses(scale: str) -> None:
    venues = scenario_of(scale).venues
    for v in venues:
        assert (v.daily_cost == 0) == (v.kind == "incubator")
        assert 24 <= v.capacity <= 60
        assert v.address is not None and re.fullmatch(r".+市.+[区县].+号", v.address)
    assert {v.kind for v in venues} >= {"incubator", "school"}


def test_calendar_uses_official_data_plus_local_closures() -> None:
    s = scenario_of("city")
    assert s.calendar.official == "CN"
    # 2027's statutory days come from the calendar's provisional rule, not from the list.
    assert dt.date(2027, 10, 1) not in s.calendar.holidays
    assert not scenario_calendar(s).is_working(dt.date(2027, 10, 1))
    closures = (s.x or {})["local_closures"]
    assert len(closures) == 2
    assert sorted(dt.date.fromisoformat(d) for d in closures) == s.calendar.holidays


def test_people_carry_fictional_contact_details() -> None:
    s = scenario_of("small")
    people = [*s.trainers, *s.mentors, *s.visit_requests]
    for p in people:
        assert isinstance(p.contact, ContactInfo)
        assert p.contact.email is not None and p.contact.email.endswith("@example.com")
        assert p.contact.phone is not None and re.fullmatch(r"13\d 0000 \d{4}", p.contact.phone)
