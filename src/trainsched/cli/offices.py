"""Offices (a province's bureaus in a tree) and the users in them: set up on the server."""

from __future__ import annotations

from typing import Annotated

import typer

from trainsched.cli.files import EXIT_BAD_INPUT, fail

offices_app = typer.Typer(
    help="Offices: province, city and district bureaus in a tree.", no_args_is_help=True
)

ROLE_HELP = (
    "viewer (read, export), planner (also edit, solve, re-plan, feed links), "
    "publisher (also publish), admin (also users and offices at and below the office)."
)


@offices_app.command("add")
def offices_add(
    name: Annotated[str, typer.Argument(help="The office's name, e.g. 松宁市人社局.")],
    parent: Annotated[
        str | None, typer.Option("--parent", help="Id of the office it belongs under.")
    ] = None,
) -> None:
    """Create an office and print its id on the last line."""
    from trainsched.cli.server import settings_or_exit
    from trainsched.server.run import add_office_cli
    from trainsched.services.errors import DomainError

    try:
        office_id = add_office_cli(settings_or_exit(), name, parent)
    except DomainError as exc:
        raise fail(exc.detail, EXIT_BAD_INPUT) from None
    typer.echo(f"office added: {name}")
    typer.echo(office_id)


@offices_app.command("list")
def offices_list() -> None:
    """Every office: id, name, and the id of the office it belongs under."""
    from trainsched.cli.server import settings_or_exit
    from trainsched.server.run import list_offices_cli

    for office_id, name, parent in list_offices_cli(settings_or_exit()):
        typer.echo(f"{office_id}\t{name}\t{parent or '-'}")


def users_add(
    name: Annotated[str, typer.Argument(help="Coordinator's login name.")],
    office: Annotated[
        str | None,
        typer.Option("--office", help="Id of the user's office (default: 默认单位)."),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", help=ROLE_HELP + " Required with --office."),
    ] = None,
) -> None:
    """Create a coordinator with a role at an office; print their token once, on the last line.

    Without --office the user becomes publisher of the default office, as every coordinator
    of a single-office server did before offices existed.
    """
    from trainsched.cli.server import settings_or_exit
    from trainsched.server.run import add_coordinator_cli
    from trainsched.services.errors import DomainError

    if office is not None and role is None:
        raise fail("--role is required with --office (viewer, planner, publisher or admin)")
    chosen = role or "publisher"
    try:
        token = add_coordinator_cli(settings_or_exit(), name, office, chosen)
    except DomainError as exc:
        raise fail(exc.detail, EXIT_BAD_INPUT) from None
    typer.echo(f"user added: {name} ({chosen}); the token below is shown this once")
    typer.echo(token)
