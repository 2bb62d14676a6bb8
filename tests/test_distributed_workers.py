"""Real `trainsched worker` processes on PostgreSQL, and the faults they survive."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import select

from tests.distributed_support import Api, Proxy, Worker, fresh_database, two_district_doc
from trainsched.checker import check_plan
from trainsched.formats import parse_plan, parse_scenario
from trainsched.generate import generate_scenario
from trainsched.store.db import make_engine, session_scope
from trainsched.store.tables import PlanRow

FINAL = {"succeeded", "failed", "cancelled", "interrupted"}


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    yield from fresh_database()


@pytest.fixture(scope="module")
def city_doc() -> dict[str, Any]:
    # One connected component: solved whole, and busy for its whole time limit.
    return generate_scenario("city", 3).model_dump(mode="json", by_alias=True, exclude_none=True)


@pytest.fixture
def api(pg_url: str) -> Iterator[Api]:
    client = Api(pg_url)
    yield client
    client.close()


@pytest.fixture
def workers(pg_url: str, tmp_path: Path) -> Iterator[list[Worker]]:
    started = [Worker(pg_url, tmp_path, name) for name in ("a", "b")]
    yield started
    for worker in started:
        worker.stop()


def ended(job: dict[str, Any]) -> bool:
    return job["state"] in FINAL


def checked_plan(api: Api, scenario_doc: dict[str, Any], plan_id: str) -> Any:
    plan = parse_plan(api.get(f"/plans/{plan_id}"))
    assert check_plan(parse_scenario(scenario_doc), plan) == []
    return plan


def plans_of_job(url: str, job_id: str) -> list[PlanRow]:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return list(session.exec(select(PlanRow).where(PlanRow.solve_job_id == job_id)))
    finally:
        engine.dispose()


def test_two_workers_solve_a_split_job_as_one_job_with_one_checked_plan(
    api: Api, workers: list[Worker]
) -> None:
    doc = two_district_doc()
    scenario = api.post("/scenarios", doc)
    job = api.post(f"/scenarios/{scenario['id']}/solve", {"time_limit_s": 4})
    # The event stream follows the whole split job, from any API process, to its one end.
    events = f"/api/v1/jobs/{job['id']}/events"
    with api.client.stream("GET", events, headers=api.auth) as res:
        text = "".join(res.iter_text())
    last = text.rstrip().split("\n\n")[-1]
    data = next(line for line in last.splitlines() if line.startswith("data:"))
    assert last.startswith("event: end") and json.loads(data[5:])["state"] == "succeeded"
    done = api.get(f"/jobs/{job['id']}")
    plan = checked_plan(api, doc, done["plan_id"])
    assert len(plan.cohorts) == 6 and len(plan.visits) == 2
    assert plan.x is not None and plan.x["parts"] == 2
    assert done["value"] == plan.objective
    # The parts ran as queue jobs of their own, but the coordinator sees one job.
    assert [j["id"] for j in api.get(f"/scenarios/{scenario['id']}/jobs")] == [job["id"]]
    logged = [line for w in workers for line in w.lines() if line.get("job_id") == job["id"]]
    assert any("merged 2 parts" in line["message"] for line in logged)


def test_cancel_from_the_api_stops_a_solve_running_in_a_worker(
    api: Api, workers: list[Worker], city_doc: dict[str, Any]
) -> None:
    scenario = api.post("/scenarios", city_doc)
    job = api.post(f"/scenarios/{scenario['id']}/solve", {"time_limit_s": 30})
    api.wait(job["id"], lambda j: j["state"] == "running" and (j["value"] or 0) > 0)
    res = api.client.post(f"/api/v1/jobs/{job['id']}/cancel", headers=api.auth)
    assert res.status_code == 202, res.text
    done = api.wait(job["id"], ended, timeout=15)
    assert done["state"] == "cancelled" and done["elapsed_s"] < 25
    checked_plan(api, city_doc, done["plan_id"])


def test_a_job_queued_before_an_api_restart_is_solved_after_it_and_a_cancelled_one_restarts(
    pg_url: str, tmp_path: Path
) -> None:
    first = Api(pg_url)
    doc = two_district_doc(per_district=2)
    scenario = first.post("/scenarios", doc)
    job = first.post(f"/scenarios/{scenario['id']}/solve", {"time_limit_s": 2})
    dropped = first.post(f"/scenarios/{scenario['id']}/solve", {"time_limit_s": 2})
    res = first.client.post(f"/api/v1/jobs/{dropped['id']}/cancel", headers=first.auth)
    assert res.status_code == 202 and res.json()["state"] == "cancelled"
    first.close()  # no worker has run yet: the jobs live only in PostgreSQL
    worker = Worker(pg_url, tmp_path, "late")
    second = Api(pg_url)
    try:
        done = second.wait(job["id"], ended)
        assert done["state"] == "succeeded"
        checked_plan(second, doc, done["plan_id"])
        again = second.post(f"/jobs/{dropped['id']}/restart", None)
        assert second.wait(again["id"], ended)["state"] == "succeeded"
        # The cancelled job's queue entry was taken and skipped: it stays cancelled, planless.
        assert second.get(f"/jobs/{dropped['id']}")["plan_id"] is None
    finally:
        second.close()
        worker.stop()


def test_a_worker_killed_mid_solve_leaves_the_job_to_another_and_one_plan(
    api: Api, workers: list[Worker], city_doc: dict[str, Any], pg_url: str
) -> None:
    scenario = api.post("/scenarios", city_doc)
    job = api.post(f"/scenarios/{scenario['id']}/solve", {"time_limit_s": 5})
    job_id = job["id"]

    def solving(line: dict[str, Any]) -> bool:
        return line.get("job_id") == job_id and "solving job" in line.get("message", "")

    api.wait(job_id, lambda j: j["state"] == "running" and (j["value"] or 0) > 0)
    victim = next(w for w in workers if any(solving(line) for line in w.lines()))
    survivor = next(w for w in workers if w is not victim)
    victim.kill()
    survivor.wait_for(solving, timeout=30)
    done = api.wait(job_id, ended, timeout=60)
    assert done["state"] == "succeeded", done
    assert [p.id for p in plans_of_job(pg_url, job_id)] == [done["plan_id"]]
    checked_plan(api, city_doc, done["plan_id"])


def test_store_outage_answers_503_with_retry_after_then_recovers(pg_url: str) -> None:
    url = make_url(pg_url)
    proxy = Proxy(url.port or 5432)
    via_proxy = url.set(port=proxy.port).render_as_string(hide_password=False)
    api = Api(via_proxy)
    try:
        assert api.client.get("/readyz").status_code == 200
        proxy.cut()
        res = api.client.get("/api/v1/scenarios", headers=api.auth)
        assert res.status_code == 503
        assert int(res.headers["Retry-After"]) > 0
        assert "unreachable" in res.json()["detail"]
        assert api.client.get("/readyz").status_code == 503
        assert api.client.get("/healthz").status_code == 200
        proxy.restore()
        assert api.client.get("/readyz").status_code == 200
        assert api.post("/scenarios", two_district_doc())["id"]
    finally:
        api.close()
        proxy.close()
