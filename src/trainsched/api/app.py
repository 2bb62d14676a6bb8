"""The FastAPI application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from trainsched import __version__, web
from trainsched.api import openapi, problems
from trainsched.api.backend import make_backend
from trainsched.api.routes.feeds import router as feeds_router
from trainsched.api.routes.health import router as health_router
from trainsched.api.routes.jobs import router as jobs_router
from trainsched.api.routes.parts import router as parts_router
from trainsched.api.routes.plans import router as plans_router
from trainsched.api.routes.public import router as public_router
from trainsched.api.routes.scenarios import router as scenarios_router
from trainsched.api.routes.sheets import router as sheets_router
from trainsched.api.settings import Settings
from trainsched.store.db import make_engine

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"

_DESCRIPTION = """
Coordinators upload scenarios (or build them by parts), solve them in the background,
read, explain, compare, re-plan and publish plans. Published schedules are readable
without login and never carry personal data.

Every error is an RFC 9457 problem details document naming each field path at fault.
Writes accept `If-Match` with a resource's `ETag` and answer 412 when it is stale.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API app on the store named by ``settings``."""
    settings = settings or Settings()
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runner = make_backend(settings, engine)
        await run_in_threadpool(runner.prepare)
        app.state.runner = runner
        interrupted = await run_in_threadpool(runner.recover)
        if interrupted:
            log.warning("%d solve job(s) were interrupted by the last stop", interrupted)
        try:
            yield
        finally:
            await run_in_threadpool(runner.shutdown)
            engine.dispose()

    app = FastAPI(
        title="trainsched API",
        version=__version__,
        description=_DESCRIPTION,
        lifespan=lifespan,
        separate_input_output_schemas=False,
    )
    app.state.settings = settings
    app.state.engine = engine
    problems.install(app)
    openapi.install(app)
    for router in (scenarios_router, parts_router, jobs_router, plans_router, public_router):
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(feeds_router, prefix=API_PREFIX)
    app.include_router(health_router)
    app.include_router(sheets_router, prefix=API_PREFIX)
    web.install(app)
    return app
