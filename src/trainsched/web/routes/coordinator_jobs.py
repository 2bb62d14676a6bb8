"""A solve job: its page with live progress, the cookie-signed event stream, cancel."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent

from trainsched.httpdeps import EngineDep, RunnerDep, SessionDep, job_event_stream
from trainsched.services import access, jobs, keep_published
from trainsched.web.auth import CsrfDep, FormActor, PageActor
from trainsched.web.render import render

router = APIRouter(prefix="/coordinator/jobs", include_in_schema=False)

# Without JavaScript the page reloads itself this often while the job runs.
REFRESH_S = 2


def _existing_job(job_id: str, session: SessionDep, actor: PageActor) -> str:
    # Checked before the stream starts, so a wrong id gets a 404, not an empty stream.
    return jobs.read(session, actor, job_id).id


@router.get("/{job_id}")
def job_page(
    job_id: str, request: Request, session: SessionDep, actor: PageActor, csrf: CsrfDep
) -> Response:
    """Progress of a solve: elapsed time, served value and bound; the plan once it ends, with
    how many published classes it would change."""
    job = jobs.read(session, actor, job_id)
    ended = job.plan_id is not None and not job.running
    changes = (
        keep_published.changes_of(session, actor, job.plan_id) if ended and job.plan_id else None
    )
    return render(
        request,
        "coordinator/job.html",
        job=job,
        running=job.running,
        changes=changes,
        refresh_s=REFRESH_S,
        csrf=csrf,
        may_cancel=access.may_in_scenario(session, actor, job.scenario_id, "planner"),
    )


@router.get("/{job_id}/events", response_class=EventSourceResponse)
async def job_events(
    job_id: Annotated[str, Depends(_existing_job)], engine: EngineDep
) -> AsyncIterator[ServerSentEvent]:
    """The API's job event stream, signed in by cookie (EventSource cannot send a bearer)."""
    async for event in job_event_stream(engine, job_id):
        yield event


@router.post("/{job_id}/cancel")
def cancel(job_id: str, session: SessionDep, runner: RunnerDep, actor: FormActor) -> Response:
    """Stop the job (its best plan so far is kept) and show its page again."""
    jobs.cancel(session, actor, runner, job_id)
    return RedirectResponse(f"/coordinator/jobs/{job_id}", status_code=303)
