"""CLI commands for running trainsched on several machines: solve workers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError

if TYPE_CHECKING:
    from trainsched.settings import Settings


def settings_or_exit() -> Settings:
    """The server settings from the environment, or a one-line refusal and exit 1."""
    from trainsched.settings import InsecureSettingsError, Settings

    try:
        return Settings()
    except (InsecureSettingsError, ValidationError) as exc:
        typer.echo(f"refusing to start: {_first_error(exc)}", err=True)
        raise typer.Exit(1) from None


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ()))
        return f"{where}: {err['msg']}" if where else str(err["msg"])
    return str(exc)


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
        typer.echo(
            "refusing to start: a worker needs TRAINSCHED_MODE=distributed and a PostgreSQL "
            "TRAINSCHED_DATABASE_URL (embedded mode solves inside the server)",
            err=True,
        )
        raise typer.Exit(1)
    configure(settings.log_format)
    asyncio.run(run_worker(settings, concurrency))
