"""Time what signing in costs each request: a bearer API call, a session page, a refusal.

Every authenticated request now reads the store for its rate limit and its credential (no
per-process cache, so a rotation holds everywhere at once); this measures that cost.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_coordinator_pages import ServerTimer, _timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    os.environ["TRAINSCHED_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    from fastapi.testclient import TestClient

    from trainsched.server.app import create_app
    from trainsched.server.run import add_coordinator_cli
    from trainsched.settings import Settings

    # Refusals are what is timed here, not what the limit does to them.
    settings = Settings(auth_failures_per_client=10**9)
    token = add_coordinator_cli(settings, "bench")
    timer = ServerTimer(create_app(settings))
    with TestClient(timer) as c:
        c.post("/login", data={"name": "bench", "token": token}, follow_redirects=False)
        cases = [
            ("front page, no credentials (for comparison)", "/", {}),
            ("GET /api/v1/scenarios, bearer token", "/api/v1/scenarios", {"Bearer": token}),
            ("GET /api/v1/scenarios, refused token (401)", "/api/v1/scenarios", {"Bearer": "x"}),
            ("GET /coordinator, session cookie", "/coordinator", {}),
        ]
        for name, url, bearer in cases:
            headers = {"Authorization": f"Bearer {bearer['Bearer']}"} if bearer else {}
            ms, status, p90 = _timed(c, timer, "GET", url, args.repeats, headers=headers)
            print(f"{name}: median {ms:.1f} ms, p90 {p90:.1f} ms (HTTP {status})")


if __name__ == "__main__":
    main()
