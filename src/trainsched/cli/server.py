"""Commands that run trainsched as a service: the server, solve workers, coordinator accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError

from trainsched.cli.files import EXIT_BROKEN, fail

if TYPE_CHECKING:
    from trainsched.settings import Settings

users_app = typer.Typer(help="Coordinator accounts for the API.", no_args_is_help=True)


def settings_or_exit() -> Settings:
    """The server settings from the environment, or a one-line refusal and exit 1."""
    from trainsched.settings import InsecureSettingsError, Settings

    try:
        return Settings()
    except (InsecureSettingsError, ValidationError) as exc:
        raise fail(f"refusing to start: {_first_error(exc)}", EXIT_BROKEN) from None


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ()))
        return f"{where}: {err['msg']}" if where else str(err["msg"])
    return str(exc)


def serve(
    demo: Annotated[
        bool, typer.Option(help="Load, solve and publish the demo city first.")
    ] = False,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes (above 1 needs distributed mode).")
    ] = 1,
) -> None:
    """Run the HTTP API and web pages."""
    from trainsched.server.run import run_server

    settings = settings_or_exit()
    if workers > 1 and settings.mode != "distributed":
        raise fail(
            "refusing to start: --workers above 1 needs TRAINSCHED_MODE=distributed "
            "(embedded mode keeps SQLite and its solves in one process)",
            EXIT_BROKEN,
        )
    run_server(settings, host=host, port=port, demo=demo, workers=workers)


def worker(
    concurrency: Annotated[
        int | None,
        typer.Option(min=1, max=16, help="Solves at once (default TRAINSCHED_WORKER_CONCURRENCY)."),
    ] = None,
) -> None:
    """Run a solve worker (distributed mode): takes solve jobs from the PostgreSQL queue."""
    import asyncio

    from trainsched.jobs.logs import configure
    from trainsched.jobs.worker import run_worker

    settings = settings_or_exit()
    if settings.mode != "distributed":
        raise fail(
            "refusing to start: a worker needs TRAINSCHED_MODE=distributed and a PostgreSQL "
            "TRAINSCHED_DATABASE_URL (embedded mode solves inside the server)",
            EXIT_BROKEN,
        )
    configure(settings.log_format)
    asyncio.run(run_worker(settings, concurrency))
