"""Time the trainee, trainer and mentor pages on the demo city, as `serve --demo` publishes it.

Usage: python benchmarks/bench_pages.py [--repeats 50] [--demo-seconds 10]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import Counter

from fastapi.testclient import TestClient
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from trainsched.checker import check_plan
from trainsched.server.app import create_app
from trainsched.server.demo import prepare_demo
from trainsched.settings import Settings
from trainsched.store import repo
from trainsched.store.db import make_engine, session_scope
from trainsched.store.mapper import plan_from_row, scenario_from_row

TARGET_MS = 100.0


def pages(engine_url: str, scenario_id: str) -> dict[str, str]:
    """Page name → URL, with the busiest trainer's and mentor's private links issued."""
    engine = make_engine(engine_url)
    with session_scope(engine) as session:
        row = repo.published_plan(session, scenario_id)
        scenario_row = repo.get_scenario(session, scenario_id)
        assert row is not None and scenario_row is not None
        scenario, plan = scenario_from_row(scenario_row), plan_from_row(row)
        violations = check_plan(scenario, plan)
        assert violations == [], violations
        teaching = Counter(t for c in plan.cohorts for t in c.trainers for _ in c.days)
        visits = Counter(v.mentor for v in plan.visits)
        trainer = teaching.most_common(1)[0][0]
        mentor = visits.most_common(1)[0][0]
        trainer_token = repo.issue_feed_token(session, "trainer", trainer, scenario_id)
        mentor_token = repo.issue_feed_token(session, "mentor", mentor, scenario_id)
    engine.dispose()
    longest = max(plan.cohorts, key=lambda c: len(c.days))
    print(f"plan: {len(plan.cohorts)} classes, {len(plan.visits)} visits, checker: OK")
    print(f"busiest trainer {trainer} ({teaching[trainer]} days)")
    print(f"busiest mentor {mentor} ({visits[mentor]} visits)")
    return {
        "/classes (all, page 1)": "/classes",
        "/classes district+course": "/classes?district=R03&course=SYB",
        "/classes all filters": "/classes?district=R02&course=SYB&month=2027-04&group=hardship",
        "/classes empty → nearest": "/classes?district=R10&course=EYB&month=2027-02",
        "/classes English": "/classes?lang=en&group=migrant",
        "/classes/{sid}/{id}": f"/classes/{scenario_id}/{longest.id}",
        "/about": "/about",
        "/me/{token} trainer": f"/me/{trainer_token}",
        "/me/{token} mentor": f"/me/{mentor_token}",
        "/me/{token} unknown (404)": "/me/not-a-token",
    }


class ServerTimer:
    """ASGI wrapper: the app's own time per request, from receiving it to the last body byte."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.last_ms = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()

        async def timed_send(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.last_ms = (time.perf_counter() - started) * 1000

        await self.app(scope, receive, timed_send)


def timed(client: TestClient, timer: ServerTimer, url: str) -> tuple[float, float]:
    """Server and client milliseconds for one request, answered in full."""
    started = time.perf_counter()
    answer = client.get(url, headers={"accept-language": "zh-CN"})
    elapsed = (time.perf_counter() - started) * 1000
    assert answer.status_code in (200, 404), (url, answer.status_code)
    return timer.last_ms, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--demo-seconds", type=float, default=10.0)
    args = parser.parse_args()
    url = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    settings = Settings(database_url=url, demo_time_limit_s=args.demo_seconds, cpsat_workers=2)
    app = create_app(settings)
    timer = ServerTimer(app)
    with TestClient(app) as warm:
        # The lifespan migrates the store; the demo is then prepared as `serve --demo` does.
        demo = prepare_demo(app.state.engine, settings)
        urls = pages(url, demo.scenario_id)
        warm.get("/")
    with TestClient(timer) as client:  # type: ignore[arg-type]
        head = ("page (server time, ms)", "first", "median", "p90", "client")
        print(f"{head[0]:30} {head[1]:>7} {head[2]:>7} {head[3]:>7} {head[4]:>7}  target")
        for name, path in urls.items():
            first, _ = timed(client, timer, path)
            runs = [timed(client, timer, path) for _ in range(args.repeats)]
            times = sorted(server for server, _ in runs)
            client_median = statistics.median(c for _, c in runs)
            median = statistics.median(times)
            p90 = times[int(0.9 * (len(times) - 1))]
            verdict = "met" if median < TARGET_MS else "MISSED"
            print(
                f"{name:30} {first:7.1f} {median:7.1f} {p90:7.1f} {client_median:7.1f}  {verdict}"
            )


if __name__ == "__main__":
    main()
