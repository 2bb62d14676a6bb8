"""One solve job's work, the same in both modes: load it, solve it whole, record the outcome."""

from __future__ import annotations

import dataclasses
import logging

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from trainsched.formats import Plan, Scenario
from trainsched.jobs import control
from trainsched.jobs.liveness import CheckpointKeeper, Heartbeat, SolveClock, checked_checkpoint
from trainsched.solver import Progress, SolveOptions, solve
from trainsched.store import joblife, repo
from trainsched.store.db import session_scope
from trainsched.store.mapper import job_options, plan_from_row, scenario_from_row
from trainsched.store.tables import FINAL_JOB_STATES, JobState, PlanRow

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Beat:
    """How often a running job says it is alive, and how long each word holds."""

    every_s: float = 2.0
    alive_s: float = 6.0


@dataclasses.dataclass(frozen=True)
class Work:
    """A job's scenario, options and previous plan, loaded before solving.

    ``checkpoint`` is the best checked plan an earlier, lost run kept; ``solved_s`` the time
    earlier runs spent on the job.
    """

    job_id: str
    scenario_id: str
    scenario: Scenario
    options: SolveOptions
    previous: Plan | None
    cancel_requested: bool
    checkpoint: Plan | None = None
    solved_s: float = 0.0
    kind: str = "solve"  # a solve, or an answer about ``previous`` (jobs/answers.py)

    @property
    def start_from(self) -> Plan | None:
        """The plan the solve starts from: the coordinator's previous plan, else a checkpoint."""
        return self.previous if self.previous is not None else self.checkpoint


def load(
    engine: Engine,
    job_id: str,
    *,
    resume: bool,
    beat: Beat | None = None,
    threads: int | None = None,
) -> Work | None:
    """The job's work, or None when there is nothing to do; the job becomes running here.

    ``threads`` is the most CP-SAT threads this process grants a solve (its share of the CPUs):
    a job asking for more gets that many, so solves side by side never oversubscribe.

    ``resume`` also takes a job already running: a queue hands a job again to another worker
    when the one running it was lost. Raises FormatError when the stored scenario is unreadable.
    """
    with session_scope(engine) as session:
        job = control.locked_job(session, job_id)
        if job is None or job.state in FINAL_JOB_STATES:
            return None
        if job.state != "queued" and not resume:
            return None
        scenario_row = repo.get_scenario(session, job.scenario_id)
        if scenario_row is None:
            return None
        previous = None
        if job.previous_plan_id is not None:
            row = repo.get_plan(session, job.previous_plan_id)
            previous = plan_from_row(row) if row is not None else None
        scenario = scenario_from_row(scenario_row)
        joblife.take_up(session, job_id, (beat or Beat()).alive_s)
        return Work(
            job_id,
            job.scenario_id,
            scenario,
            _granted(job_options(job), threads),
            previous,
            job.cancel_requested_at is not None,
            checked_checkpoint(scenario, job.checkpoint, job_id),
            job.elapsed_s,
            job.kind,
        )


def _granted(options: SolveOptions, threads: int | None) -> SolveOptions:
    if threads is None or options.workers <= threads:
        return options
    return dataclasses.replace(options, workers=threads)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What a solve delivered: its plan, its last progress, whether this process stopped it."""

    plan: Plan
    final: Progress
    stopped_here: bool = False


def solve_whole(
    engine: Engine, work: Work, stop: control.JobStop, beat: Beat | None = None
) -> Outcome:
    """Solve the job's whole scenario: its progress, heartbeat and best plan go to the store."""
    beat = beat or Beat()
    clock = SolveClock(work.solved_s)
    keeper = CheckpointKeeper(engine, work.job_id, work.scenario)
    try:
        with Heartbeat(
            engine, work.job_id, every_s=beat.every_s, alive_s=beat.alive_s, clock=clock
        ):
            result = solve(
                work.scenario,
                work.options,
                previous=work.start_from,
                on_progress=control.ThrottledProgress(engine, work.job_id, clock),
                stop=stop,
                on_plan=keeper,
            )
    finally:
        keeper.close()
    final = Progress(clock.elapsed(), result.value, result.bound, "done")
    return Outcome(result.plan, final, stopped_here=stop.local.is_set())


def store_plan_once(session: Session, job_id: str, scenario_id: str, plan: Plan) -> str:
    """Store the job's plan unless an earlier attempt already did; returns the plan id."""
    control.locked_job(session, job_id)
    query = select(PlanRow.id).where(col(PlanRow.solve_job_id) == job_id)
    existing = session.exec(query).first()
    if existing is not None:
        log.info("job %s already stored plan %s: keeping it", job_id, existing)
        return existing
    return repo.add_plan(session, scenario_id, plan, solve_job_id=job_id).id


def record_outcome(
    session: Session, work: Work, outcome: Outcome, *, interrupted: bool = False
) -> str:
    """Keep the job's last progress and its plan (once), and close it; returns the plan id.

    The job ends interrupted when the server shut down under it, cancelled when anyone asked it
    to stop, otherwise succeeded (a solve its deadline stopped still delivers its plan). A job a
    cancel or an earlier attempt closed already stays as it is.
    """
    job = control.locked_job(session, work.job_id)
    # The throttle may have skipped the last report: the outcome must be exact.
    repo.update_job_progress(session, work.job_id, outcome.final)
    plan_id = store_plan_once(session, work.job_id, work.scenario_id, outcome.plan)
    asked = outcome.stopped_here or (job is not None and job.cancel_requested_at is not None)
    state: JobState = "interrupted" if interrupted else "cancelled" if asked else "succeeded"
    repo.finish_job(session, work.job_id, state, plan_id=plan_id, unless_ended=True)
    return plan_id
