"""The HTTP API (FastAPI): scenarios, solve jobs, plans, re-planning and public views."""

from __future__ import annotations

from fastapi import Depends, FastAPI

from trainsched.api import docs, openapi, problems
from trainsched.api.query import only_declared_query
from trainsched.api.routes.audit import router as audit_router
from trainsched.api.routes.calendar import router as calendar_router
from trainsched.api.routes.feeds import router as feeds_router
from trainsched.api.routes.health import router as health_router
from trainsched.api.routes.jobs import router as jobs_router
from trainsched.api.routes.parts import router as parts_router
from trainsched.api.routes.plans import router as plans_router
from trainsched.api.routes.public import router as public_router
from trainsched.api.routes.scenarios import router as scenarios_router
from trainsched.api.routes.sheets import router as sheets_router

API_PREFIX = "/api/v1"

DESCRIPTION = """
Coordinators upload scenarios (or build them by parts), solve them in the background,
read, explain, compare, re-plan and publish plans. Published schedules are readable
without login and never carry personal data.

Every error is an RFC 9457 problem details document naming each field path at fault.
Every update and delete requires `If-Match` with the resource's `ETag` (strong comparison):
428 when it is missing, 412 when it is stale.

Coordinators send `Authorization: Bearer <token>` (`trainsched users add` / `rotate`). A token
that is unknown, disabled, rotated out or expired answers 401; too many of those from one
client within the window answer 429 with `Retry-After`, whatever token comes next.
"""


def install(app: FastAPI) -> None:
    """Serve the API's routes, problem answers and OpenAPI document on ``app``."""
    problems.install(app)
    openapi.install(app)
    docs.install(app)
    strict = [Depends(only_declared_query)]
    coordinators = (
        scenarios_router,
        calendar_router,
        parts_router,
        jobs_router,
        plans_router,
        audit_router,
    )
    for router in (*coordinators, sheets_router):
        app.include_router(router, prefix=API_PREFIX, dependencies=strict)
    app.include_router(public_router, prefix=API_PREFIX)
    app.include_router(feeds_router, prefix=API_PREFIX)
    app.include_router(health_router)


__all__ = ["API_PREFIX", "DESCRIPTION", "install"]
