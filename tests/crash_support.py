"""Helpers for crash tests: real server processes, a long-running scenario, the job's events."""

from __future__ import annotations

import copy
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from sqlmodel import col, select

from trainsched.generate import generate_scenario
from trainsched.server.run import add_coordinator_cli
from trainsched.settings import Settings
from trainsched.store import repo
from trainsched.store.db import make_engine, session_scope
from trainsched.store.tables import SolveJobRow, SolvePartRow

# Ids of resources and demands; a twin gets them with a "B", so it shares nothing.
TWINNED = (
    "regions",
    "providers",
    "trainers",
    "venues",
    "cohorts",
    "funds",
    "mentors",
    "visit_requests",
)


def city_doc(seed: int = 3) -> dict[str, Any]:
    """A 500-class city: one connected part, busy for its whole time limit."""
    scenario = generate_scenario("city", seed)
    return scenario.model_dump(mode="json", by_alias=True, exclude_none=True)


def twin_city_doc(seed: int = 3) -> dict[str, Any]:
    """Two copies of a city sharing no trainer, venue or fund: a job that splits in two."""
    doc = city_doc(seed)
    ids = {item["id"] for key in TWINNED for item in doc[key]}
    out = copy.deepcopy(doc)
    for key in TWINNED:
        out[key] = doc[key] + [_twinned(item, ids) for item in doc[key]]
    return out


def _twinned(value: Any, ids: set[str]) -> Any:
    if isinstance(value, str):
        return f"{value}B" if value in ids else value
    if isinstance(value, list):
        return [_twinned(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: _twinned(v, ids) for k, v in value.items()}
    return value


def wait_until(check: Callable[[], Any], timeout: float, what: str) -> Any:
    """Poll ``check`` until it returns something true; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = check()
        if got:
            return got
        time.sleep(0.2)
    raise AssertionError(f"never happened within {timeout:.0f} s: {what}")


def job_row(database_url: str, job_id: str) -> SolveJobRow | None:
    """The job's row as the store holds it (checkpoint columns included)."""
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            row = repo.get_job(session, job_id)
            if row is not None:
                session.expunge(row)
            return row
    finally:
        engine.dispose()


def checkpoint_value(database_url: str, job_id: str) -> int | None:
    """The value of the job's kept checkpoint, once it has one."""
    row = job_row(database_url, job_id)
    return None if row is None or row.checkpoint is None else row.checkpoint_value


def parts_with_checkpoints(database_url: str, job_id: str) -> int:
    """How many parts of a split job have kept a checkpoint."""
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            query = select(SolvePartRow).where(col(SolvePartRow.job_id) == job_id)
            return sum(1 for part in session.exec(query) if part.checkpoint is not None)
    finally:
        engine.dispose()


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerProcess:
    """``trainsched serve`` in embedded mode on a SQLite file, reached over HTTP."""

    def __init__(self, database_url: str, log_dir: Path, name: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "TRAINSCHED_MODE": "embedded",
            "TRAINSCHED_DATABASE_URL": database_url,
            "TRAINSCHED_CPSAT_WORKERS": "2",
            "TRAINSCHED_MAX_TIME_LIMIT_S": "120",
            "TRAINSCHED_WORKER_HEARTBEAT_S": "0.5",
            "TRAINSCHED_STALLED_AFTER_S": "2",
        }
        self._log = (log_dir / f"server-{name}.log").open("wb")
        cmd = [sys.executable, "-m", "trainsched", "serve", "--port", str(self.port)]
        self.proc = subprocess.Popen(cmd, env=env, stdout=self._log, stderr=self._log)
        wait_until(self._up, 60, f"server {name} answers /healthz")

    def _up(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(f"server exited with {self.proc.returncode}")
        try:
            return httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> None:
        """SIGKILL: no shutdown, no last word to the store."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self._log.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._log.close()


class HttpApi:
    """A coordinator's calls to a server over HTTP."""

    def __init__(self, base: str, token: str) -> None:
        self.client = httpx.Client(
            base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=30
        )

    @staticmethod
    def token(database_url: str) -> str:
        """A new coordinator's token on that store."""
        return add_coordinator_cli(Settings(database_url=database_url), "值班协调员")

    def post(self, path: str, body: Any) -> Any:
        res = self.client.post(path, json=body)
        assert res.status_code in (201, 202), res.text
        return res.json()

    def get(self, path: str) -> Any:
        res = self.client.get(path)
        assert res.status_code == 200, res.text
        return res.json()

    def close(self) -> None:
        self.client.close()


class EventLog:
    """Follows a job's server-sent events on a thread and keeps each event's name and data."""

    def __init__(self, stream: Callable[[], Any]) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []
        self._stream = stream
        self._thread = threading.Thread(target=self._follow, daemon=True)
        self._thread.start()

    def _follow(self) -> None:
        with self._stream() as res:
            kind = ""
            for line in res.iter_lines():
                if line.startswith("event:"):
                    kind = line[6:].strip()
                elif line.startswith("data:"):
                    self.events.append((kind, json.loads(line[5:])))

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.events]

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)
