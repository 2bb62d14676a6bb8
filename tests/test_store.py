"""The store keeps scenarios and plans as the service rules say, atomically and in UTC."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import col

from tests import factories as f
from trainsched.formats import Plan, Scenario
from trainsched.solver.options import SolveOptions
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.mapper import plan_from_row, scenario_from_row
from trainsched.store.tables import CoordinatorRow, PlanRow, ScenarioRow

CST = dt.timezone(dt.timedelta(hours=8))


def demo_like_scenario() -> Scenario:
    """Two districts, three courses, people with availability, pins, funds, mentors and visits."""
    return f.scenario(
        name="示范市 2027 上半年",
        calendar={"official": "CN", "holidays": ["2027-04-05"], "workdays": ["2027-04-10"]},
        regions=[f.region("R01"), f.region("R02", lat=30.2, lon=120.3)],
        courses=[
            f.course("SYB", days=10, max_span_days=16, trainers_required=2),
            f.course("IYB", days=7, subsidy_per_trainee=1300, hours={"start": "08:30"}),
            f.course("NET", days=7, qualification="online", min_size=10),
        ],
        trainers=[
            f.trainer("T01", qualifications=["SYB", "IYB"], serves_regions=["R01", "R02"]),
            f.trainer(
                "T02",
                unavailable=["2027-03-15", {"from": "2027-04-01", "to": "2027-04-03"}],
                max_days_per_month=15,
                contact={"phone": "13800000000"},
            ),
            f.trainer("T03", region="R02", qualifications=["online"], x={"grade": "master"}),
        ],
        venues=[
            f.venue("V01", kind="incubator", address="创业路 1 号"),
            f.venue("V02", region="R02", capacity=40, daily_cost=800, lat=30.2, lon=120.3),
        ],
        cohorts=[
            f.cohort("C01", course="SYB", trainees={"graduate": 12, "hardship": 8}, priority=3),
            f.cohort(
                "C02",
                course="IYB",
                region="R02",
                pinned={"venue": "V02", "trainers": ["T01"]},
                trainees={"migrant": 15, "other": 5},
            ),
            f.cohort("C03", course="NET", venue_regions=["R01", "R02"]),
        ],
        funds=[
            f.fund("F01", name="就业补助资金 R01", amount=50_000),
            f.fund("F02", regions=["R02"], amount=30_000),
        ],
        mentors=[
            f.mentor("M01", trainer="T01", max_km_per_day=80.5),
            f.mentor("M02", region="R02", expertise=["agriculture", "finance"]),
        ],
        visit_requests=[
            f.visit_request("Q01", visits=2, min_gap_days=7, contact="微信 abc"),
            f.visit_request("Q02", group="graduate", topic="finance", priority=2),
        ],
        weights={"travel": 1, "fair_load": 2},
        x={"source": "test"},
    )


def demo_plan(objective: int = 100) -> Plan:
    return f.plan(
        scenario="示范市 2027 上半年",
        objective=objective,
        bound=objective + 10,
        cohorts=[{"id": "C01", "days": ["2027-03-01"], "venue": "V01", "trainers": ["T01"]}],
        visits=[{"request": "Q01", "date": "2027-03-02", "mentor": "M01", "order": 1}],
        unscheduled_cohorts=[{"id": "C02", "reason": "no trainer"}],
        funds=[{"id": "F01", "used": 20_000, "amount": 50_000}],
    )


def stored_scenario(engine: Engine) -> str:
    with session_scope(engine) as session:
        return repo.save_scenario(session, f.scenario()).id


def test_scenario_round_trip_through_the_mapper_is_equal(db_engine: Engine) -> None:
    original = demo_like_scenario()
    with session_scope(db_engine) as session:
        scenario_id = repo.save_scenario(session, original).id
    with session_scope(db_engine) as session:
        row = repo.get_scenario(session, scenario_id)
        assert row is not None
        assert row.name == original.name
        assert scenario_from_row(row) == original


def test_plan_round_trip_through_the_mapper_is_equal(db_engine: Engine) -> None:
    scenario_id = stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        plan_id = repo.add_plan(session, scenario_id, demo_plan(objective=123)).id
    with session_scope(db_engine) as session:
        row = repo.get_plan(session, plan_id)
        assert row is not None
        assert (row.objective, row.bound, row.version) == (123, 133, 1)
        assert plan_from_row(row) == demo_plan(objective=123)


def test_scenario_revision_grows_only_on_change(db_engine: Engine) -> None:
    with session_scope(db_engine) as session:
        row = repo.save_scenario(session, f.scenario())
        same = repo.save_scenario(session, f.scenario(), row.id)
        assert same.revision == 1
        changed = repo.save_scenario(session, f.scenario(name="改名"), row.id)
        assert (changed.revision, changed.name) == (2, "改名")
        assert changed.updated_at > changed.created_at


def test_scenario_expected_revision_holds(db_engine: Engine) -> None:
    scenario_id = stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        row = repo.save_scenario(session, f.scenario(name="新"), scenario_id, expected_revision=1)
        assert row.revision == 2


def test_scenario_expected_revision_broken(db_engine: Engine) -> None:
    scenario_id = stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        repo.save_scenario(session, f.scenario(name="先改"), scenario_id)
    with pytest.raises(repo.ConflictError), session_scope(db_engine) as session:
        repo.save_scenario(session, f.scenario(name="后改"), scenario_id, expected_revision=1)
    with session_scope(db_engine) as session:
        assert scenario_from_row(repo.get_scenario(session, scenario_id)).name == "先改"  # type: ignore[arg-type]


def test_expected_revision_is_checked_against_writes_made_after_reading(
    db_engine: Engine,
) -> None:
    # A reading session neither blocks another writer nor trusts its stale copy.
    scenario_id = stored_scenario(db_engine)
    with session_scope(db_engine) as outer:
        stale = repo.get_scenario(outer, scenario_id)
        assert stale is not None
        read_revision = stale.revision
        with session_scope(db_engine) as inner:
            repo.save_scenario(inner, f.scenario(name="别人先改"), scenario_id)
        with pytest.raises(repo.ConflictError):
            repo.save_scenario(
                outer, f.scenario(name="我后改"), scenario_id, expected_revision=read_revision
            )
    with session_scope(db_engine) as session:
        assert scenario_from_row(repo.get_scenario(session, scenario_id)).name == "别人先改"  # type: ignore[arg-type]


def test_saving_over_a_missing_scenario_is_not_found(db_engine: Engine) -> None:
    with pytest.raises(repo.NotFoundError), session_scope(db_engine) as session:
        repo.save_scenario(session, f.scenario(), "no-such-id")


def test_list_scenarios_orders_by_name(db_engine: Engine) -> None:
    with session_scope(db_engine) as session:
        for name in ("乙", "甲", "丙"):
            repo.save_scenario(session, f.scenario(name=name))
    with session_scope(db_engine) as session:
        names = [row.name for row in repo.list_scenarios(session)]
    assert names == sorted(names)
    assert len(names) == 3


def test_plan_versions_count_up_per_scenario(db_engine: Engine) -> None:
    first, second = stored_scenario(db_engine), stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        versions = [repo.add_plan(session, first, f.plan()).version for _ in range(3)]
        other = repo.add_plan(session, second, f.plan()).version
    assert versions == [1, 2, 3]
    assert other == 1


def test_publish_supersedes_the_previous_plan(db_engine: Engine) -> None:
    scenario_id = stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        old = repo.add_plan(session, scenario_id, f.plan(), status="published")
        new = repo.add_plan(session, scenario_id, f.plan(objective=5))
        assert repo.published_plan(session, scenario_id) == old
        repo.publish_plan(session, new.id)
    with session_scope(db_engine) as session:
        statuses = {row.id: row.status for row in repo.list_plans(session, scenario_id)}
        current = repo.published_plan(session, scenario_id)
    assert statuses == {old.id: "superseded", new.id: "published"}
    assert current is not None
    assert current.id == new.id
    assert current.published_at is not None


def test_one_published_plan_per_scenario_holds(db_engine: Engine) -> None:
    first, second = stored_scenario(db_engine), stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        plans = [repo.add_plan(session, first, f.plan()) for _ in range(3)]
        repo.add_plan(session, second, f.plan(), status="published")
        for plan in [*plans, plans[0]]:
            repo.publish_plan(session, plan.id)
    with session_scope(db_engine) as session:
        published = session.scalars(
            sa.select(col(PlanRow.scenario_id)).where(col(PlanRow.status) == "published")
        ).all()
    assert sorted(published) == sorted([first, second])


def test_one_published_plan_per_scenario_broken(db_engine: Engine) -> None:
    # Bypassing publish_plan, the partial unique index still refuses a second one.
    scenario_id = stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        repo.add_plan(session, scenario_id, f.plan(), status="published")
    with pytest.raises(sa.exc.IntegrityError), session_scope(db_engine) as session:
        session.add(
            PlanRow(
                scenario_id=scenario_id, version=2, status="published", document="{}", objective=0
            )
        )
    with session_scope(db_engine) as session:
        assert len(repo.list_plans(session, scenario_id)) == 1


def test_failing_write_in_session_scope_leaves_nothing(db_engine: Engine) -> None:
    with pytest.raises(sa.exc.IntegrityError), session_scope(db_engine) as session:
        scenario_id = repo.save_scenario(session, f.scenario()).id
        repo.add_coordinator(session, "赵")
        not_a_status: Any = "archived"
        session.add(
            PlanRow(
                scenario_id=scenario_id, version=1, status=not_a_status, document="{}", objective=0
            )
        )
    with session_scope(db_engine) as session:
        assert repo.list_scenarios(session) == []
        assert session.scalars(sa.select(CoordinatorRow)).all() == []


def test_deleting_a_scenario_takes_its_rows_along(db_engine: Engine) -> None:
    scenario_id = stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        repo.add_plan(session, scenario_id, f.plan(), status="published")
        repo.create_job(session, scenario_id, SolveOptions())
        raw = repo.issue_feed_token(session, "venue", "V01", scenario_id)
    with session_scope(db_engine) as session:
        assert repo.delete_scenario(session, scenario_id)
    with session_scope(db_engine) as session:
        assert repo.list_plans(session, scenario_id) == []
        assert repo.list_jobs(session, scenario_id) == []
        assert repo.feed_subject_by_token(session, raw) is None
        assert not repo.delete_scenario(session, scenario_id)


def test_foreign_keys_are_enforced(db_engine: Engine) -> None:
    with pytest.raises(sa.exc.IntegrityError), session_scope(db_engine) as session:
        session.add(PlanRow(scenario_id="missing", version=1, document="{}", objective=0))


def test_datetimes_come_back_timezone_aware_holds(db_engine: Engine) -> None:
    written = dt.datetime(2027, 3, 1, 9, 30, tzinfo=CST)
    with session_scope(db_engine) as session:
        row = repo.save_scenario(session, f.scenario())
        row.created_at = written
    with session_scope(db_engine) as session:
        back = session.get(ScenarioRow, row.id)
        assert back is not None
        assert back.created_at.tzinfo == dt.UTC
        assert back.created_at == written
        assert back.updated_at.tzinfo == dt.UTC


def test_datetimes_come_back_timezone_aware_broken(db_engine: Engine) -> None:
    # A naive datetime is refused rather than stored as a guess.
    with pytest.raises(sa.exc.StatementError, match="naive"), session_scope(db_engine) as session:
        row = repo.save_scenario(session, f.scenario())
        row.created_at = dt.datetime(2027, 3, 1, 9, 30)
        session.flush()
