"""Liveness (/healthz) and readiness (/readyz: the store answers) for proxies and supervisors."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from trainsched import __version__
from trainsched.api.problems import problem_responses
from trainsched.httpdeps import get_runner
from trainsched.jobs.backend import JobBackend
from trainsched.settings import Settings

router = APIRouter(tags=["operations"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is alive and answering (it may still be waiting for its store)."""
    return {"status": "ok", "version": __version__}


@router.get("/readyz", responses=problem_responses(503))
async def readyz(
    request: Request, backend: Annotated[JobBackend, Depends(get_runner)]
) -> dict[str, Any]:
    """Ready for traffic: the store (and in distributed mode the job queue) answers."""
    # A store error propagates to the 503-with-Retry-After handler, like any request's.
    await run_in_threadpool(backend.ready)
    settings: Settings = request.app.state.settings
    return {"status": "ready", "mode": settings.mode}
