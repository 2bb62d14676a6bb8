"""Generated institutions: most classes applied for by one, shared and tied trainers, own rooms."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from trainsched.formats import Scenario, parse_scenario
from trainsched.generate import demo_city, generate_scenario

SCALES = ("tiny", "small", "city", "province")
_cache: dict[str, Scenario] = {}


def scenario_of(scale: str) -> Scenario:
    if scale not in _cache:
        _cache[scale] = demo_city() if scale == "demo" else generate_scenario(scale, 7)  # type: ignore[arg-type]
    return _cache[scale]


@pytest.mark.parametrize("scale", [*SCALES, "demo"])
def test_every_scale_has_institutions_that_apply_for_most_classes(scale: str) -> None:
    s = scenario_of(scale)
    assert len(s.providers) >= 2
    tied = sum(1 for c in s.cohorts if c.provider is not None)
    assert tied >= 0.7 * len(s.cohorts)


@pytest.mark.parametrize("scale", ["small", "city", "province", "demo"])
def test_some_trainers_are_shared_and_some_teach_for_one_or_two_institutions(scale: str) -> None:
    per_trainer = Counter(len(t.providers or []) for t in scenario_of(scale).trainers)
    assert per_trainer[0] > 0 and per_trainer[1] > 0 and per_trainer[2] > 0
    assert set(per_trainer) <= {0, 1, 2}


@pytest.mark.parametrize("scale", ["small", "city", "province", "demo"])
def test_institutions_own_some_training_school_rooms_and_no_incubator(scale: str) -> None:
    venues = scenario_of(scale).venues
    assert any(v.provider is not None for v in venues)
    assert all(v.kind == "school" for v in venues if v.provider is not None)


@pytest.mark.parametrize("scale", [*SCALES, "demo"])
def test_institution_offices_are_fictional_and_complete(scale: str) -> None:
    for p in scenario_of(scale).providers:
        assert p.phone.startswith("0000-") and len(p.phone) == 12  # no real area code is 0000
        assert p.address.startswith(p.name[:3]) and p.address.endswith("号")
        assert p.enrol and p.enrol_close_days in (2, 3, 5)
    names = [p.name for p in scenario_of(scale).providers]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("scale", ["tiny", "small", "city"])
def test_without_institutions_the_scenario_is_the_same_minus_institutions(scale: str) -> None:
    bare = json.loads(generate_scenario(scale, 7, institutions=False).to_json())  # type: ignore[arg-type]
    full = json.loads(scenario_of(scale).to_json())
    del full["providers"]
    for key, field in (("cohorts", "provider"), ("trainers", "providers"), ("venues", "provider")):
        for item in full[key]:
            item.pop(field, None)
    assert full == bare
    assert parse_scenario(bare).providers == []
