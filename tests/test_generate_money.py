"""The generator's "money" profile: tight funds over irregular periods decide the plan."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from functools import cache
from itertools import pairwise

import pytest
from typer.testing import CliRunner

from tests.generate_checks import short_of_trainers
from trainsched.cli import app
from trainsched.formats import Scenario
from trainsched.generate import generate_scenario, tightness

SCALES = ("tiny", "small", "city", "province")


@cache
def money(scale: str, institutions: bool = True) -> Scenario:
    return generate_scenario(scale, 3, institutions=institutions, profile="money")  # type: ignore[arg-type]


@cache
def standard(scale: str) -> Scenario:
    return generate_scenario(scale, 3)  # type: ignore[arg-type]


@pytest.mark.parametrize("scale", SCALES)
def test_funds_hold_55_to_80_percent_of_the_asked_subsidy(scale: str) -> None:
    assert 0.55 <= tightness(money(scale)).fund_ratio <= 0.80


@pytest.mark.parametrize("scale", SCALES)
def test_every_district_has_several_funds_whose_periods_tile_the_horizon(scale: str) -> None:
    s = money(scale)
    per_region: defaultdict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for fund in s.funds:
        (region,) = fund.regions
        per_region[region].append((fund.start, fund.end))
    assert set(per_region) == {r.id for r in s.regions}
    for periods in per_region.values():
        periods.sort()
        assert len(periods) >= 2
        assert periods[0][0] == s.horizon.start and periods[-1][1] == s.horizon.end
        assert all(b[0] == a[1] + dt.timedelta(days=1) for a, b in pairwise(periods))


@pytest.mark.parametrize("scale", ["small", "city"])
def test_many_class_windows_cross_a_fund_boundary(scale: str) -> None:
    s = money(scale)
    boundaries = {(r, f.start) for f in s.funds for r in f.regions if f.start > s.horizon.start}
    crossing = [
        c
        for c in s.cohorts
        if any(r == c.region and c.earliest < day <= c.latest_end for r, day in boundaries)
    ]
    assert len(crossing) >= 0.2 * len(s.cohorts)


@pytest.mark.parametrize("scale", ["small", "city", "province"])
def test_priorities_spread_over_one_to_five(scale: str) -> None:
    counts = Counter(c.priority for c in money(scale).cohorts)
    assert set(counts) == {1, 2, 3, 4, 5}
    assert counts[1] > counts[5]


@pytest.mark.parametrize("scale", ["city", "province"])
def test_fewer_trainers_hold_two_trainer_certificates_than_in_the_standard_profile(
    scale: str,
) -> None:
    def holders(s: Scenario) -> int:
        return sum(1 for t in s.trainers if {"SYB", "EYB"} & set(t.qualifications))

    assert holders(money(scale)) < 0.85 * holders(standard(scale))


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("institutions", [True, False])
def test_every_class_still_has_enough_qualified_trainers_it_may_take(
    scale: str, institutions: bool
) -> None:
    assert short_of_trainers(money(scale, institutions)) == []


def test_the_standard_profile_is_unchanged_by_the_money_profile() -> None:
    s = standard("small")
    assert "profile" not in (s.x or {})["generator"]
    assert s.to_json() == generate_scenario("small", 3, profile="standard").to_json()
    assert (money("small").x or {})["generator"]["profile"] == "money"


def test_same_seed_gives_the_same_money_scenario() -> None:
    again = generate_scenario("city", 3, profile="money")
    assert again.to_json() == money("city").to_json()


def test_unknown_profile_is_refused() -> None:
    with pytest.raises(ValueError, match="profile"):
        generate_scenario("tiny", 1, profile="lavish")  # type: ignore[arg-type]


def test_generate_command_writes_the_money_profile_without_institutions() -> None:
    result = CliRunner().invoke(
        app, ["generate", "--scale", "tiny", "--profile", "money", "--no-institutions"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["x"]["generator"]["profile"] == "money"
    assert "providers" not in doc
