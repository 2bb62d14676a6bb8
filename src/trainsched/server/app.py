"""The application factory: one FastAPI app serving the API and the pages on one store."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from trainsched import __version__, api, web
from trainsched.httpheaders import SecurityHeaders
from trainsched.jobs.backend import make_backend
from trainsched.server.bodylimit import BodyLimit
from trainsched.services.publications import Publications
from trainsched.settings import Settings
from trainsched.store.db import make_engine

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app (API and pages) on the store named by ``settings``."""
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
        description=api.DESCRIPTION,
        lifespan=lifespan,
        separate_input_output_schemas=False,
        # The API serves its own /docs and /redoc from local files (no CDN).
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    # Per app, not per process: tests (and embedders) run several apps on different stores.
    app.state.publications = Publications(engine)
    # Added before the pages' own middleware, so it runs inside it (the language is chosen).
    app.add_middleware(
        BodyLimit,
        owner=app,
        engine=engine,
        session_cookie=web.SESSION_COOKIE,
        signed_in_bytes=settings.max_body_bytes,
        anonymous_bytes=settings.anonymous_body_bytes,
    )
    api.install(app)
    web.install(app)
    # Outermost, so error pages and early refusals carry the headers too.
    # HSTS only where the operator said the public address is https (never guessed).
    https = (settings.public_base_url or "").startswith("https://")
    app.add_middleware(SecurityHeaders, https=https)
    return app
