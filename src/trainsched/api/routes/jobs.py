"""Solve jobs: start (202), status, live progress as server-sent events, cancel, restart."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Response, status
from fastapi.sse import EventSourceResponse, ServerSentEvent

from trainsched.api.mapping import public
from trainsched.api.problems import problem_responses
from trainsched.api.schemas import JobPublic, SolveCreate
from trainsched.httpdeps import (
    CurrentActor,
    CurrentCoordinator,
    EngineDep,
    RunnerDep,
    SessionDep,
    SettingsDep,
)
from trainsched.httpdeps import job_event_stream as job_events
from trainsched.services import jobs as service
from trainsched.services.jobs import JobStatus, SolveRequest

router = APIRouter(tags=["solve jobs"])


def _existing_job(job_id: str, session: SessionDep, actor: CurrentActor) -> str:
    # Checked before the stream starts, so a wrong id gets a 404, not an empty stream.
    return service.read(session, actor, job_id).id


def _accepted(response: Response, job: JobStatus) -> JobPublic:
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return public(JobPublic, job)


@router.post(
    "/scenarios/{scenario_id}/solve",
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(401, 403, 404, 422),
)
def start_solve(
    scenario_id: str,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    runner: RunnerDep,
    actor: CurrentActor,
    request: Annotated[SolveCreate | None, Body()] = None,
) -> JobPublic:
    """Queue a solve of the scenario; follow it at the job's URL or its event stream."""
    asked = SolveRequest(**(request or SolveCreate()).model_dump())
    return _accepted(response, service.start(session, actor, runner, scenario_id, asked, settings))


@router.get("/scenarios/{scenario_id}/jobs", responses=problem_responses(401, 403, 404))
def list_jobs(scenario_id: str, session: SessionDep, actor: CurrentActor) -> list[JobPublic]:
    """The solve jobs of a scenario, newest first."""
    found = service.list_for_scenario(session, actor, scenario_id)
    return [public(JobPublic, job) for job in found]


@router.get("/jobs/{job_id}", responses=problem_responses(401, 403, 404))
def read_job(job_id: str, session: SessionDep, actor: CurrentActor) -> JobPublic:
    """A job's state, elapsed time, served value, bound and gap."""
    return public(JobPublic, service.read(session, actor, job_id))


@router.get(
    "/jobs/{job_id}/events",
    response_class=EventSourceResponse,
    responses=problem_responses(401, 403, 404),
)
async def job_event_stream(
    job_id: Annotated[str, Depends(_existing_job)], engine: EngineDep, _: CurrentCoordinator
) -> AsyncIterator[ServerSentEvent]:
    """The job's progress as server-sent events (``progress`` on change, then one ``end``).

    ``stalled`` tells that nobody works on the job any more, ``requeued`` that it went back to
    the queue after losing its worker; both carry the job's status, like ``progress``.
    """
    async for event in job_events(engine, job_id):
        yield event


@router.post(
    "/jobs/{job_id}/cancel",
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(401, 403, 404, 409),
)
def cancel_job(
    job_id: str, session: SessionDep, runner: RunnerDep, actor: CurrentActor
) -> JobPublic:
    """Stop a job; the best plan found so far is kept as its plan."""
    return public(JobPublic, service.cancel(session, actor, runner, job_id))


@router.post(
    "/jobs/{job_id}/restart",
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(401, 403, 404, 409),
)
def restart_job(
    job_id: str, response: Response, session: SessionDep, runner: RunnerDep, actor: CurrentActor
) -> JobPublic:
    """Run an interrupted, failed or cancelled job again as a new job with the same options.

    The new job starts from the plan the old one kept (an interrupted job's checkpoint).
    """
    return _accepted(response, service.restart(session, actor, runner, job_id))
