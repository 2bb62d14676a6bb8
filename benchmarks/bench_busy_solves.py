"""Two city solves submitted together end as good as one alone, in both modes.

Embedded: the server's own job runner (``make_backend``, settings as deployed: by default
one solve at a time per two CPUs, threads sized to the CPUs). Distributed: one
``trainsched worker`` process (its default concurrency) on a fresh PostgreSQL database
(``TRAINSCHED_TEST_POSTGRES_URL`` names the server). Each job's plan is checked; its gap is
(bound - value) / bound from the plan's own bound.

    python benchmarks/bench_busy_solves.py [--limit 60] [--modes embedded distributed]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_distributed import enqueue, wait_checked, workers

from trainsched.formats import Scenario
from trainsched.generate import generate_scenario
from trainsched.jobs.backend import JobBackend, make_backend
from trainsched.settings import Settings
from trainsched.solver import SolveOptions
from trainsched.store import repo
from trainsched.store.db import make_engine, scratch_database, session_scope
from trainsched.store.migrate import upgrade


def gap(value: int, bound: int | None) -> float:
    """Percentage points between the plan and its bound."""
    return 100.0 * (bound - value) / bound if bound else float("nan")


def run_jobs(
    url: str, backend: JobBackend, scenario: Scenario, count: int, limit: float
) -> list[float]:
    """``count`` solves of ``scenario`` queued at once; their gaps once all ended."""
    engine = make_engine(url)
    with session_scope(engine) as session:
        sid = repo.save_scenario(session, scenario).id
    options = SolveOptions(time_limit_s=limit, workers=32, seed=1)  # the API's default ask
    ids = [enqueue(engine, backend, sid, options) for _ in range(count)]  # type: ignore[arg-type]
    gaps = [gap(*wait_checked(engine, scenario, job_id)) for job_id in ids]
    engine.dispose()
    return gaps


def embedded(scenario: Scenario, limit: float, tmp: Path) -> dict[str, list[float]]:
    """One alone, then two together, on one embedded job runner."""
    url = f"sqlite:///{tmp / 'busy.db'}"
    upgrade(url)
    engine = make_engine(url)
    backend = make_backend(Settings(database_url=url), engine)
    try:
        return {
            n: run_jobs(url, backend, scenario, k, limit) for n, k in (("alone", 1), ("two", 2))
        }
    finally:
        backend.shutdown()
        engine.dispose()


def distributed(scenario: Scenario, limit: float, tmp: Path, base: str) -> dict[str, list[float]]:
    """One alone, then two together, on one worker process of default concurrency."""
    with scratch_database(base, "busy_solves") as url:
        settings = Settings(database_url=url, mode="distributed")
        engine = make_engine(url)
        backend = make_backend(settings, engine)
        backend.prepare()
        try:
            with workers(url, 1, tmp):
                return {
                    n: run_jobs(url, backend, scenario, k, limit)
                    for n, k in (("alone", 1), ("two", 2))
                }
        finally:
            engine.dispose()


def main() -> None:
    """Run and print one Markdown row per mode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--modes", nargs="+", default=["embedded", "distributed"])
    args = parser.parse_args()
    scenario = generate_scenario("city", args.seed)
    when = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    print(f"{when}, {os.cpu_count()} CPUs, city seed {args.seed}, limit {args.limit:g} s")
    print("| mode | alone: gap | two together: gaps | worst − alone | load (1 min) |")
    print("| --- | ---: | --- | ---: | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for mode in args.modes:
            before = os.getloadavg()[0]
            started = time.monotonic()
            if mode == "embedded":
                found = embedded(scenario, args.limit, Path(tmp))
            else:
                base = os.environ.get("TRAINSCHED_TEST_POSTGRES_URL")
                if not base:
                    sys.exit("set TRAINSCHED_TEST_POSTGRES_URL for distributed mode")
                found = distributed(scenario, args.limit, Path(tmp), base)
            alone, two = found["alone"][0], found["two"]
            load = f"{before:.2f}→{os.getloadavg()[0]:.2f}"
            print(
                f"| {mode} | {alone:.2f} % | {', '.join(f'{g:.2f} %' for g in two)} "
                f"| {max(two) - alone:+.2f} | {load} ({time.monotonic() - started:.0f} s) |",
                flush=True,
            )


if __name__ == "__main__":
    main()
