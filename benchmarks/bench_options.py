"""Time the API's options-for-one-extra-class on the demo city (12 copies of its classes)."""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    os.environ["TRAINSCHED_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    from fastapi.testclient import TestClient

    from trainsched.resources import fixture_path
    from trainsched.server.app import create_app
    from trainsched.server.run import add_coordinator_cli
    from trainsched.settings import Settings

    settings = Settings()
    auth = {"Authorization": f"Bearer {add_coordinator_cli(settings, 'bench')}"}
    doc = json.loads(Path(fixture_path("demo-city.json")).read_text("utf-8"))
    with TestClient(create_app(settings)) as c:
        sid = c.post("/api/v1/scenarios", json=doc, headers=auth).json()["id"]
        body = {"time_limit_s": 10}
        job = c.post(f"/api/v1/scenarios/{sid}/solve", json=body, headers=auth).json()["id"]
        state = c.get(f"/api/v1/jobs/{job}", headers=auth).json()
        while state["state"] in ("queued", "running"):
            time.sleep(0.5)
            state = c.get(f"/api/v1/jobs/{job}", headers=auth).json()
        times = []
        for k, cohort in enumerate(doc["cohorts"][:12]):
            new = {**cohort, "id": f"NEW{k}"}
            new.pop("pinned", None)
            started = time.perf_counter()
            r = c.post(
                f"/api/v1/plans/{state['plan_id']}/options",
                json={"cohort": new, "limit": 3},
                headers=auth,
            )
            times.append(time.perf_counter() - started)
            print(f"{times[-1] * 1000:.0f} ms, {len(r.json().get('options', []))} options")
        print(f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
