"""Tiny scenario and plan factories with sensible defaults, for tests.

Every factory returns a plain dict in the spec's JSON shape, so tests can break
any field; ``scenario(...)`` validates and returns the model.
"""

from __future__ import annotations

from typing import Any

from trainsched.formats import Plan, Scenario, parse_scenario

# 2027-03-01 is a Monday; March 2027 has no Chinese public holiday.
START = "2027-03-01"
END = "2027-04-30"


def region(id: str = "R01", **kw: Any) -> dict[str, Any]:
    return {"id": id, "name": f"区{id}", "lat": 30.0, "lon": 120.0, **kw}


def course(id: str = "SYB", **kw: Any) -> dict[str, Any]:
    base = {
        "id": id,
        "name": f"课程{id}",
        "days": 3,
        "max_size": 30,
        "trainers_required": 1,
        "subsidy_per_trainee": 1000,
    }
    return {**base, **kw}


def trainer(id: str = "T01", **kw: Any) -> dict[str, Any]:
    base = {"id": id, "name": f"讲师{id}", "region": "R01", "qualifications": ["SYB"]}
    return {**base, **kw}


def venue(id: str = "V01", **kw: Any) -> dict[str, Any]:
    return {"id": id, "name": f"教室{id}", "region": "R01", "capacity": 30, **kw}


def cohort(id: str = "C01", **kw: Any) -> dict[str, Any]:
    base = {
        "id": id,
        "course": "SYB",
        "region": "R01",
        "trainees": {"graduate": 20},
        "earliest": START,
        "latest_end": END,
    }
    return {**base, **kw}


def fund(id: str = "F01", **kw: Any) -> dict[str, Any]:
    base = {"id": id, "regions": ["R01"], "from": START, "to": END, "amount": 1_000_000}
    return {**base, **kw}


def mentor(id: str = "M01", **kw: Any) -> dict[str, Any]:
    base = {
        "id": id,
        "name": f"导师{id}",
        "region": "R01",
        "lat": 30.0,
        "lon": 120.0,
        "expertise": ["ecommerce"],
    }
    return {**base, **kw}


def visit_request(id: str = "Q01", **kw: Any) -> dict[str, Any]:
    base = {
        "id": id,
        "entrepreneur": f"创业者{id}",
        "group": "migrant",
        "region": "R01",
        "lat": 30.01,
        "lon": 120.01,
        "topic": "ecommerce",
        "visits": 1,
        "from": START,
        "to": END,
    }
    return {**base, **kw}


def scenario_doc(**kw: Any) -> dict[str, Any]:
    """A valid one-district scenario: one course, trainer, venue, cohort and fund."""
    base: dict[str, Any] = {
        "format": "trainsched.scenario/1",
        "name": "测试场景",
        "horizon": {"start": START, "end": END},
        "regions": [region()],
        "courses": [course()],
        "trainers": [trainer()],
        "venues": [venue()],
        "cohorts": [cohort()],
        "funds": [fund()],
    }
    return {**base, **kw}


def scenario(**kw: Any) -> Scenario:
    """``scenario_doc`` validated into the model."""
    return parse_scenario(scenario_doc(**kw))


def plan_doc(**kw: Any) -> dict[str, Any]:
    """A plan skeleton; tests fill in cohorts/visits/funds."""
    base: dict[str, Any] = {
        "format": "trainsched.plan/1",
        "scenario": "测试场景",
        "status": "feasible",
        "objective": 0,
    }
    return {**base, **kw}


def plan(**kw: Any) -> Plan:
    return Plan.model_validate(plan_doc(**kw))
