"""Solve jobs: start (202), status, live progress as server-sent events, cancel, restart."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Response, status
from fastapi.sse import EventSourceResponse, ServerSentEvent

from trainsched.api.problems import problem_responses
from trainsched.api.schemas import JobPublic, SolveCreate
from trainsched.httpdeps import CurrentCoordinator, EngineDep, RunnerDep, SessionDep, SettingsDep
from trainsched.services import jobs as service
from trainsched.services.common import get_row
from trainsched.store import repo
from trainsched.store.tables import ScenarioRow, SolveJobRow

router = APIRouter(tags=["solve jobs"])


def _existing_job(job_id: str, session: SessionDep) -> str:
    # Checked before the stream starts, so a wrong id gets a 404, not an empty stream.
    return get_row(session, SolveJobRow, job_id).id


def _accepted(response: Response, job: SolveJobRow) -> JobPublic:
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return service.to_public(job)


@router.post(
    "/scenarios/{scenario_id}/solve",
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(401, 404, 422),
)
def start_solve(
    scenario_id: str,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    runner: RunnerDep,
    _: CurrentCoordinator,
    request: Annotated[SolveCreate | None, Body()] = None,
) -> JobPublic:
    """Queue a solve of the scenario; follow it at the job's URL or its event stream."""
    job = service.start(session, scenario_id, request or SolveCreate(), settings)
    # Queued with the job's own transaction: the job and its run are kept together, or neither.
    runner.enqueue(session, job.id)
    session.commit()
    return _accepted(response, job)


@router.get("/scenarios/{scenario_id}/jobs", responses=problem_responses(401, 404))
def list_jobs(scenario_id: str, session: SessionDep, _: CurrentCoordinator) -> list[JobPublic]:
    """The solve jobs of a scenario, newest first."""
    get_row(session, ScenarioRow, scenario_id)
    return [service.to_public(job) for job in repo.list_jobs(session, scenario_id)]


@router.get("/jobs/{job_id}", responses=problem_responses(401, 404))
def read_job(job_id: str, session: SessionDep, _: CurrentCoordinator) -> JobPublic:
    """A job's state, elapsed time, served value, bound and gap."""
    return service.to_public(get_row(session, SolveJobRow, job_id))


@router.get(
    "/jobs/{job_id}/events",
    response_class=EventSourceResponse,
    responses=problem_responses(401, 404),
)
async def job_event_stream(
    job_id: Annotated[str, Depends(_existing_job)], engine: EngineDep, _: CurrentCoordinator
) -> AsyncIterator[ServerSentEvent]:
    """The job's progress as server-sent events (``progress`` on change, then one ``end``)."""
    async for event in service.events(engine, job_id):
        yield event


@router.post(
    "/jobs/{job_id}/cancel",
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(401, 404, 409),
)
def cancel_job(
    job_id: str, session: SessionDep, runner: RunnerDep, _: CurrentCoordinator
) -> JobPublic:
    """Stop a job; the best plan found so far is kept as its plan."""
    service.cancel(session, runner, job_id)
    session.expire_all()
    return service.to_public(get_row(session, SolveJobRow, job_id))


@router.post(
    "/jobs/{job_id}/restart",
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(401, 404, 409),
)
def restart_job(
    job_id: str, response: Response, session: SessionDep, runner: RunnerDep, _: CurrentCoordinator
) -> JobPublic:
    """Run an interrupted, failed or cancelled job again as a new job with the same options."""
    job = service.restart(session, job_id)
    runner.enqueue(session, job.id)
    session.commit()
    return _accepted(response, job)
