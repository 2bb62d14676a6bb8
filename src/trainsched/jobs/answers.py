"""Jobs that answer a question about a plan (its levers, its money curve) instead of making one.

The same job control as solves (one row, queue, heartbeat, progress, cancel); the answer is
kept as JSON in the job's ``result``, so every later reader gets it from the store.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from trainsched.formats import Plan, Scenario
from trainsched.jobs import control
from trainsched.jobs.liveness import Heartbeat, SolveClock
from trainsched.jobs.work import Beat, Work
from trainsched.solver import (
    Lever,
    MoneyCurve,
    Progress,
    SolveOptions,
    StopFlag,
    change_json,
    find_levers,
    money_curves,
    trainer_values,
)
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.tables import JobState

log = logging.getLogger(__name__)

ANSWER_KINDS = ("levers", "money")
Progressed = Callable[[int, int], None]


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


def curve_json(curve: MoneyCurve) -> dict[str, Any]:
    """A money curve as it is kept: its fund (None: the whole budget), name and points."""
    return {
        "fund": curve.fund,
        "name": curve.name.as_json(),
        "points": [
            {"step": p.step, "amount": p.amount, "value": p.value, "trainees": p.trainees}
            for p in curve.points
        ],
    }


def _levers(scenario: Scenario, plan: Plan, _: SolveOptions, progress: Progressed,
            stop: StopFlag) -> dict[str, Any]:  # fmt: skip
    levers = find_levers(scenario, plan, on_progress=progress, stop=stop)
    return {"levers": [lever_json(lv) for lv in levers]}


def _money(scenario: Scenario, plan: Plan, options: SolveOptions, progress: Progressed,
           stop: StopFlag) -> dict[str, Any]:  # fmt: skip
    """Money curves, then one more trainer per course and district (progress over both)."""
    n_curves = len(scenario.funds) + 1
    curves = money_curves(scenario, plan, options, on_progress=progress, stop=stop)

    def trainers_progress(done: int, total: int) -> None:
        progress(n_curves + done, n_curves + total)

    ranked = trainer_values(scenario, plan, options, on_progress=trainers_progress, stop=stop)
    return {
        "curves": [curve_json(c) for c in curves],
        "trainers": [dataclasses.asdict(t) for t in ranked],
    }


_ANSWERS = {"levers": _levers, "money": _money}


def answer(engine: Engine, work: Work, stop: control.JobStop, beat: Beat) -> None:
    """Compute the job's answer about its plan, keep it with the job and close the job."""
    if work.previous is None:
        _close(engine, work.job_id, "failed", None, "the plan to answer about is gone")
        return
    clock = SolveClock(work.solved_s)
    sink = control.ThrottledProgress(engine, work.job_id, clock)

    def progress(done: int, total: int) -> None:
        # Steps done so far (classes, curves), out of all: the "value" and "bound" followed.
        sink(Progress(clock.elapsed(), done, total, work.kind))

    compute = _ANSWERS[work.kind]
    with Heartbeat(engine, work.job_id, every_s=beat.every_s, alive_s=beat.alive_s, clock=clock):
        found = compute(work.scenario, work.previous, work.options, progress, stop)
    result = json.dumps(found, ensure_ascii=False)
    asked = stop.is_set()
    _close(engine, work.job_id, "cancelled" if asked else "succeeded", result, None)
    log.info("job %s (%s) answered", work.job_id, work.kind)


def _close(
    engine: Engine, job_id: str, state: JobState, result: str | None, error: str | None
) -> None:
    with session_scope(engine) as session:
        job = control.locked_job(session, job_id)
        if job is not None and result is not None and state == "succeeded":
            job.result = result
            session.add(job)
        repo.finish_job(session, job_id, state, error=error, unless_ended=True)
