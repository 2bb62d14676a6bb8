"""Solve jobs move through their states; tokens are stored only hashed and can be rotated."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from tests import factories as f
from trainsched.solver.options import Progress, SolveOptions
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.mapper import job_options
from trainsched.store.tables import CoordinatorRow, FeedTokenRow


def stored_scenario(engine: Engine) -> str:
    with session_scope(engine) as session:
        return repo.save_scenario(session, f.scenario()).id


def test_progress_starts_a_job_and_keeps_options(db_engine: Engine) -> None:
    scenario_id = stored_scenario(db_engine)
    options = SolveOptions(time_limit_s=5.0, workers=2, seed=7, method="greedy")
    with session_scope(db_engine) as session:
        job_id = repo.create_job(session, scenario_id, options).id
        repo.update_job_progress(session, job_id, Progress(0.5, 10, None, "search"))
    with session_scope(db_engine) as session:
        job = repo.get_job(session, job_id)
        assert job is not None
        assert (job.state, job.elapsed_s, job.value, job.bound) == ("running", 0.5, 10, None)
        assert job.started_at is not None
        assert job_options(job) == options


def test_finishing_a_finished_job_is_a_conflict(db_engine: Engine) -> None:
    scenario_id = stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        job_id = repo.create_job(session, scenario_id, SolveOptions()).id
        repo.finish_job(session, job_id, "failed", error="boom")
    with pytest.raises(repo.ConflictError), session_scope(db_engine) as session:
        repo.finish_job(session, job_id, "succeeded")


def test_job_links_its_plan(db_engine: Engine) -> None:
    scenario_id = stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        job_id = repo.create_job(session, scenario_id, SolveOptions()).id
        plan = repo.add_plan(session, scenario_id, f.plan(), solve_job_id=job_id)
        repo.finish_job(session, job_id, "succeeded", plan_id=plan.id)
    with session_scope(db_engine) as session:
        job = repo.get_job(session, job_id)
        assert job is not None
        assert job.plan_id == plan.id
        assert job.finished_at is not None


def test_concurrent_writers_do_not_lock_each_other_out(db_engine: Engine) -> None:
    # A solve job reporting progress while a coordinator saves the scenario.
    scenario_id = stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        job_id = repo.create_job(session, scenario_id, SolveOptions()).id
    failures: list[BaseException] = []

    def report() -> None:
        for i in range(100):
            with session_scope(db_engine) as session:
                repo.update_job_progress(session, job_id, Progress(float(i), i, None))

    def save() -> None:
        for i in range(100):
            with session_scope(db_engine) as session:
                repo.save_scenario(session, f.scenario(name=f"第{i}版"), scenario_id)

    def guarded(work: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                work()
            except BaseException as exc:
                failures.append(exc)

        return run

    threads = [threading.Thread(target=guarded(w)) for w in (report, save)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with session_scope(db_engine) as session:
        assert repo.get_scenario(session, scenario_id).revision == 101  # type: ignore[union-attr]
        assert repo.get_job(session, job_id).value == 99  # type: ignore[union-attr]


def test_feed_token_is_stored_only_hashed(db_engine: Engine) -> None:
    scenario_id = stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        raw = repo.issue_feed_token(session, "trainer", "T01", scenario_id)
    with db_engine.connect() as connection:
        stored = [str(v) for row in connection.execute(sa.select(FeedTokenRow)) for v in row]
    assert raw not in "".join(stored)
    assert hashlib.sha256(raw.encode()).hexdigest() in stored
    with session_scope(db_engine) as session:
        subject = repo.feed_subject_by_token(session, raw)
    assert subject == repo.FeedToken("trainer", "T01", scenario_id)


def test_rotated_feed_token_replaces_the_old_one(db_engine: Engine) -> None:
    scenario_id = stored_scenario(db_engine)
    with session_scope(db_engine) as session:
        old = repo.issue_feed_token(session, "mentor", "M01", scenario_id)
        other = repo.issue_feed_token(session, "mentor", "M02", scenario_id)
        new = repo.rotate_feed_token(session, "mentor", "M01", scenario_id)
    with session_scope(db_engine) as session:
        assert repo.feed_subject_by_token(session, old) is None
        assert repo.feed_subject_by_token(session, new) == repo.FeedToken(
            "mentor", "M01", scenario_id
        )
        assert repo.feed_subject_by_token(session, other) is not None
    assert new != old


def test_unknown_feed_token_resolves_to_nobody(db_engine: Engine) -> None:
    with session_scope(db_engine) as session:
        assert repo.feed_subject_by_token(session, "not-a-token") is None


def test_coordinator_token_is_stored_only_hashed(db_engine: Engine) -> None:
    with session_scope(db_engine) as session:
        raw = repo.add_coordinator(session, "王主任")
    with session_scope(db_engine) as session:
        row = repo.coordinator_by_token(session, raw)
        assert row is not None
        assert row.name == "王主任"
        assert row.token_hash == hashlib.sha256(raw.encode()).hexdigest()
        assert repo.coordinator_by_token(session, raw + "x") is None


def test_disabled_coordinator_token_no_longer_resolves(db_engine: Engine) -> None:
    with session_scope(db_engine) as session:
        raw = repo.add_coordinator(session, "李科长")
    with session_scope(db_engine) as session:
        session.execute(sa.update(CoordinatorRow).values(disabled=True))
    with session_scope(db_engine) as session:
        assert repo.coordinator_by_token(session, raw) is None


def test_coordinator_names_are_unique(db_engine: Engine) -> None:
    with session_scope(db_engine) as session:
        repo.add_coordinator(session, "张")
    with pytest.raises(repo.ConflictError), session_scope(db_engine) as session:
        repo.add_coordinator(session, "张")
