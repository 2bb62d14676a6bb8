"""A real uvicorn process: job event stream, cancel keeps the best plan, restart after a crash."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from trainsched.resources import fixture_path
from trainsched.server.run import add_coordinator_cli
from trainsched.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """One uvicorn process serving the app factory on a test database."""

    def __init__(self, db_url: str, tmp_path: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "TRAINSCHED_DATABASE_URL": db_url,
            "TRAINSCHED_MAX_TIME_LIMIT_S": "120",
            "TRAINSCHED_CPSAT_WORKERS": "2",
        }
        self.log = (tmp_path / f"uvicorn-{self.port}.log").open("wb")
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "trainsched.server.app:create_app"]
        cmd += ["--host", "127.0.0.1", "--port", str(self.port)]
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/api/v1/public/scenarios").status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("uvicorn did not start")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[Server]:
    srv = Server(db_url, tmp_path)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def headers(server: Server, db_url: str) -> dict[str, str]:
    token = add_coordinator_cli(Settings(database_url=db_url), "uvicorn-test")
    return {"Authorization": f"Bearer {token}"}


def start_long_solve(server: Server, headers: dict[str, str]) -> str:
    # The demo city keeps CP-SAT busy for the whole time limit, so the job is surely running.
    doc = fixture_path("demo-city.json").read_bytes()
    scenario = httpx.post(
        f"{server.base}/api/v1/scenarios",
        content=doc,
        headers={**headers, "Content-Type": "application/json"},
        timeout=30,
    )
    assert scenario.status_code == 201, scenario.text
    job = httpx.post(
        f"{server.base}/api/v1/scenarios/{scenario.json()['id']}/solve",
        json={"time_limit_s": 100, "workers": 2},
        headers=headers,
    )
    assert job.status_code == 202
    return str(job.json()["id"])


def wait_running(server: Server, headers: dict[str, str], job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job: dict[str, Any] = httpx.get(
            f"{server.base}/api/v1/jobs/{job_id}", headers=headers
        ).json()
        if job["state"] == "running" and job["value"]:
            return job
        time.sleep(0.1)
    raise AssertionError("the job never ran")


def read_events(response: httpx.Response) -> Iterator[tuple[str, dict[str, Any]]]:
    event, data = "message", ""
    for line in response.iter_lines():
        if line.startswith("event:"):
            event = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data = line.removeprefix("data:").strip()
        elif not line and data:
            yield event, json.loads(data)
            event, data = "message", ""


def test_event_stream_follows_job_until_cancel_keeps_best_plan(
    server: Server, headers: dict[str, str]
) -> None:
    job_id = start_long_solve(server, headers)
    url = f"{server.base}/api/v1/jobs/{job_id}/events"
    seen: list[tuple[str, dict[str, Any]]] = []
    cancelled = False
    with httpx.stream("GET", url, headers=headers, timeout=60) as res:
        assert res.headers["content-type"].startswith("text/event-stream")
        for event, data in read_events(res):
            seen.append((event, data))
            running = event == "progress" and data["state"] == "running" and data["value"]
            if running and not cancelled:
                # Progress events may still arrive while the solve winds down: cancel once.
                cancel = httpx.post(f"{server.base}/api/v1/jobs/{job_id}/cancel", headers=headers)
                assert cancel.status_code == 202
                cancelled = True
            if event == "end":
                break
    kinds = [e for e, _ in seen]
    assert kinds[-1] == "end"
    assert "progress" in kinds
    final = seen[-1][1]
    assert final["state"] == "cancelled"
    assert final["plan_id"] is not None
    assert final["value"] > 0
    plan = httpx.get(f"{server.base}/api/v1/plans/{final['plan_id']}", headers=headers)
    assert plan.json()["objective"] == final["value"]


def test_crash_marks_running_job_interrupted_and_it_restarts(
    server: Server, headers: dict[str, str]
) -> None:
    job_id = start_long_solve(server, headers)
    wait_running(server, headers, job_id)
    server.kill()
    server.start()
    job = httpx.get(f"{server.base}/api/v1/jobs/{job_id}", headers=headers).json()
    assert job["state"] == "interrupted"
    again = httpx.post(f"{server.base}/api/v1/jobs/{job_id}/restart", headers=headers)
    assert again.status_code == 202
    new_id = again.json()["id"]
    assert new_id != job_id
    wait_running(server, headers, new_id)
    httpx.post(f"{server.base}/api/v1/jobs/{new_id}/cancel", headers=headers)
