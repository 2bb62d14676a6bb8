"""Entry points for the CLI: run the server (optionally with the demo) and add coordinators."""

from __future__ import annotations

import logging

import uvicorn

from trainsched.api.app import create_app
from trainsched.api.demo import log_urls, prepare_demo
from trainsched.api.settings import Settings
from trainsched.distributed.logs import configure as configure_logs
from trainsched.store import repo
from trainsched.store.db import make_engine, session_scope
from trainsched.store.migrate import upgrade

log = logging.getLogger(__name__)


def run_server(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    demo: bool = False,
    workers: int = 1,
) -> None:
    """Serve the API with uvicorn; with ``demo``, load, solve and publish the demo city first."""
    if settings.log_format == "json":
        configure_logs("json")
    else:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(message)s")
    if demo:
        engine = make_engine(settings.database_url)
        try:
            upgrade(engine)
            state = prepare_demo(engine, settings)
        finally:
            engine.dispose()
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        log_urls(state, f"http://{shown}:{port}")
    # JSON logs: uvicorn's lines go through the root handler too, one format for all.
    log_config = None if settings.log_format == "json" else uvicorn.config.LOGGING_CONFIG
    if workers > 1:
        # Each process builds its own app from the same TRAINSCHED_* environment.
        uvicorn.run(
            "trainsched.api.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
            log_config=log_config,
        )
        return
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", log_config=log_config)


def add_coordinator_cli(settings: Settings, name: str) -> str:
    """Create a coordinator on the configured store and return their raw bearer token."""
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            return repo.add_coordinator(session, name)
    finally:
        engine.dispose()
