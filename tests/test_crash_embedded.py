"""An embedded server killed mid-solve: the job keeps its best checked plan, and goes on from it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.crash_support import HttpApi, ServerProcess, checkpoint_value, city_doc, wait_until


def test_a_server_killed_mid_solve_leaves_the_job_interrupted_with_its_checkpointed_plan(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'trainsched.db'}"
    first = ServerProcess(url, tmp_path, "first")
    token = HttpApi.token(url)
    api = HttpApi(first.base, token)
    doc = city_doc()
    scenario = api.post("/scenarios", doc)
    job = api.post(f"/scenarios/{scenario['id']}/solve", {"time_limit_s": 90})
    job_id = job["id"]
    wait_until(lambda: checkpoint_value(url, job_id), 90, "a checkpoint is kept")
    while_running = api.get(f"/jobs/{job_id}")
    assert while_running["state"] == "running" and while_running["plan_id"] is None
    first.kill()
    api.close()

    second = ServerProcess(url, tmp_path, "second")
    api = HttpApi(second.base, token)
    try:
        ended = api.get(f"/jobs/{job_id}")
        assert ended["state"] == "interrupted" and ended["plan_id"] is not None
        # The solving time is what the store says: no reader adds the downtime to it.
        assert api.get(f"/jobs/{job_id}")["elapsed_s"] == ended["elapsed_s"]
        plan = api.get(f"/plans/{ended['plan_id']}")
        assert plan["objective"] == ended["value"] > 0
        (tmp_path / "scenario.json").write_text(json.dumps(doc), encoding="utf-8")
        (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
        check = [sys.executable, "-m", "trainsched", "check", "scenario.json", "plan.json"]
        done = subprocess.run(check, cwd=tmp_path, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        # A restart goes on from the kept plan.
        again = api.post(f"/jobs/{job_id}/restart", None)
        assert again["previous_plan_id"] == ended["plan_id"]
        api.client.post(f"/jobs/{again['id']}/cancel")
    finally:
        api.close()
        second.stop()
