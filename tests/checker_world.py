"""A small hand-checked world (scenario + valid plan) that checker tests break one way at a time."""

# The numbers in the plan are worked out by hand from the spec, never by the checker:
# - C01: 20 graduates (weight 2) + 5 other (weight 1), priority 2 → 2 × 45 = 90;
#   subsidy 1000 × 20 subsidised = 20,000 yuan.
# - C02: 10 migrants (weight 2), priority 1 → 20; subsidy 1000 × 10 = 10,000 yuan.
# - Q01 (migrant, priority 1) gets 2 of 3 visits → 2 × 2 = 4; Q02 (hardship, priority 3) 1 → 9.
# - Objective 90 + 20 + 4 + 9 = 123; fund F01 uses 30,000 of exactly 30,000.
# - M01's route on 2027-03-15 (home → Q01 → Q02 → home) is about 4.87 km, limit 5.

from __future__ import annotations

import copy
from typing import Any

from tests import factories as f
from trainsched.checker import Violation, check_plan
from trainsched.formats import Plan, parse_scenario

Doc = dict[str, Any]

OBJECTIVE = 123
FUND_USED = 30_000


def world_scenario_doc() -> Doc:
    """Two districts, one 3-day SYB course needing 2 trainers, six trainers, four venues."""
    return f.scenario_doc(
        regions=[f.region("R01"), f.region("R02", lat=30.5, lon=120.5)],
        courses=[f.course("SYB", days=3, max_span_days=4, trainers_required=2)],
        trainers=[
            f.trainer("T01", serves_regions=["R01", "R02"], max_days_per_month=3),
            f.trainer(
                "T02",
                serves_regions=["R01", "R02"],
                max_days_total=5,
                unavailable=[{"from": "2027-03-15", "to": "2027-03-19"}],
            ),
            f.trainer("T03", serves_regions=["R01", "R02"]),
            f.trainer("T04", serves_regions=["R01", "R02"]),
            f.trainer("T05", qualifications=["IYB"]),
            f.trainer("T06"),
        ],
        venues=[
            f.venue("V01", capacity=25),
            f.venue("V02", capacity=20),
            f.venue("V03", region="R02"),
            f.venue("V04"),
        ],
        cohorts=[
            f.cohort(
                "C01",
                trainees={"graduate": 20, "other": 5},
                priority=2,
                earliest="2027-03-01",
                latest_end="2027-03-05",
            ),
            f.cohort("C02", trainees={"migrant": 10}, venue_regions=["R01", "R02"]),
            f.cohort("C03"),
        ],
        funds=[f.fund("F01", amount=FUND_USED)],
        mentors=[
            f.mentor(
                "M01",
                expertise=["ecommerce", "finance"],
                trainer="T03",
                max_visits_per_day=2,
                max_visits_per_week=3,
                max_km_per_day=5,
                unavailable=["2027-03-24"],
            ),
            f.mentor("M02", lat=30.1, lon=120.1, expertise=["catering", "ecommerce"]),
        ],
        visit_requests=[
            f.visit_request("Q01", visits=3, min_gap_days=7),
            f.visit_request(
                "Q02",
                group="hardship",
                topic="finance",
                priority=3,
                lat=30.0,
                lon=120.02,
                **{"from": "2027-03-10", "to": "2027-03-20"},
            ),
        ],
    )


def world_plan_doc() -> Doc:
    """A plan for the world that keeps every rule."""
    return f.plan_doc(
        objective=OBJECTIVE,
        bound=150,
        cohorts=[
            scheduled("C01", ["2027-03-01", "2027-03-02", "2027-03-03"], "V01", ["T01", "T02"]),
            scheduled("C02", ["2027-03-08", "2027-03-09", "2027-03-10"], "V02", ["T03", "T04"]),
        ],
        unscheduled_cohorts=[{"id": "C03", "reason": "no third trainer pair left"}],
        visits=[
            visit("Q01", "2027-03-15", "M01", 1),
            visit("Q02", "2027-03-15", "M01", 2),
            visit("Q01", "2027-03-22", "M01", 1),
        ],
        unscheduled_visits=[{"request": "Q01", "missing": 1, "reason": "gap and window"}],
        funds=[{"id": "F01", "used": FUND_USED, "amount": FUND_USED}],
    )


def scheduled(cid: str, days: list[str], venue: str, trainers: list[str]) -> Doc:
    """A scheduled-cohort entry of a plan."""
    return {"id": cid, "days": days, "venue": venue, "trainers": trainers}


def visit(request: str, date: str, mentor: str, order: int) -> Doc:
    """A visit entry of a plan."""
    return {"request": request, "date": date, "mentor": mentor, "order": order}


def world() -> tuple[Doc, Doc]:
    """Fresh, independent copies of the world's scenario and plan documents."""
    return copy.deepcopy(world_scenario_doc()), copy.deepcopy(world_plan_doc())


def entry(doc: Doc, key: str, ident: str, field: str = "id") -> Doc:
    """The item of ``doc[key]`` whose ``field`` is ``ident`` (to break it in place)."""
    return next(x for x in doc[key] if x[field] == ident)


def violations(scenario_doc: Doc, plan_doc: Doc) -> list[Violation]:
    """Check a plan document against a scenario document."""
    return check_plan(parse_scenario(scenario_doc), Plan.model_validate(plan_doc))


def broken_rules(scenario_doc: Doc, plan_doc: Doc) -> set[str]:
    """Names of the rules the plan breaks."""
    return {v.rule for v in violations(scenario_doc, plan_doc)}
