"""Benchmark distributed mode: a province solved as split jobs by 1 and 2 workers; city throughput.

Needs PostgreSQL (``TRAINSCHED_TEST_POSTGRES_URL`` names a server database to start from); the
run makes a fresh database, starts ``trainsched worker`` processes and drops the database after.
Jobs are queued the way the API queues them (``QueueBackend.enqueue``), so the measured time is
queue -> worker(s) -> parts -> merge -> stored plan -> checker, nothing left out.

    python benchmarks/bench_distributed.py [--province-limit 60] [--city-jobs 8] [--repeat 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from trainsched.checker import check_plan
from trainsched.formats import Scenario
from trainsched.generate import generate_scenario
from trainsched.jobs.queue import QueueBackend
from trainsched.solver import SolveOptions
from trainsched.store import repo
from trainsched.store.db import make_engine, scratch_database, session_scope
from trainsched.store.mapper import plan_from_row

FINAL = ("succeeded", "failed", "cancelled", "interrupted")


@contextmanager
def workers(url: str, count: int, log_dir: Path) -> Iterator[None]:
    """``count`` worker processes on the database, stopped at the end."""
    env = {
        **os.environ,
        "TRAINSCHED_MODE": "distributed",
        "TRAINSCHED_DATABASE_URL": url,
        "TRAINSCHED_LOG_FORMAT": "json",
    }
    procs = []
    for i in range(count):
        log = (log_dir / f"worker-{count}-{i}.log").open("wb")
        cmd = [sys.executable, "-m", "trainsched", "worker"]
        procs.append(subprocess.Popen(cmd, env=env, stdout=log, stderr=log))
    time.sleep(3.0)  # imports and the queue's LISTEN, before the clock starts
    try:
        yield
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(60)


def enqueue(engine: Engine, backend: QueueBackend, scenario_id: str, options: SolveOptions) -> str:
    """Create a job and queue it in one transaction, as the API does."""
    with session_scope(engine) as session:
        job = repo.create_job(session, scenario_id, options)
        backend.enqueue(session, job.id)
        return job.id


def wait_checked(engine: Engine, scenario: Scenario, job_id: str) -> tuple[int, int | None]:
    """Block until the job ends; return its checked plan's value and bound (fail if broken)."""
    while True:
        with session_scope(engine) as session:
            job = repo.get_job(session, job_id)
            assert job is not None
            if job.state in FINAL:
                assert job.state == "succeeded" and job.plan_id, f"{job.state}: {job.error}"
                row = repo.get_plan(session, job.plan_id)
                assert row is not None
                plan = plan_from_row(row)
                break
        time.sleep(0.2)
    broken = check_plan(scenario, plan)
    assert not broken, "; ".join(str(v) for v in broken[:5])
    return plan.objective, plan.bound


def province_run(url: str, count: int, limit: float, cpsat: int, logs: Path) -> dict[str, object]:
    """Seconds from queueing the province to its checked plan, with ``count`` workers."""
    engine = make_engine(url)
    backend = QueueBackend(url, engine)
    backend.prepare()
    scenario = generate_scenario("province", 1)
    with session_scope(engine) as session:
        scenario_id = repo.save_scenario(session, scenario).id
    options = SolveOptions(time_limit_s=limit, workers=cpsat, seed=1)
    with workers(url, count, logs):
        started = time.monotonic()
        job_id = enqueue(engine, backend, scenario_id, options)
        value, bound = wait_checked(engine, scenario, job_id)
        wall = time.monotonic() - started
    engine.dispose()
    return {"workers": count, "wall_s": round(wall, 1), "value": value, "bound": bound}


def city_throughput(url: str, count: int, jobs: int, limit: float, cpsat: int, logs: Path) -> float:
    """City jobs per minute with ``count`` workers, each job to a checked plan."""
    engine = make_engine(url)
    backend = QueueBackend(url, engine)
    backend.prepare()
    scenarios = [generate_scenario("city", seed) for seed in range(1, 4)]
    with session_scope(engine) as session:
        ids = [repo.save_scenario(session, s).id for s in scenarios]
    options = SolveOptions(time_limit_s=limit, workers=cpsat, seed=1)
    with workers(url, count, logs):
        started = time.monotonic()
        queued = [(i % 3, enqueue(engine, backend, ids[i % 3], options)) for i in range(jobs)]
        for which, job_id in queued:
            wait_checked(engine, scenarios[which], job_id)
        wall = time.monotonic() - started
    engine.dispose()
    return jobs / wall * 60


def main() -> None:
    """Run the benchmark and print a Markdown summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province-limit", type=float, default=60.0)
    parser.add_argument("--city-jobs", type=int, default=8)
    parser.add_argument("--city-limit", type=float, default=10.0)
    parser.add_argument("--cpsat-workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--only", choices=["province", "city"], default=None)
    args = parser.parse_args()
    base = os.environ.get("TRAINSCHED_TEST_POSTGRES_URL")
    if not base:
        sys.exit("set TRAINSCHED_TEST_POSTGRES_URL to a PostgreSQL database URL")
    print(
        f"date {dt.date.today()}, {platform.node()}, {os.cpu_count()} cores, "
        f"python {platform.python_version()}"
    )
    print(f"args {vars(args)}")
    with tempfile.TemporaryDirectory() as tmp:
        logs = Path(tmp)
        for count in args.workers if args.only != "city" else []:
            runs = []
            for _ in range(args.repeat):
                with scratch_database(base, "trainsched_bench") as url:
                    runs.append(
                        province_run(url, count, args.province_limit, args.cpsat_workers, logs)
                    )
            walls = [float(r["wall_s"]) for r in runs]  # type: ignore[arg-type]
            print(f"| province | {count} | median {statistics.median(walls):.1f} s | {runs} |")
        for count in args.workers if args.only != "province" else []:
            rates = []
            for _ in range(args.repeat):
                with scratch_database(base, "trainsched_bench") as url:
                    rates.append(
                        city_throughput(
                            url, count, args.city_jobs, args.city_limit, args.cpsat_workers, logs
                        )
                    )
            print(
                f"| city jobs/min | {count} | median {statistics.median(rates):.1f} "
                f"| {[round(r, 1) for r in rates]} |"
            )


if __name__ == "__main__":
    main()
