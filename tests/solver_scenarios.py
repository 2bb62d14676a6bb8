"""Hypothesis strategies shared by the solver's property tests: small random scenarios."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from tests import factories as f
from trainsched.formats import Scenario

DAYS = [f"2027-03-{d:02}" for d in range(1, 32)] + [f"2027-04-{d:02}" for d in range(1, 31)]


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    regions = ["R01", "R02"]
    courses = [
        f.course("SYB", days=draw(st.integers(2, 6)), trainers_required=draw(st.integers(1, 2)),
                 max_span_days=draw(st.sampled_from([None, 8, 12]))),
        f.course("IYB", days=draw(st.integers(1, 4)), subsidy_per_trainee=1300),
    ]  # fmt: skip
    trainers = [
        f.trainer(
            f"T{i}",
            region=draw(st.sampled_from(regions)),
            qualifications=draw(st.sampled_from([["SYB"], ["IYB"], ["SYB", "IYB"]])),
            serves_regions=draw(st.sampled_from([None, regions])),
            max_days_per_month=draw(st.sampled_from([None, 6, 10])),
            max_days_total=draw(st.sampled_from([None, 12])),
            unavailable=draw(st.lists(st.sampled_from(DAYS), max_size=6)),
            providers=draw(st.sampled_from([None, [], ["P1"], ["P2"], ["P1", "P2"]])),
        )
        for i in range(draw(st.integers(1, 4)))
    ]
    venues = [
        f.venue(f"V{i}", region=draw(st.sampled_from(regions)), capacity=draw(st.integers(15, 30)),
                daily_cost=draw(st.sampled_from([0, 300])),
                unavailable=draw(st.lists(st.sampled_from(DAYS), max_size=6)),
                provider=draw(st.sampled_from([None, "P1", "P2"])))
        for i in range(draw(st.integers(1, 3)))
    ]  # fmt: skip
    cohorts = []
    for i in range(draw(st.integers(1, 7))):
        first = draw(st.integers(0, len(DAYS) - 10))
        course = draw(st.sampled_from(["SYB", "IYB"]))
        # P2 is designated for SYB only; some classes name no institution.
        providers = [None, "P1", "P2"] if course == "SYB" else [None, "P1"]
        last = draw(st.integers(first + 3, min(first + 40, len(DAYS) - 1)))
        cohorts.append(
            f.cohort(
                f"C{i}",
                course=course,
                region=draw(st.sampled_from(regions)),
                trainees={"graduate": draw(st.integers(5, 15)), "other": draw(st.integers(0, 10))},
                earliest=DAYS[first],
                latest_end=DAYS[last],
                venue_regions=draw(st.sampled_from([None, regions])),
                priority=draw(st.integers(1, 3)),
                provider=draw(st.sampled_from(providers)),
            )
        )
    funds = [
        f.fund("F1", regions=["R01"], to="2027-03-31", amount=draw(st.integers(0, 60_000))),
        f.fund(
            "F2", regions=["R01"], **{"from": "2027-04-01"}, amount=draw(st.integers(0, 60_000))
        ),
    ]
    institutions = [f.provider("P1"), f.provider("P2", courses=["SYB"])]
    doc: dict[str, Any] = {"regions": [f.region(r) for r in regions], "courses": courses,
                           "providers": institutions,
                           "trainers": trainers, "venues": venues, "cohorts": cohorts,
                           "funds": funds}  # fmt: skip
    return f.scenario(**doc)
