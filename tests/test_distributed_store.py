"""PostgreSQL store for distributed mode: migrations, queue tables, concurrent writes, one plan."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import select

from tests import factories as f
from tests.distributed_support import fresh_database
from tests.migration_support import schema_differences
from trainsched.jobs.queue import prepare_database
from trainsched.jobs.work import Outcome, load, record_outcome
from trainsched.solver import Progress, SolveOptions
from trainsched.store import repo
from trainsched.store.db import make_engine, session_scope
from trainsched.store.migrate import current_revision, head_revision
from trainsched.store.tables import PlanRow

OPTIONS = SolveOptions(time_limit_s=1.0, workers=1)


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    yield from fresh_database()


@pytest.fixture(scope="module")
def pg(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url)
    prepare_database(engine)
    yield engine
    engine.dispose()


def test_setup_migrates_to_head_and_creates_the_queue_tables(pg: Engine, pg_url: str) -> None:
    assert current_revision(pg_url) == head_revision()
    tables = set(sa.inspect(pg).get_table_names())
    assert {"scenario", "plan", "solvejob", "solvepart", "procrastinate_jobs"} <= tables
    store_only = [d for d in schema_differences(pg) if "procrastinate" not in repr(d)]
    assert store_only == []


def test_setup_from_several_processes_at_once_is_harmless(pg: Engine, pg_url: str) -> None:
    engines = [make_engine(pg_url) for _ in range(3)]
    try:
        with ThreadPoolExecutor(3) as pool:
            list(pool.map(prepare_database, engines))
    finally:
        for engine in engines:
            engine.dispose()
    assert current_revision(pg_url) == head_revision()


def test_concurrent_plan_writes_get_distinct_versions(pg: Engine) -> None:
    with session_scope(pg) as session:
        scenario_id = repo.save_scenario(session, f.scenario()).id
    plan = f.plan()

    def add(_: int) -> int:
        with session_scope(pg) as session:
            return repo.add_plan(session, scenario_id, plan).version

    with ThreadPoolExecutor(4) as pool:
        versions = sorted(pool.map(add, range(12)))
    assert versions == list(range(1, 13))


def test_a_job_stores_exactly_one_plan_however_many_attempts_race(pg: Engine) -> None:
    with session_scope(pg) as session:
        scenario_id = repo.save_scenario(session, f.scenario()).id
        job_id = repo.create_job(session, scenario_id, OPTIONS).id
    plan = f.plan()
    work = load(pg, job_id, resume=False)
    assert work is not None
    solved = Outcome(plan, Progress(1.0, plan.objective, plan.bound, "done"))

    def attempt(_: int) -> str:
        with session_scope(pg) as session:
            return record_outcome(session, work, solved)

    with ThreadPoolExecutor(4) as pool:
        ids = set(pool.map(attempt, range(8)))
    with session_scope(pg) as session:
        stored = session.exec(select(PlanRow).where(PlanRow.solve_job_id == job_id)).all()
        job = repo.get_job(session, job_id)
    assert len(stored) == 1 and ids == {stored[0].id}
    assert job is not None and job.state == "succeeded" and job.plan_id == stored[0].id
