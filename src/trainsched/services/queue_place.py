"""Where a queued solve job stands: its place in the queue and when it is expected to start.

Read from the job rows, so every API process in either mode answers alike: the queue is the
jobs still ``queued``, oldest first (distributed mode keeps them in PostgreSQL). While a job
waits, every solve slot is busy, so the jobs running now tell how many slots there are.
Each job ahead is expected to take its time limit times how long recent solves took for
theirs (a solve stops at its limit, sooner when proven, later by the work around it).
"""

from __future__ import annotations

import datetime as dt
import heapq
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from sqlmodel import Session, col, select

from trainsched.store.tables import SolveJobRow

RECENT: Final = 20  # finished solves whose durations set the pace
# A pace outside this is a cancelled or crashed run, not a solve's usual length.
_PACE_RANGE: Final = (0.05, 3.0)


@dataclass(frozen=True)
class QueuePlace:
    """A queued job's place (1 = next to start) and when it is expected to start."""

    position: int
    expected_start: dt.datetime
    wait_s: int  # from when it was read until the expected start


def queue_place(session: Session, job: SolveJobRow, now: dt.datetime) -> QueuePlace | None:
    """The job's place in the queue, or None when it is not waiting in it."""
    if job.state != "queued":
        return None
    queued = session.exec(
        select(SolveJobRow.id, SolveJobRow.created_at, SolveJobRow.options)
        .where(col(SolveJobRow.state) == "queued")
        .order_by(col(SolveJobRow.created_at), col(SolveJobRow.id))
    ).all()
    ahead = []
    for job_id, _, options in queued:
        if job_id == job.id:
            break
        ahead.append(options)
    running = session.exec(
        select(SolveJobRow.started_at, SolveJobRow.options).where(
            col(SolveJobRow.state) == "running"
        )
    ).all()
    pace = _pace(session)
    wait_s = _wait_s(
        [_limit(o) * pace - _since(started, now) for started, o in running],
        [_limit(o) * pace for o in ahead],
    )
    wait = round(wait_s)
    return QueuePlace(len(ahead) + 1, now + dt.timedelta(seconds=wait), wait)


def _wait_s(running_left: list[float], ahead: list[float]) -> float:
    """Seconds until a slot is free for the job after ``ahead`` (first come, first served)."""
    slots = [max(0.0, left) for left in running_left] or [0.0]
    heapq.heapify(slots)
    for length in ahead:
        heapq.heappush(slots, heapq.heappop(slots) + length)
    return slots[0]


def _pace(session: Session) -> float:
    """How long recent solves took for each second of their time limit (1 without any)."""
    rows = session.exec(
        select(SolveJobRow.started_at, SolveJobRow.finished_at, SolveJobRow.options)
        .where(col(SolveJobRow.state) == "succeeded")
        .where(col(SolveJobRow.started_at).is_not(None))
        .order_by(col(SolveJobRow.finished_at).desc())
        .limit(RECENT)
    ).all()
    low, high = _PACE_RANGE
    paces = [
        (finished - started).total_seconds() / _limit(options)
        for started, finished, options in rows
        if started is not None and finished is not None
    ]
    paces = [p for p in paces if low <= p <= high]
    return statistics.median(paces) if paces else 1.0


def _limit(options: Mapping[str, Any]) -> float:
    limit = options.get("time_limit_s")
    return float(limit) if isinstance(limit, int | float) and limit > 0 else 30.0


def _since(started: dt.datetime | None, now: dt.datetime) -> float:
    return (now - started).total_seconds() if started is not None else 0.0
