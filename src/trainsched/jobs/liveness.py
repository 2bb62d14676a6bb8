"""What keeps a running job's row truthful: its solving time, its heartbeat, its best plan so far.

The process running a job writes all three; readers in any process take them as stored.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from trainsched.formats import FormatError, Plan, Scenario, parse_plan
from trainsched.store import joblife, repo
from trainsched.store.db import session_scope
from trainsched.store.mapper import scenario_from_row
from trainsched.store.tables import JobState

log = logging.getLogger(__name__)

# Stores a checked plan in the session: on the job by default, on a part of it for split jobs.
Keep = Callable[[Session, Plan], object]


class SolveClock:
    """Seconds a job has been solved: what earlier runs stored, plus this run's own time."""

    def __init__(self, before_s: float = 0.0) -> None:
        self._before = before_s
        self._started = time.monotonic()

    def elapsed(self) -> float:
        """The job's solving time so far (downtime between runs is not in it)."""
        return self._before + time.monotonic() - self._started


class Heartbeat:
    """While open, vouches every ``every_s`` that the job is being worked on, for ``alive_s``.

    With a clock it also writes the job's solving time; parts of a split job beat without one
    (their job's time is theirs side by side, written with their progress).
    """

    def __init__(
        self,
        engine: Engine,
        job_id: str,
        *,
        every_s: float,
        alive_s: float,
        clock: SolveClock | None = None,
    ) -> None:
        self._engine = engine
        self._job_id = job_id
        self._every = every_s
        self._alive = alive_s
        self._clock = clock
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"beat-{job_id[:8]}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(self._every):
            elapsed = None if self._clock is None else self._clock.elapsed()
            try:
                with session_scope(self._engine) as session:
                    if not joblife.beat(session, self._job_id, self._alive, elapsed):
                        return
            except OperationalError as exc:
                # A missed beat only makes the job look stalled for a while: keep beating.
                log.warning("heartbeat of job %s not stored: %s", self._job_id, exc)


class CheckpointKeeper:
    """Checks the solver's best plans and keeps each good one on the job (a ``PlanSink``).

    The check runs on a thread of its own, so the search does not wait for it; a plan that
    arrives while one is checked replaces any plan still waiting (only the newest matters).
    """

    def __init__(
        self, engine: Engine, job_id: str, scenario: Scenario, keep: Keep | None = None
    ) -> None:
        self._engine = engine
        self._job_id = job_id
        self._scenario = scenario
        self._store = keep or (lambda session, plan: joblife.keep_checkpoint(session, job_id, plan))
        self._waiting: Plan | None = None
        self._ready = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=f"ckpt-{job_id[:8]}", daemon=True)
        self._thread.start()

    def __call__(self, plan: Plan, /) -> None:
        with self._ready:
            self._waiting = plan
            self._ready.notify()

    def close(self) -> None:
        """Stop keeping checkpoints (the outcome is about to be stored)."""
        with self._ready:
            self._closed = True
            self._ready.notify()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._ready:
                while self._waiting is None and not self._closed:
                    self._ready.wait()
                if self._closed:
                    return
                plan, self._waiting = self._waiting, None
            if plan is not None:
                self._keep(plan)

    def _keep(self, plan: Plan) -> None:
        from trainsched.checker import check_plan

        broken = check_plan(self._scenario, plan)
        if broken:
            log.warning("job %s: a checkpoint broke rules, not kept: %s", self._job_id, broken[0])
            return
        try:
            with session_scope(self._engine) as session:
                self._store(session, plan)
        except OperationalError as exc:
            log.warning("checkpoint of job %s not stored: %s", self._job_id, exc)


def checked_checkpoint(scenario: Scenario, document: str | None, job_id: str) -> Plan | None:
    """A kept checkpoint when it is readable and keeps every rule of the scenario."""
    from trainsched.checker import check_plan

    if document is None:
        return None
    try:
        plan = parse_plan(document)
    except FormatError as exc:
        log.warning("job %s: checkpoint unreadable, not offered: %s", job_id, exc)
        return None
    if check_plan(scenario, plan):
        log.warning("job %s: checkpoint broke rules, not offered", job_id)
        return None
    return plan


def end_unattended(session: Session, job_id: str, state: JobState, error: str | None) -> bool:
    """End a job nobody runs any more; its checked checkpoint, if good, becomes its plan.

    False (and nothing changed) when the job ended already.
    """
    job = joblife.live_job(session, job_id)
    if job is None:
        return False
    scenario_row = repo.get_scenario(session, job.scenario_id)
    plan = None
    if scenario_row is not None and job.checkpoint is not None:
        plan = checked_checkpoint(scenario_from_row(scenario_row), job.checkpoint, job_id)
    plan_id = None
    if plan is not None:
        job.value, job.bound = job.checkpoint_value, job.checkpoint_bound
        plan_id = repo.add_plan(session, job.scenario_id, plan, solve_job_id=job_id).id
        log.info("job %s ended %s with its checkpoint as plan %s", job_id, state, plan_id)
    repo.finish_job(session, job_id, state, plan_id=plan_id, error=error)
    return True
