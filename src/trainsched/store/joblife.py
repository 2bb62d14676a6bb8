"""A solve job's life in the store: taken up, kept alive, checkpointed, handed back to the queue.

The process running a job vouches for it until ``alive_until``; a reader past that instant
knows nobody is working on it. ``elapsed_s`` is written only by that process: the time spent
solving, the same for every reader, with no downtime in it.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from trainsched.formats import Plan
from trainsched.store.tables import FINAL_JOB_STATES, SolveJobRow, SolvePartRow, utcnow


def live_job(session: Session, job_id: str) -> SolveJobRow | None:
    """The job row, locked, unless it ended (or is gone)."""
    query = select(SolveJobRow).where(SolveJobRow.id == job_id).with_for_update()
    row = session.exec(query).one_or_none()
    return None if row is None or row.state in FINAL_JOB_STATES else row


def take_up(session: Session, job_id: str, alive_s: float) -> SolveJobRow | None:
    """A process starts (or resumes) the job: it is running, its past solving time kept."""
    row = live_job(session, job_id)
    if row is None:
        return None
    now = utcnow()
    row.state = "running"
    row.started_at = row.started_at or now
    row.heartbeat_at = now
    row.alive_until = now + dt.timedelta(seconds=alive_s)
    session.add(row)
    session.flush()
    return row


def beat(session: Session, job_id: str, alive_s: float, elapsed_s: float | None) -> bool:
    """The running process is still at work (and has solved ``elapsed_s`` so far, when given).

    False when the job ended meanwhile, so the heartbeat can stop.
    """
    row = live_job(session, job_id)
    if row is None:
        return False
    now = utcnow()
    # A queue may have handed the job out again too early: its running process says otherwise.
    row.state = "running"
    row.heartbeat_at = now
    row.alive_until = now + dt.timedelta(seconds=alive_s)
    if elapsed_s is not None:
        row.elapsed_s = elapsed_s
    session.add(row)
    session.flush()
    return True


def keep_checkpoint(session: Session, job_id: str, plan: Plan) -> bool:
    """Keep a checked plan as the job's best so far, unless a better one is kept already."""
    row = live_job(session, job_id)
    if row is None:
        return False
    if row.checkpoint_value is not None and row.checkpoint_value > plan.objective:
        return False
    row.checkpoint = plan.to_json()
    row.checkpoint_value = plan.objective
    row.checkpoint_bound = plan.bound
    session.add(row)
    session.flush()
    return True


def keep_part_checkpoint(session: Session, job_id: str, index: int, plan: Plan) -> bool:
    """Keep a checked plan as a part's best so far, while the part is being solved."""
    if live_job(session, job_id) is None:  # locked first, as every writer of parts does
        return False
    query = select(SolvePartRow).where(
        col(SolvePartRow.job_id) == job_id, col(SolvePartRow.index) == index
    )
    part = session.exec(query).one_or_none()
    if part is None or part.done:
        return False
    # A run only improves its best plan, and a run after a lost one starts from it.
    part.checkpoint = plan.to_json()
    session.add(part)
    session.flush()
    return True


def requeue(session: Session, job_id: str, *, whole: bool = True) -> bool:
    """The worker running the job (or a part of it) was lost and the queue has it again.

    A whole job waits again, unless a worker took it up meanwhile (it vouches for it anew); a
    split job keeps running while its other parts are worked on.
    """
    row = live_job(session, job_id)
    if row is None:
        return False
    if whole and (row.alive_until is None or nobody_at_work(row)):
        row.state = "queued"
        row.alive_until = None
    row.requeued += 1
    session.add(row)
    session.flush()
    return True


def nobody_at_work(job: SolveJobRow, now: dt.datetime | None = None) -> bool:
    """True when the job is running but whoever ran it stopped vouching for it."""
    if job.state != "running" or job.alive_until is None:
        return False
    return job.alive_until < (now or utcnow())


__all__ = [
    "beat",
    "keep_checkpoint",
    "keep_part_checkpoint",
    "live_job",
    "nobody_at_work",
    "requeue",
    "take_up",
]
