"""A plan-page section computed by a job (levers, money): the job and how far it got."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from trainsched.services.jobs import JobStatus


@dataclass(frozen=True)
class JobSection:
    """The job computing the section (None: none started), whether it is still at it, and
    how many of its parts it has done out of how many."""

    job_id: str | None
    computing: bool
    done: int
    total: int | None


class JobProgress(TypedDict):
    """A ``JobSection``'s fields that come from its job."""

    job_id: str | None
    done: int
    total: int | None


def job_progress(job: JobStatus | None) -> JobProgress:
    """The section's job and its progress: such a job reports the parts it has done as its
    value and all of them as its bound."""
    if job is None:
        return JobProgress(job_id=None, done=0, total=None)
    return JobProgress(job_id=job.id, done=job.value or 0, total=job.bound)
