"""Time the coordinator pages on the demo city: server time per page, median over repeats."""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

FINAL = ("succeeded", "failed", "cancelled", "interrupted")


class ServerTimer:
    """ASGI wrapper recording the time the app spends on each request (no client overhead)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.last = 0.0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        started = time.perf_counter()
        await self.app(scope, receive, send)
        self.last = time.perf_counter() - started


def _median_ms(
    client: Any, timer: ServerTimer, method: str, url: str, repeats: int, **kw: Any
) -> tuple[float, int]:
    return _timed(client, timer, method, url, repeats, **kw)[:2]


def _timed(
    client: Any, timer: ServerTimer, method: str, url: str, repeats: int, **kw: Any
) -> tuple[float, int, float]:
    """Median server ms, last HTTP status, p90 server ms over ``repeats`` requests."""
    times = []
    status = 0
    for _ in range(repeats):
        answer = client.request(method, url, **kw)
        times.append(timer.last)
        status = answer.status_code
    times.sort()
    p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
    return statistics.median(times) * 1000, status, p90 * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--time-limit", type=float, default=10.0)
    args = parser.parse_args()
    os.environ["TRAINSCHED_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    from fastapi.testclient import TestClient

    from trainsched.checker import check_plan
    from trainsched.formats import Plan, parse_scenario
    from trainsched.resources import fixture_path
    from trainsched.server.app import create_app
    from trainsched.server.run import add_coordinator_cli
    from trainsched.settings import Settings

    settings = Settings()
    token = add_coordinator_cli(settings, "bench")
    auth = {"Authorization": f"Bearer {token}"}
    doc = json.loads(Path(fixture_path("demo-city.json")).read_text("utf-8"))
    timer = ServerTimer(create_app(settings))
    with TestClient(timer) as c:
        c.post("/login", data={"name": "bench", "token": token}, follow_redirects=False)
        sid = c.post("/api/v1/scenarios", json=doc, headers=auth).json()["id"]
        body = {"time_limit_s": args.time_limit}
        job = c.post(f"/api/v1/scenarios/{sid}/solve", json=body, headers=auth).json()["id"]
        state = c.get(f"/api/v1/jobs/{job}", headers=auth).json()
        while state["state"] not in FINAL:
            time.sleep(0.5)
            state = c.get(f"/api/v1/jobs/{job}", headers=auth).json()
        if state["state"] != "succeeded" or state["plan_id"] is None:
            raise SystemExit(f"the demo solve ended {state['state']}: {state['error']}")
        plan_id = state["plan_id"]
        plan = Plan.model_validate(c.get(f"/api/v1/plans/{plan_id}", headers=auth).json())
        violations = check_plan(parse_scenario(doc), plan)
        print(f"plan {plan_id}: {len(plan.cohorts)} classes, checker violations: {len(violations)}")
        desk = c.get("/coordinator").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', desk)
        assert csrf is not None
        first_ms, _ = _median_ms(c, timer, "GET", f"/coordinator/plans/{plan_id}", 1)
        print(f"plan page, first request of the process (templates compiled): {first_ms:.0f} ms")
        # Publishing changes what the page shows: the next request builds its view again.
        publish = f"/coordinator/plans/{plan_id}/publish"
        etag = c.get(f"/api/v1/plans/{plan_id}/summary", headers=auth).headers["etag"]
        form = {"csrf": csrf.group(1), "etag": etag}
        c.post(publish, data=form, follow_redirects=False)
        rebuilt_ms, _ = _median_ms(c, timer, "GET", f"/coordinator/plans/{plan_id}", 1)
        print(f"plan page, view rebuilt after publishing: {rebuilt_ms:.0f} ms")
        pages: list[tuple[str, str, str, dict[str, Any]]] = [
            ("front page (for comparison)", "GET", "/", {}),
            ("desk", "GET", "/coordinator", {}),
            ("scenario overview", "GET", f"/coordinator/scenarios/{sid}", {}),
            ("job page", "GET", f"/coordinator/jobs/{job}", {}),
            ("plan page", "GET", f"/coordinator/plans/{plan_id}", {}),
            ("plan page (English)", "GET", f"/coordinator/plans/{plan_id}?lang=en", {}),
        ]
        for name, method, url, kw in pages:
            ms, status, p90 = _timed(c, timer, method, url, args.repeats, **kw)
            print(f"{name}: median {ms:.1f} ms, p90 {p90:.1f} ms (HTTP {status})")
        c.get("/coordinator?lang=zh")
        form = {
            "csrf": csrf.group(1),
            "course": doc["cohorts"][0]["course"],
            "region": doc["cohorts"][0]["region"],
            "group": "graduate",
            "trainees": "20",
            "earliest": doc["horizon"]["start"],
            "latest_end": doc["horizon"]["end"],
        }
        ms, status, p90 = _timed(
            c,
            timer,
            "POST",
            f"/coordinator/plans/{plan_id}/options",
            max(3, args.repeats // 4),
            data=form,
        )
        print(f"options for one more class: median {ms:.1f} ms, p90 {p90:.1f} ms (HTTP {status})")


if __name__ == "__main__":
    main()
