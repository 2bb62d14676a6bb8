"""Helpers for the PostgreSQL-backed distributed tests: a database per module, workers, a proxy."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from tests import factories as f
from trainsched.jobs.worker import run_worker
from trainsched.server import create_app
from trainsched.server.run import add_coordinator_cli
from trainsched.settings import Settings
from trainsched.store.db import scratch_database

POSTGRES_ENV = "TRAINSCHED_TEST_POSTGRES_URL"


def fresh_database() -> Iterator[str]:
    """A brand-new PostgreSQL database (random name), dropped afterwards; skip without one."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"PostgreSQL not configured: set {POSTGRES_ENV} to run the distributed tests")
    pytest.importorskip("procrastinate", reason="the 'postgres' extra is not installed")
    try:
        with scratch_database(base, "trainsched_dist") as url:
            yield url
    except sa.exc.OperationalError as exc:
        pytest.skip(f"PostgreSQL at {POSTGRES_ENV} is not reachable: {exc.orig}")


class ThreadWorker:
    """A worker inside the test process (its own event loop in a thread), for API tests."""

    def __init__(self, settings: Settings) -> None:
        self._loop = asyncio.new_event_loop()
        self._task: asyncio.Task[None] | None = None
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(settings,), daemon=True)
        self._thread.start()
        self._started.wait(30)

    def _run(self, settings: Settings) -> None:
        asyncio.set_event_loop(self._loop)
        work = run_worker(settings, install_signal_handlers=False, prepare=False)
        self._task = self._loop.create_task(work)
        self._loop.call_soon(self._started.set)
        with contextlib.suppress(asyncio.CancelledError):
            self._loop.run_until_complete(self._task)
        # Let the connection pools' own tasks finish before the loop goes away.
        pending = asyncio.all_tasks(self._loop)
        for task in pending:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self._loop.run_until_complete(self._loop.shutdown_asyncgens())
        self._loop.close()

    def stop(self) -> None:
        """Cancel the worker (running solves are abandoned with the test's database)."""
        if self._task is not None:
            self._loop.call_soon_threadsafe(self._task.cancel)
        self._thread.join(30)


def distributed_env(database_url: str, **extra: str) -> dict[str, str]:
    """Environment of a worker: distributed mode on the test database, fast heartbeats."""
    return {
        **os.environ,
        "TRAINSCHED_MODE": "distributed",
        "TRAINSCHED_DATABASE_URL": database_url,
        "TRAINSCHED_LOG_FORMAT": "json",
        "TRAINSCHED_WORKER_HEARTBEAT_S": "0.5",
        "TRAINSCHED_STALLED_AFTER_S": "2",
        "TRAINSCHED_SPLIT_MIN_COHORTS": "4",
        "TRAINSCHED_DEADLINE_GRACE_S": "5",
        **extra,
    }


class Worker:
    """One ``trainsched worker`` process with its JSON log in a file."""

    def __init__(self, database_url: str, log_dir: Path, name: str) -> None:
        self.log_path = log_dir / f"worker-{name}.log"
        self._log = self.log_path.open("wb")
        cmd = [sys.executable, "-m", "trainsched", "worker"]
        self.proc = subprocess.Popen(
            cmd, env=distributed_env(database_url), stdout=self._log, stderr=self._log
        )
        self.wait_for(lambda line: "listening on queue" in line.get("message", ""), 30)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def lines(self) -> list[dict[str, Any]]:
        """The worker's log so far, one JSON object per line (other lines skipped)."""
        out = []
        for raw in self.log_path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                out.append(json.loads(raw))
            except json.JSONDecodeError:
                continue
        return out

    def wait_for(self, seen: Callable[[dict[str, Any]], bool], timeout: float) -> None:
        """Block until a log line matches; fail with the log when the worker died or timed out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(seen(line) for line in self.lines()):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"worker log never matched:\n{self.log_path.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no clean-up, no goodbye to the queue."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        """Stop politely, then firmly."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


def two_district_doc(per_district: int = 3) -> dict[str, Any]:
    """Two districts sharing no trainer, venue or fund: a scenario that splits into two parts."""
    return f.scenario_doc(
        regions=[f.region("R01"), f.region("R02")],
        trainers=[f.trainer("T01"), f.trainer("T02", region="R02")],
        venues=[f.venue("V01"), f.venue("V02", region="R02")],
        cohorts=[f.cohort(f"A{i}") for i in range(1, per_district + 1)]
        + [f.cohort(f"B{i}", region="R02") for i in range(1, per_district + 1)],
        funds=[f.fund("F01", regions=["R01"]), f.fund("F02", regions=["R02"])],
        mentors=[f.mentor("M01")],
        visit_requests=[f.visit_request("Q01"), f.visit_request("Q02", region="R02")],
    )


class Proxy:
    """A TCP proxy to PostgreSQL that a test can cut (connections refused) and restore."""

    def __init__(self, target_port: int) -> None:
        self._target = target_port
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._server.getsockname()[1])
        self._open = threading.Event()
        self._open.set()
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            if not self._open.is_set():
                client.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self._target))
            with self._lock:
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(a, b), daemon=True).start()

    def cut(self) -> None:
        """Drop every connection and refuse new ones, as a crashed database would."""
        self._open.clear()
        with self._lock:
            for conn in self._conns:
                _close(conn)
            self._conns.clear()

    def restore(self) -> None:
        """Accept connections again."""
        self._open.set()

    def close(self) -> None:
        self.cut()
        self._server.close()


def _pipe(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        _close(src)
        _close(dst)


def _close(conn: socket.socket) -> None:
    with contextlib.suppress(OSError):
        conn.shutdown(socket.SHUT_RDWR)
    conn.close()


def settings_for(url: str) -> Settings:
    """Distributed-mode settings of an API in a test process (small limits, two CP-SAT threads)."""
    return Settings(
        mode="distributed",
        database_url=url,
        default_time_limit_s=3.0,
        max_time_limit_s=60.0,
        cpsat_workers=2,
    )


class Api:
    """A distributed-mode app in this test process, with a coordinator's headers."""

    def __init__(self, url: str) -> None:
        self.settings = settings_for(url)
        self.client = TestClient(create_app(self.settings), raise_server_exceptions=False)
        self.client.__enter__()
        token = add_coordinator_cli(self.settings, f"协调员{uuid.uuid4().hex[:6]}")
        self.auth = {"Authorization": f"Bearer {token}"}

    def post(self, path: str, body: Any) -> Any:
        res = self.client.post(f"/api/v1{path}", json=body, headers=self.auth)
        assert res.status_code in (201, 202), res.text
        return res.json()

    def get(self, path: str) -> Any:
        res = self.client.get(f"/api/v1{path}", headers=self.auth)
        assert res.status_code == 200, res.text
        return res.json()

    def wait(self, job_id: str, until: Any, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job: dict[str, Any] = self.get(f"/jobs/{job_id}")
            if until(job):
                return job
            time.sleep(0.2)
        raise AssertionError(f"job {job_id} never reached the state asked for: {job}")

    def close(self) -> None:
        self.client.__exit__(None, None, None)
