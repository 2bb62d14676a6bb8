"""Offices (a province's bureaus in a tree) and the users in them: set up on the server."""

from __future__ import annotations

from typing import Annotated

import typer

from trainsched.cli.files import EXIT_BAD_INPUT, fail

offices_app = typer.Typer(
    help="Offices: province, city and district bureaus in a tree.", no_args_is_help=True
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
