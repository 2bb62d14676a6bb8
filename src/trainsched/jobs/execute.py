"""The work of queued solve jobs: a whole solve, or parts solved apart and merged."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from trainsched.formats import FormatError, parse_plan
from trainsched.jobs import answers, control, merge
from trainsched.jobs.guard import SolveStuckError, run_with_deadline
from trainsched.jobs.liveness import CheckpointKeeper, Heartbeat, checked_checkpoint
from trainsched.jobs.logs import job_context
from trainsched.jobs.split import Part, part_scenario, plan_parts
from trainsched.jobs.work import Beat, Outcome, Work, load, record_outcome, solve_whole
from trainsched.solver import Progress, solve
from trainsched.store import joblife, repo
from trainsched.store.db import session_scope
from trainsched.store.tables import JobState, SolvePartRow

log = logging.getLogger(__name__)
T = TypeVar("T")

Defer = Callable[[Session, str, dict[str, object]], None]


@dataclasses.dataclass(frozen=True)
class Context:
    """What job work needs: the store, how to queue more work, and its limits."""

    engine: Engine
    defer: Defer  # queues a task in the session's own transaction
    grace_s: float = 10.0
    split_min_cohorts: int = 40
    beat: Beat = dataclasses.field(default_factory=Beat)
    threads: int | None = None  # the most CP-SAT threads one solve here may use

    def heartbeat(self, job_id: str) -> Heartbeat:
        """Vouches that a part or merge of the job is being worked on (no solving time)."""
        return Heartbeat(self.engine, job_id, every_s=self.beat.every_s, alive_s=self.beat.alive_s)


def run_job(ctx: Context, job_id: str) -> None:
    """Solve a job whole, or split it into parts queued as jobs of their own."""
    with job_context(job_id):
        try:
            # A queue hands a job out again when its worker was lost: take it up where it was.
            work = load(ctx.engine, job_id, resume=True, beat=ctx.beat, threads=ctx.threads)
        except FormatError as exc:
            fail(ctx, job_id, str(exc))
            return
        if work is None:
            log.info("job %s ended already: nothing to do", job_id)
            return
        if work.cancel_requested and _never_started(ctx, job_id):
            _finish(ctx, job_id, "cancelled", error=control.CANCELLED_BEFORE_START)
            return
        if work.kind in answers.ANSWER_KINDS:
            stop = control.JobStop(ctx.engine, job_id, deadline_s=None)
            answers.answer(ctx.engine, work, stop, ctx.beat)
            return
        parts = _parts(ctx, work)
        if len(parts) > 1:
            _start_parts(ctx, work, parts)
            return
        _solve_whole(ctx, work)


def _never_started(ctx: Context, job_id: str) -> bool:
    with session_scope(ctx.engine) as session:
        job = repo.get_job(session, job_id)
        return job is not None and job.value in (None, 0)


def _parts(ctx: Context, work: Work) -> list[Part]:
    if len(work.scenario.cohorts) < ctx.split_min_cohorts:
        return []
    return plan_parts(work.scenario, work.options)


def _solve_whole(ctx: Context, work: Work) -> None:
    limit = work.options.time_limit_s
    stop = control.JobStop(ctx.engine, work.job_id, deadline_s=limit + ctx.grace_s)
    log.info("solving job %s whole (%d classes)", work.job_id, len(work.scenario.cohorts))
    outcome = _guarded(
        ctx,
        work.job_id,
        lambda: solve_whole(ctx.engine, work, stop, ctx.beat),
        hard_deadline(limit, ctx.grace_s),
    )
    with session_scope(ctx.engine) as session:
        plan_id = record_outcome(session, work, outcome)
    log.info("job %s stored plan %s (value %d)", work.job_id, plan_id, outcome.final.value)


def hard_deadline(limit_s: float, grace_s: float) -> float:
    """Seconds after which a solve that was told to stop, and did not, is given up."""
    # Model building and the visits run outside CP-SAT's own clock and slow down on a busy
    # machine; only a solve far past any honest overrun counts as stuck.
    return 2 * (limit_s + grace_s) + 60


def _guarded(ctx: Context, job_id: str, work: Callable[[], T], deadline_s: float) -> T:
    try:
        return run_with_deadline(work, deadline_s)
    except SolveStuckError as exc:
        _finish(ctx, job_id, "failed", error=f"stopped: {exc} (far past its time limit)")
        raise


def _start_parts(ctx: Context, work: Work, parts: list[Part]) -> None:
    with session_scope(ctx.engine) as session:
        control.locked_job(session, work.job_id)
        known = select(SolvePartRow.id).where(col(SolvePartRow.job_id) == work.job_id)
        if session.exec(known).first() is not None:
            return  # an earlier attempt split it; its parts are queued already
        for index, part in enumerate(parts):
            session.add(
                SolvePartRow(
                    job_id=work.job_id,
                    index=index,
                    cohort_ids=part.cohort_ids,
                    time_limit_s=part.time_limit_s,
                )
            )
        session.flush()
        for index in range(len(parts)):
            ctx.defer(session, "solve_part", {"job_id": work.job_id, "index": index})
    sizes = [len(p.cohort_ids) for p in parts]
    log.info("job %s split into %d parts of %s classes", work.job_id, len(parts), sizes)


def run_part(ctx: Context, job_id: str, index: int) -> None:
    """Solve one part of a split job; the last part to finish queues the merge."""
    with job_context(job_id):
        work = load(ctx.engine, job_id, resume=True, beat=ctx.beat, threads=ctx.threads)
        part = _part(ctx.engine, job_id, index)
        if work is None or part is None or part.done:
            return
        scenario = part_scenario(work.scenario, part.cohort_ids)
        options = dataclasses.replace(work.options, time_limit_s=part.time_limit_s)
        stop = control.JobStop(ctx.engine, job_id, deadline_s=part.time_limit_s + ctx.grace_s)
        sink = merge.PartProgress(ctx.engine, job_id, index)
        log.info("solving part %d of job %s (%d classes)", index, job_id, len(part.cohort_ids))
        # A part lost with its worker goes on from its best checked plan so far.
        kept = checked_checkpoint(scenario, part.checkpoint, job_id)
        start_from = work.previous if work.previous is not None else kept
        if kept is not None:
            log.info("part %d of job %s goes on from its checkpoint", index, job_id)
        keeper = CheckpointKeeper(
            ctx.engine,
            job_id,
            scenario,
            keep=lambda session, plan: joblife.keep_part_checkpoint(session, job_id, index, plan),
        )
        started = time.monotonic()
        try:
            with ctx.heartbeat(job_id):
                result = _guarded(
                    ctx,
                    job_id,
                    # The previous plan's other classes are not in this part: the solver skips them.
                    lambda: solve(
                        scenario,
                        options,
                        previous=start_from,
                        on_progress=sink,
                        stop=stop,
                        on_plan=keeper,
                    ),
                    hard_deadline(part.time_limit_s, ctx.grace_s),
                )
        finally:
            keeper.close()
        with session_scope(ctx.engine) as session:
            if merge.store_part(session, job_id, index, result, time.monotonic() - started):
                ctx.defer(session, "merge_job", {"job_id": job_id})
                log.info("job %s: every part solved, merge queued", job_id)


def _part(engine: Engine, job_id: str, index: int) -> SolvePartRow | None:
    with session_scope(engine) as session:
        query = select(SolvePartRow).where(
            col(SolvePartRow.job_id) == job_id, col(SolvePartRow.index) == index
        )
        return session.exec(query).one_or_none()


def run_merge(ctx: Context, job_id: str) -> None:
    """Merge the parts' classes, place the visits, check and store the one plan of the job."""
    with job_context(job_id):
        work = load(ctx.engine, job_id, resume=True, beat=ctx.beat, threads=ctx.threads)
        if work is None:
            return
        with session_scope(ctx.engine) as session:
            rows = merge.part_rows(session, job_id)
        if not rows or not all(r.done and r.document for r in rows):
            log.warning("job %s: merge asked before every part was solved", job_id)
            return
        plans = [parse_plan(r.document or "") for r in rows]
        stop = control.JobStop(ctx.engine, job_id, deadline_s=None)
        began = time.monotonic()
        with ctx.heartbeat(job_id):
            result = merge.merged_result(work.scenario, work.options, plans, stop, work.previous)
        problems = merge.violations(work.scenario, result.plan)
        if problems:
            _finish(ctx, job_id, "failed", error="merged plan broke rules: " + problems)
            return
        with session_scope(ctx.engine) as session:
            # Its parts ran side by side: the longest part, then the merge.
            elapsed = merge.job_elapsed(session, job_id) + time.monotonic() - began
            final = Progress(elapsed, result.value, result.bound, "done")
            plan_id = record_outcome(session, work, Outcome(result.plan, final))
        log.info("job %s merged %d parts into plan %s", job_id, len(plans), plan_id)


def fail(ctx: Context, job_id: str, error: str) -> None:
    """Mark a job failed (unless it ended already), for errors no step expected."""
    _finish(ctx, job_id, "failed", error=error)


def _finish(ctx: Context, job_id: str, state: JobState, *, error: str) -> None:
    with session_scope(ctx.engine) as session:
        repo.finish_job(session, job_id, state, error=error, unless_ended=True)
