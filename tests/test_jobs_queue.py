"""A queued solve job says where it stands: its place in the queue and its expected start."""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor

import anyio
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests import factories as f
from tests.web_coordinator import scenario_id_of, sign_in, upload
from trainsched.jobs.work import load
from trainsched.services import jobs
from trainsched.solver import SolveOptions
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.tables import SolveJobRow, utcnow


def queued_jobs(engine: Engine, limits: list[float], scenario_id: str | None = None) -> list[str]:
    """Jobs stored in this order and never handed to a runner, so they stay queued."""
    with session_scope(engine) as session:
        sid = scenario_id or repo.save_scenario(session, f.scenario()).id
        return [
            repo.create_job(session, sid, SolveOptions(time_limit_s=limit)).id for limit in limits
        ]


def shown(engine: Engine, job_id: str) -> jobs.JobStatus:
    with session_scope(engine) as session:
        row = session.get(SolveJobRow, job_id)
        assert row is not None
        return jobs.placed_status(session, row)


def started(engine: Engine, job_id: str, ago_s: float) -> None:
    with session_scope(engine) as session:
        row = repo.get_job(session, job_id)
        assert row is not None
        row.state, row.started_at = "running", utcnow() - dt.timedelta(seconds=ago_s)
        session.add(row)


def test_queued_jobs_are_numbered_in_the_order_they_were_asked_for(db_engine: Engine) -> None:
    ids = queued_jobs(db_engine, [60, 60, 60])
    assert [shown(db_engine, i).queue_position for i in ids] == [1, 2, 3]


def test_the_expected_start_waits_for_the_running_solve_and_the_limits_of_those_ahead(
    db_engine: Engine,
) -> None:
    running, first, second = queued_jobs(db_engine, [100, 30, 60])
    started(db_engine, running, ago_s=40)
    before = utcnow()
    waits = [shown(db_engine, i).queue_wait_s for i in (first, second)]
    # 60 s left of the running solve, then the 30 s one ahead of the second.
    assert waits == [60, 90]
    expected = shown(db_engine, second).expected_start
    assert expected is not None
    assert abs((expected - before).total_seconds() - 90) < 5


def test_running_and_ended_jobs_have_no_place_in_the_queue(db_engine: Engine) -> None:
    running, waiting = queued_jobs(db_engine, [10, 10])
    started(db_engine, running, ago_s=1)
    assert shown(db_engine, running).queue_position is None
    assert shown(db_engine, running).expected_start is None
    assert shown(db_engine, waiting).queue_position == 1


def test_a_process_grants_a_solve_no_more_threads_than_its_share(db_engine: Engine) -> None:
    greedy, modest = queued_jobs(db_engine, [5, 5])
    with session_scope(db_engine) as session:
        row = repo.get_job(session, modest)
        assert row is not None
        row.options = {**row.options, "workers": 1}
        session.add(row)
    taken = load(db_engine, greedy, resume=False, threads=3)
    assert taken is not None and taken.options.workers == 3
    kept = load(db_engine, modest, resume=False, threads=3)
    assert kept is not None and kept.options.workers == 1


def test_the_event_stream_tells_a_waiting_job_its_place(db_engine: Engine) -> None:
    _, second = queued_jobs(db_engine, [10, 10])

    async def first_event() -> jobs.JobStatus | None:
        async for _, _, job in jobs.watch(db_engine, second, poll_s=0.05):
            return job
        return None

    # In its own thread: the browser tests' Playwright keeps an event loop in the main one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        job = pool.submit(anyio.run, first_event).result()
    assert job is not None and job.queue_position == 2


def test_the_api_and_the_job_page_show_the_place_in_the_queue(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    sid = scenario_id_of(upload(api, csrf, json.dumps(f.scenario_doc()).encode()))
    engine: Engine = api.app.state.engine  # type: ignore[attr-defined]
    _, second = queued_jobs(engine, [60, 60], scenario_id=sid)
    job = api.get(f"/api/v1/jobs/{second}", headers=auth).json()
    assert job["queue_position"] == 2
    assert dt.datetime.fromisoformat(job["expected_start"]) > utcnow()
    page = api.get(f"/coordinator/jobs/{second}").text
    assert '排队第<span data-field="queue_position">2</span>位' in page
    english = api.get(f"/coordinator/jobs/{second}?lang=en").text
    assert "Number <span" in english and "in the queue" in english
    schema = api.get("/openapi.json").json()["components"]["schemas"]["JobPublic"]
    assert {"queue_position", "expected_start"} <= set(schema["properties"])
