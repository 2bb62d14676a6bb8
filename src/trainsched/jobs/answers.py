"""Jobs that answer a question about a plan (its levers) instead of making one.

The same job control as solves (one row, queue, heartbeat, progress, cancel); the answer is
kept as JSON in the job's ``result``, so every later reader gets it from the store.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import Engine

from trainsched.jobs import control
from trainsched.jobs.liveness import Heartbeat, SolveClock
from trainsched.jobs.work import Beat, Work
from trainsched.solver import Lever, Progress, change_json, find_levers
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.tables import JobState

log = logging.getLogger(__name__)

ANSWER_KINDS = ("levers",)


def lever_json(lever: Lever) -> dict[str, Any]:
    """A lever as the API answers it (the message in both languages until the edge)."""
    return {
        "cohort": lever.cohort,
        "kind": lever.kind,
        "change": {"changes": [change_json(ch) for ch in lever.changes]},
        "places": list(lever.places),
        "value_gain": lever.value_gain,
        "message": lever.message.as_json(),
    }


def answer(engine: Engine, work: Work, stop: control.JobStop, beat: Beat) -> None:
    """Compute the job's answer about its plan, keep it with the job and close the job."""
    if work.previous is None:
        _close(engine, work.job_id, "failed", None, "the plan to answer about is gone")
        return
    clock = SolveClock(work.solved_s)
    sink = control.ThrottledProgress(engine, work.job_id, clock)

    def progress(done: int, total: int) -> None:
        # Classes looked at so far, out of all: the "value" and "bound" a watcher follows.
        sink(Progress(clock.elapsed(), done, total, "levers"))

    with Heartbeat(engine, work.job_id, every_s=beat.every_s, alive_s=beat.alive_s, clock=clock):
        levers = find_levers(work.scenario, work.previous, on_progress=progress, stop=stop)
    result = json.dumps({"levers": [lever_json(lv) for lv in levers]}, ensure_ascii=False)
    asked = stop.is_set()
    _close(engine, work.job_id, "cancelled" if asked else "succeeded", result, None)
    log.info("job %s found %d levers", work.job_id, len(levers))


def _close(
    engine: Engine, job_id: str, state: JobState, result: str | None, error: str | None
) -> None:
    with session_scope(engine) as session:
        job = control.locked_job(session, job_id)
        if job is not None and result is not None and state == "succeeded":
            job.result = result
            session.add(job)
        repo.finish_job(session, job_id, state, error=error, unless_ended=True)
