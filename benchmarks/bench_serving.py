"""Public pages and feeds under a crowd: old and new code side by side, real server processes.

For each code tree (``--old`` and ``--new``: a checkout with its own Python, e.g. a worktree
of main at this branch's start and this one) and each setup (one process on SQLite;
``--workers 2`` in distributed mode on PostgreSQL), it starts ``trainsched serve`` on the
demo city (solved and published once, then copied to each server), loads each URL with
``loadgen`` (50 keep-alive connections, like a browser or calendar app asking with
``Accept-Encoding: gzip, br``) and prints req/s, p50 and p99 with the machine's load.

Usage: python benchmarks/bench_serving.py --old /tmp/old:/tmp/old-venv/bin/python
           --new .:.venv/bin/python [--seconds 5] [--pg postgresql+psycopg://postgres@127.0.0.1/]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import Result, run_sync

from trainsched.server.demo import prepare_demo
from trainsched.settings import Settings
from trainsched.store import repo
from trainsched.store.db import make_engine, scratch_database, session_scope
from trainsched.store.mapper import plan_from_row
from trainsched.store.migrate import upgrade

WARMUP_S = 1.0
BROWSER = {"Accept-Encoding": "gzip, br", "Accept-Language": "zh-CN,zh;q=0.9"}


def prepare(url: str, demo_seconds: float) -> dict[str, str]:
    """The demo city solved and published on ``url``; name → path of each page or feed."""
    engine = make_engine(url)
    upgrade(engine)
    state = prepare_demo(engine, Settings(database_url=url, demo_time_limit_s=demo_seconds))
    sid = state.scenario_id
    with session_scope(engine) as session:
        row = repo.published_plan(session, sid)
        assert row is not None
        plan = plan_from_row(row)
        teaching = Counter(t for c in plan.cohorts for t in c.trainers for _ in c.days)
        trainer = teaching.most_common(1)[0][0]
        token = repo.issue_feed_token(session, "trainer", trainer, sid)
    engine.dispose()
    cohort = max(plan.cohorts, key=lambda c: len(c.days)).id
    return {
        "trainer feed": f"/api/v1/feeds/{token}.ics",
        "class .ics": f"/api/v1/public/scenarios/{sid}/classes/{cohort}/add-to-calendar.ics",
        "class page": f"/classes/{sid}/{cohort}",
        "/classes": "/classes",
        "public plan": f"/api/v1/public/scenarios/{sid}/plan",
    }


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(
    python: str, env: dict[str, str], port: int, workers: int, log: Path
) -> subprocess.Popen[bytes]:
    """``trainsched serve`` of that Python's checkout, ready to answer."""
    cli = "import sys; from trainsched.cli import app; sys.argv[0] = 'trainsched'; app()"
    argv = [python, "-c", cli, "serve", "--port", str(port), "--workers", str(workers)]
    with log.open("ab") as out:
        proc = subprocess.Popen(argv, env=env, stdout=out, stderr=out, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2):
                return proc
        except OSError:
            time.sleep(0.5)
    stop(proc)
    raise RuntimeError(f"server did not start; see {log}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End the server and its worker processes (its own session, started here)."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def cpu_s(root: int) -> float:
    """CPU seconds (user + system) used so far by process ``root`` and its children."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in [root, *_children(root)]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    kids = [int(k) for k in found]
    return kids + [g for k in kids for g in _children(k)]


def load_avg() -> str:
    """The machine's 1-minute load average now."""
    return f"{os.getloadavg()[0]:.2f}"


def measure(
    base: str, paths: dict[str, str], seconds: float, connections: int, server: int
) -> list[tuple[str, Result, str, float]]:
    """Each page or feed loaded in turn (first asked once so every process has it built),
    with the server's CPU time per answer (whatever else the machine is doing)."""
    out = []
    for name, path in paths.items():
        # Each of up to 2 processes builds its copy first (a feed's first build reads the
        # store and the feed history): several connections for a while reach both.
        urllib.request.urlopen(base + path, timeout=60).read()
        run_sync(base + path, connections=8, seconds=3.0, warmup_s=0.0, headers=BROWSER)
        before, used = load_avg(), cpu_s(server)
        result = run_sync(
            base + path,
            connections=connections,
            seconds=seconds,
            warmup_s=WARMUP_S,
            headers=BROWSER,
        )
        # Warm-up answers are not counted but used CPU too: spread it over every answer.
        answers = result.requests * (1 + WARMUP_S / seconds)
        cpu_ms = 1000 * (cpu_s(server) - used) / max(1.0, answers)
        out.append((name, result, f"{before}→{load_avg()}", cpu_ms))
        print(f"  {name:13} {result.line()}  cpu {cpu_ms:.2f} ms  load {out[-1][2]}", flush=True)
    return out


def main() -> None:
    """Run every code tree in every setup and print one table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--old", required=True, help="CHECKOUT:PYTHON of the old code")
    parser.add_argument("--new", required=True, help="CHECKOUT:PYTHON of the new code")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--demo-seconds", type=float, default=10.0)
    parser.add_argument(
        "--pg",
        default=os.environ.get("TRAINSCHED_TEST_POSTGRES_URL"),
        help="a PostgreSQL database URL whose server gets a scratch database (default: "
        "TRAINSCHED_TEST_POSTGRES_URL); without it only the SQLite runs",
    )
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        pg_url = (
            stack.enter_context(scratch_database(args.pg, "bench_serving")) if args.pg else None
        )
        rows = run_all(args, pg_url)
    print(f"\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs")
    print("| code | setup | what | req/s | p50 ms | p99 ms | server CPU ms/answer | load (1 min) |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |")
    for label, setup, name, r, load, cpu_ms in rows:
        print(
            f"| {label} | {setup} | {name} | {r.rps:.0f} | {r.p50_ms:.1f} "
            f"| {r.p99_ms:.1f} | {cpu_ms:.2f} | {load} |"
        )


Row = tuple[str, str, str, Result, str, float]


def run_all(args: argparse.Namespace, pg_url: str | None) -> list[Row]:
    """Every code tree in every setup, one URL after another."""
    work = Path(tempfile.mkdtemp(prefix="bench-serving-"))
    master = work / "demo.db"
    paths = prepare(f"sqlite:///{master}", args.demo_seconds)
    pg_paths = prepare(pg_url, args.demo_seconds) if pg_url else None
    rows: list[Row] = []
    for label, spec in (("old", args.old), ("new", args.new)):
        checkout, python = spec.split(":", 1)
        env = {**os.environ, "PYTHONPATH": str(Path(checkout, "src").resolve())}
        env.pop("TRAINSCHED_MODE", None)
        setups: list[tuple[str, int, dict[str, str], dict[str, str]]] = []
        db = work / f"{label}.db"
        shutil.copy(master, db)
        setups.append(
            ("1 process, SQLite", 1, {"TRAINSCHED_DATABASE_URL": f"sqlite:///{db}"}, paths)
        )
        if pg_url is not None and pg_paths is not None:
            pg = {"TRAINSCHED_DATABASE_URL": pg_url, "TRAINSCHED_MODE": "distributed"}
            setups.append(("--workers 2, PostgreSQL", 2, pg, pg_paths))
        for setup, workers, extra, targets in setups:
            print(f"{label}: {setup}", flush=True)
            port = free_port()
            proc = start(python, {**env, **extra}, port, workers, work / f"{label}.log")
            try:
                for name, result, load, cpu_ms in measure(
                    f"http://127.0.0.1:{port}", targets, args.seconds, args.connections, proc.pid
                ):
                    rows.append((label, setup, name, result, load, cpu_ms))
            finally:
                stop(proc)
    return rows


if __name__ == "__main__":
    main()
