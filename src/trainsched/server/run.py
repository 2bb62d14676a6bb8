"""Entry points for the CLI: run the server (optionally with the demo) and add coordinators."""

from __future__ import annotations

import inspect
import logging
import logging.config
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from sqlmodel import Session

from trainsched.jobs.logs import server_log_config
from trainsched.server.app import create_app
from trainsched.server.demo import log_urls, prepare_demo
from trainsched.services import credentials, offices
from trainsched.settings import Settings
from trainsched.store import offices as store_offices
from trainsched.store.db import make_engine, session_scope
from trainsched.store.migrate import upgrade
from trainsched.store.tables import utcnow

log = logging.getLogger(__name__)


def run_server(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    demo: bool = False,
    workers: int = 1,
) -> None:
    """Serve the API with uvicorn; with ``demo``, load, solve and publish the demo city first."""
    log_config = server_log_config(settings.log_format)
    logging.config.dictConfig(log_config)
    if demo:
        engine = make_engine(settings.database_url)
        try:
            upgrade(engine)
            state = prepare_demo(engine, settings)
        finally:
            engine.dispose()
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        shown = f"[{shown}]" if ":" in shown else shown
        log_urls(state, settings.public_base_url or f"http://{shown}:{port}")
    # Forwarded headers are read by the app, and only from TRAINSCHED_TRUSTED_PROXIES
    # (uvicorn would otherwise believe any local process: a second, hidden trust list).
    if workers > 1:
        # Each process builds its own app from the same TRAINSCHED_* environment.
        uvicorn.run(
            "trainsched.server.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
            log_config=log_config,
            proxy_headers=False,
            **_slow_start(),
        )
        return
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        log_config=log_config,
        proxy_headers=False,
    )


def _slow_start() -> dict[str, Any]:
    # A server process loads the solver and the web templates: on a busy machine that
    # takes longer than uvicorn's default 5 s health check, which would kill it as dead.
    if "timeout_worker_healthcheck" in inspect.signature(uvicorn.Config).parameters:
        return {"timeout_worker_healthcheck": 60}
    return {}


def add_coordinator_cli(
    settings: Settings, name: str, office_id: str | None = None, role: str = "publisher"
) -> str:
    """Create a coordinator with ``role`` at an office (the default office unless named) on
    the configured store and return their raw bearer token."""
    with user_store(settings) as session:
        return credentials.add_user(session, name, office_id=office_id, role=role, now=utcnow())


def add_office_cli(settings: Settings, name: str, parent_id: str | None = None) -> str:
    """Create an office (under ``parent_id`` when given) and return its id."""
    with user_store(settings) as session:
        return offices.add_office(session, name, parent_id).id


def list_offices_cli(settings: Settings) -> list[tuple[str, str, str | None]]:
    """Every office as (id, name, parent id), by name."""
    with user_store(settings) as session:
        return [(o.id, o.name, o.parent_id) for o in store_offices.list_offices(session)]


@contextmanager
def user_store(settings: Settings) -> Iterator[Session]:
    """One transaction on the configured store, migrated first (the user commands' store)."""
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            yield session
    finally:
        engine.dispose()
