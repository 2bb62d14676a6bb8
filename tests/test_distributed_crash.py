"""Workers killed mid-solve: the job says so at once, goes back to the queue, and ends once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from tests.crash_support import (
    EventLog,
    checkpoint_value,
    city_doc,
    parts_with_checkpoints,
    twin_city_doc,
    wait_until,
)
from tests.distributed_support import Api, Worker, fresh_database
from trainsched.checker import check_plan
from trainsched.formats import parse_plan, parse_scenario
from trainsched.store.db import make_engine, session_scope
from trainsched.store.tables import PlanRow

FINAL = {"succeeded", "failed", "cancelled", "interrupted"}


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    yield from fresh_database()


@pytest.fixture
def api(pg_url: str) -> Iterator[Api]:
    client = Api(pg_url)
    yield client
    client.close()


def follow(api: Api, job_id: str) -> EventLog:
    return EventLog(
        lambda: api.client.stream("GET", f"/api/v1/jobs/{job_id}/events", headers=api.auth)
    )


def only_plan_checked(api: Api, pg_url: str, doc: dict[str, Any], job: dict[str, Any]) -> Any:
    engine = make_engine(pg_url)
    try:
        with session_scope(engine) as session:
            query = select(PlanRow.id).where(PlanRow.solve_job_id == job["id"])
            assert list(session.exec(query)) == [job["plan_id"]]
    finally:
        engine.dispose()
    plan = parse_plan(api.get(f"/plans/{job['plan_id']}"))
    assert check_plan(parse_scenario(doc), plan) == []
    return plan


def test_a_lone_worker_killed_mid_solve_shows_stalled_and_the_next_goes_on_from_its_checkpoint(
    api: Api, pg_url: str, tmp_path: Path
) -> None:
    doc = city_doc()
    scenario = api.post("/scenarios", doc)
    first = Worker(pg_url, tmp_path, "first")
    job = api.post(f"/scenarios/{scenario['id']}/solve", {"time_limit_s": 30})
    events = follow(api, job["id"])
    kept = wait_until(lambda: checkpoint_value(pg_url, job["id"]), 60, "a checkpoint is kept")
    first.kill()
    # Nobody works on it now: the job must say so, and never claim to be running again.
    seen = api.wait(job["id"], lambda j: j["state"] != "running", timeout=30)
    assert seen["state"] == "stalled"
    assert api.get(f"/jobs/{job['id']}")["state"] == "stalled"
    second = Worker(pg_url, tmp_path, "second")
    try:
        done = api.wait(job["id"], lambda j: j["state"] in FINAL, timeout=120)
        events.join(30)
    finally:
        second.stop()
    assert done["state"] == "succeeded" and done["requeued"] == 1
    plan = only_plan_checked(api, pg_url, doc, done)
    # It went on from its best plan so far: no class value of it was lost.
    assert plan.cohorts and done["value"] >= kept
    assert {"stalled", "requeued"} <= set(events.kinds()) and events.kinds()[-1] == "end"


def test_a_worker_killed_on_one_part_of_a_split_job_leaves_one_merged_checked_plan(
    api: Api, pg_url: str, tmp_path: Path
) -> None:
    doc = twin_city_doc()
    scenario = api.post("/scenarios", doc)
    workers = [Worker(pg_url, tmp_path, name) for name in ("a", "b")]
    try:
        job = api.post(f"/scenarios/{scenario['id']}/solve", {"time_limit_s": 30})
        events = follow(api, job["id"])

        def on_part(line: dict[str, Any]) -> bool:
            return line.get("job_id") == job["id"] and "solving part" in line.get("message", "")

        wait_until(lambda: all(any(map(on_part, w.lines())) for w in workers), 60, "both parts")
        wait_until(lambda: parts_with_checkpoints(pg_url, job["id"]) == 2, 60, "checkpoints")
        workers[0].kill()  # the other worker goes on with its own part, then the lost one
        done = api.wait(job["id"], lambda j: j["state"] in FINAL, timeout=180)
        events.join(30)
    finally:
        for worker in workers:
            worker.stop()
    assert done["state"] == "succeeded" and done["requeued"] == 1
    plan = only_plan_checked(api, pg_url, doc, done)
    assert plan.x is not None and plan.x["parts"] == 2
    went_on = [line for line in workers[1].lines() if "from its checkpoint" in line["message"]]
    assert len(went_on) == 1
    kinds = events.kinds()
    assert "requeued" in kinds and kinds.count("end") == 1 and kinds[-1] == "end"
    assert events.events[-1][1]["plan_id"] == done["plan_id"]
