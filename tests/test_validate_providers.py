"""Training institutions in the format: designated per course and region, references resolve."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests import factories as f
from trainsched.formats import FormatError, parse_scenario
from trainsched.formats.scenario import Scenario


def _problems(**kw: Any) -> list[str]:
    with pytest.raises(FormatError) as err:
        f.scenario(**kw)
    return [str(p) for p in err.value.problems]


def _with_institution(**kw: Any) -> Scenario:
    base: dict[str, Any] = {
        "providers": [f.provider(enrol="带身份证到本机构报名", enrol_close_days=5)],
        "trainers": [f.trainer(providers=["P01"]), f.trainer("T02")],
        "venues": [f.venue(provider="P01"), f.venue("V02")],
        "cohorts": [f.cohort(provider="P01")],
    }
    return f.scenario(**{**base, **kw})


def test_a_scenario_with_an_institution_is_accepted() -> None:
    s = _with_institution()
    p = s.provider_of(s.cohorts[0])
    assert p is not None and p.name == "机构P01" and p.enrol_close_days == 5
    assert s.trainers[0].providers == ["P01"] and s.venues[0].provider == "P01"


def test_an_institution_closes_enrolment_three_working_days_ahead_by_default() -> None:
    p = f.scenario(providers=[f.provider()]).providers[0]
    assert p.enrol_close_days == 3 and p.regions is None and p.courses is None


def test_a_scenario_without_institutions_serialises_as_before() -> None:
    s = f.scenario()
    assert s.providers == []
    assert "providers" not in json.loads(s.to_json())
    assert s.provider_of(s.cohorts[0]) is None


def test_institutions_survive_a_json_round_trip() -> None:
    s = _with_institution()
    assert parse_scenario(json.loads(s.to_json())) == s


def test_a_cohort_naming_an_unknown_institution_is_refused() -> None:
    assert "cohorts[0].provider: unknown provider 'P09'" in _problems(
        providers=[f.provider()], cohorts=[f.cohort(provider="P09")]
    )


@pytest.mark.parametrize(
    "designated", [{"courses": ["IYB"]}, {"regions": ["R02"]}], ids=["course", "region"]
)
def test_a_cohort_of_an_institution_not_designated_for_it_is_refused(
    designated: dict[str, Any],
) -> None:
    out = _problems(
        regions=[f.region(), f.region("R02")],
        courses=[f.course(), f.course("IYB")],
        providers=[f.provider(**designated)],
        cohorts=[f.cohort(provider="P01")],
    )
    assert out == [
        "cohorts[0].provider: provider 'P01' is not designated for course 'SYB' in region 'R01'"
    ]


def test_every_dangling_institution_reference_is_named_with_its_path() -> None:
    out = _problems(
        providers=[f.provider(regions=["R09"], courses=["XYB"]), f.provider()],
        trainers=[f.trainer(providers=["P01", "P07"])],
        venues=[f.venue(provider="P08")],
    )
    assert out == [
        "providers[1].id: duplicate id 'P01'",
        "providers[0].regions: unknown region 'R09'",
        "providers[0].courses: unknown course 'XYB'",
        "trainers[0].providers: unknown provider 'P07'",
        "venues[0].provider: unknown provider 'P08'",
    ]


def test_an_institution_needs_its_public_phone_and_address() -> None:
    doc = f.provider()
    del doc["phone"], doc["address"]
    out = _problems(providers=[doc])
    assert any(p.startswith("providers[0].phone") for p in out)
    assert any(p.startswith("providers[0].address") for p in out)


def test_a_negative_enrolment_close_is_refused() -> None:
    out = _problems(providers=[f.provider(enrol_close_days=-1)])
    assert any(p.startswith("providers[0].enrol_close_days") for p in out)
