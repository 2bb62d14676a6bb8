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


def provider(id: str = "P01", **kw: Any) -> dict[str, Any]:
    # A fictional office: 0000- numbers are not real Chinese phone numbers.
    base = {"id": id, "name": f"机构{id}", "phone": "0000-1234567", "address": f"{id}路1号"}
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


def scheduled(
    id: str, *days: str, venue: str = "V01", trainers: tuple[str, ...] = ("T01",)
) -> dict[str, Any]:
    """A scheduled class of a plan, on ``days`` in ``venue`` with ``trainers``."""
    return {"id": id, "days": list(days), "venue": venue, "trainers": list(trainers)}


def plan(**kw: Any) -> Plan:
    return Plan.model_validate(plan_doc(**kw))


# Calendar feeds: a small two-district world where every person has contact data.
FEED_CONTACTS = (
    "13800000001",
    "zhangwei@example.com",
    "13800000002",
    "13800000003",
    "13900000001",
    "zhaolei@example.com",
    "13700000001",
    "chenjing@example.com",
    "13700000002",
)


def feed_scenario_doc(**kw: Any) -> dict[str, Any]:
    """Two districts, SYB (2 trainers) and IYB (1), a trainer who is also a mentor, founders."""
    base = scenario_doc(
        name="Feed Test City",
        regions=[region("R01", name="东城区"), region("R02", name="西城区", lat=30.1)],
        courses=[
            course("SYB", name="SYB 创办你的企业", trainers_required=2),
            course("IYB", name="改善你的企业", days=2, hours={"start": "08:30", "end": "16:30"}),
        ],
        trainers=[
            trainer("T01", name="张伟", qualifications=["SYB", "IYB"],
                    contact={"phone": "13800000001", "email": "zhangwei@example.com"}),
            trainer("T02", name="李娜", contact="13800000002"),
            trainer("T03", name="王芳", region="R02", qualifications=["IYB"],
                    contact={"phone": "13800000003"}),
        ],
        venues=[
            venue("V01", name="东城区创业孵化基地", address="东城区和平路1号",
                  lat=30.05, lon=120.05),
            venue("V02", name="西城区就业服务中心", region="R02"),
        ],
        cohorts=[
            cohort("C01", trainees={"graduate": 20, "migrant": 5}),
            cohort("C02", course="IYB", region="R02", trainees={"hardship": 18}),
        ],
        funds=[fund(regions=["R01", "R02"])],
        mentors=[
            mentor("M01", name="张伟", trainer="T01", contact={"phone": "13900000001"}),
            mentor("M02", name="赵磊", region="R02", contact={"email": "zhaolei@example.com"}),
        ],
        visit_requests=[
            visit_request("Q01", entrepreneur="陈静", visits=2,
                          contact={"phone": "13700000001", "email": "chenjing@example.com"}),
            visit_request("Q02", entrepreneur="刘洋", region="R02", contact="13700000002"),
        ],
    )  # fmt: skip
    return {**base, **kw}


def feed_plan_doc(**kw: Any) -> dict[str, Any]:
    """A plan of ``feed_scenario_doc``: both classes placed, three visits."""
    base = plan_doc(
        scenario="Feed Test City",
        cohorts=[
            {"id": "C01", "days": ["2027-03-01", "2027-03-02", "2027-03-03"],
             "venue": "V01", "trainers": ["T01", "T02"]},
            {"id": "C02", "days": ["2027-03-04", "2027-03-05"],
             "venue": "V02", "trainers": ["T03"]},
        ],
        visits=[
            {"request": "Q01", "date": "2027-03-08", "mentor": "M01", "order": 1},
            {"request": "Q01", "date": "2027-03-15", "mentor": "M01", "order": 3},
            {"request": "Q02", "date": "2027-03-08", "mentor": "M02", "order": 2},
        ],
    )  # fmt: skip
    return {**base, **kw}


def visits_only_plan(s: Scenario, result: Any) -> Plan:
    """A plan of a scenario without cohorts or funds holding a visit solver's result."""
    return Plan(
        scenario=s.name,
        status=result.status,
        objective=result.value,
        bound=result.bound,
        visits=result.visits,
        unscheduled_visits=result.unscheduled,
    )
