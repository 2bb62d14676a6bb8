"""Benchmark calendar feeds: the busiest person's diary on the demo city, built and cached.

Solves the demo city (cohorts with CP-SAT, visits with the visit solver), publishes
the plan into a feed history, picks the person whose diary has the most events,
then measures:

- a build from scratch (``build_feed``): median and p90 of N builds, in ms;
- serving it from the ``Memo`` feeds are kept in: calls per second on one thread;
- with ``--http``: the same feed through the API (uvicorn, one process) by its
  token, requests per second measured by ``wrk`` (8 connections) when installed.

    python benchmarks/bench_feeds.py [--solve-seconds 20] [--builds 50] [--cache-seconds 3] [--http]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from trainsched.feeds import (
    FeedBuild,
    FeedSubject,
    advance_for_plan,
    build_feed,
    events_for,
)
from trainsched.feeds.subjects import resolve
from trainsched.formats import Plan, Scenario, load_scenario
from trainsched.memo import Memo
from trainsched.resources import fixture_path
from trainsched.solver import SolveOptions, solve, teaching_days
from trainsched.solver.visits import solve_visits
from trainsched.workcal import scenario_calendar

BASE = "https://px.example.cn"


def demo_plan(scenario: Scenario, seconds: float) -> Plan:
    """The demo city's plan: cohorts first, then visits around the teaching days."""
    options = SolveOptions(time_limit_s=seconds, workers=2)
    plan = solve(scenario, options).plan
    visits = solve_visits(scenario, scenario_calendar(scenario), teaching_days(plan), options)
    return plan.model_copy(
        update={"visits": visits.visits, "unscheduled_visits": visits.unscheduled}
    )


def busiest(scenario: Scenario, plan: Plan) -> tuple[FeedSubject, int]:
    """The person (trainer, or mentor who is no trainer) whose diary has the most events."""
    people = [FeedSubject.trainer(t.id) for t in scenario.trainers]
    people += [FeedSubject.mentor(m.id) for m in scenario.mentors if m.trainer is None]
    sized = [(len(events_for(scenario, plan, resolve(scenario, p).keys)), p) for p in people]
    count, person = max(sized, key=lambda x: x[0])
    return person, count


def http_rate(
    scenario: Scenario, plan: Plan, person: FeedSubject, seconds: float
) -> dict[str, object]:
    """Requests per second for the person's token feed through the API, by ``wrk``."""
    from trainsched.store import repo
    from trainsched.store.db import make_engine, session_scope
    from trainsched.store.migrate import upgrade

    if shutil.which("wrk") is None:
        return {"http": "wrk not installed"}
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        engine = make_engine(url)
        with session_scope(engine) as session:
            sid = repo.save_scenario(session, scenario).id
            repo.publish_plan(session, repo.add_plan(session, sid, plan).id)
            token = repo.issue_feed_token(session, person.kind, person.id, sid)  # type: ignore[arg-type]
        engine.dispose()
        port = 8769
        serve = (
            "import uvicorn; from trainsched.server import create_app; "
            "from trainsched.settings import Settings; "
            f"uvicorn.run(create_app(Settings(database_url={url!r})), port={port}, "
            "log_level='warning')"
        )
        server = subprocess.Popen([sys.executable, "-c", serve])
        try:
            feed = f"http://127.0.0.1:{port}/api/v1/feeds/{token}.ics"
            status = _wait_for(feed)
            if status != 200:
                return {"http": f"feed route answered {status}"}
            out = subprocess.run(
                ["wrk", "-t1", "-c8", f"-d{seconds:.0f}s", feed],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
        finally:
            server.terminate()
            server.wait()
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "http_req_per_s": round(float(rate.group(1))) if rate else None,
        "http_errors": int(errors.group(1)) if errors else 0,
    }


def _wait_for(url: str) -> int:
    for _ in range(100):
        try:
            with urllib.request.urlopen(url) as res:
                return int(res.status)
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            time.sleep(0.1)
    return 0


def cpu_model() -> str:
    """The CPU's model name where Linux tells it."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def main() -> None:
    """Run the benchmark and print one JSON result line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--solve-seconds", type=float, default=20.0)
    parser.add_argument("--builds", type=int, default=50)
    parser.add_argument("--cache-seconds", type=float, default=3.0)
    parser.add_argument("--http", action="store_true", help="also serve it through the API")
    args = parser.parse_args()

    scenario = load_scenario(fixture_path("demo-city.json"))
    plan = demo_plan(scenario, args.solve_seconds)
    now = dt.datetime.now(dt.UTC)
    history = advance_for_plan(None, scenario, plan, now)
    person, count = busiest(scenario, plan)

    def build() -> FeedBuild:
        return build_feed(scenario, plan, person, history=history, base_url=BASE, now=now)

    timings = []
    for _ in range(args.builds):
        started = time.perf_counter()
        feed = build()
        timings.append((time.perf_counter() - started) * 1000)
    cache: Memo[tuple[str, FeedSubject], FeedBuild] = Memo(1024)
    calls = 0
    deadline = time.perf_counter() + args.cache_seconds
    started = time.perf_counter()
    while time.perf_counter() < deadline:
        for _ in range(1000):
            cache.get_or_make(("plan", person), build)
        calls += 1000
    per_second = calls / (time.perf_counter() - started)

    result = {
        "date": dt.date.today().isoformat(),
        "machine": f"{cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "person": f"{person.kind}:{person.id}",
        "events": count,
        "cohorts": len(plan.cohorts),
        "visits": len(plan.visits),
        "feed_bytes": len(feed.body),
        "first_build_ms": round(timings[0], 1),
        "build_median_ms": round(statistics.median(timings), 1),
        "build_p90_ms": round(sorted(timings)[int(0.9 * (len(timings) - 1))], 1),
        "cache_calls_per_s": round(per_second),
    }
    if args.http:
        result.update(http_rate(scenario, plan, person, args.cache_seconds * 2))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
