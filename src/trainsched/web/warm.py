"""Build the public class catalog ahead of the first trainee: at start and after publishing."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy.exc import SQLAlchemyError

from trainsched.formats import FormatError
from trainsched.services.errors import NotFound
from trainsched.services.publications import Publications
from trainsched.web.views.classes import current_catalog

log = logging.getLogger(__name__)


def warm_catalog(publications: Publications) -> None:
    """Build the catalog of what is published now (if this fails, the first visit builds it)."""
    try:
        current_catalog(publications)
    except (SQLAlchemyError, FormatError, ValueError, NotFound) as exc:
        log.warning("could not prepare the class catalog ahead of time: %s", exc)


def warm_in_background(publications: Publications) -> None:
    """``warm_catalog`` on a daemon thread, so nothing waits for it."""
    threading.Thread(
        target=warm_catalog, args=(publications,), name="warm-catalog", daemon=True
    ).start()


def warming_lifespan(app: FastAPI) -> None:
    """Wrap the app's lifespan so the catalog is built once the store is ready."""
    inner: Callable[[Any], AbstractAsyncContextManager[Any]] = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[Any]:
        async with inner(app) as state:
            warm_in_background(app.state.publications)
            yield state

    app.router.lifespan_context = lifespan
