"""The ``trainsched`` command line: one typer app, its commands grouped by topic.

Commands live in :mod:`~trainsched.cli.plans` (scenario and plan files),
:mod:`~trainsched.cli.sheets` (spreadsheets), :mod:`~trainsched.cli.server` (running the
service) and :mod:`~trainsched.cli.users` (accounts); each imports its heavy dependencies
inside the command so ``--help`` stays quick.
"""

from __future__ import annotations

import typer

from trainsched.cli import offices, plans, server, sheets, users

app = typer.Typer(
    name="trainsched",
    help="Plans entrepreneurship-training classes and mentor visits within subsidy funds.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
# Registration order is the order ``trainsched --help`` lists the commands in.
app.command("replan")(plans.replan)
app.command("import")(sheets.import_sheet)
app.command("worker")(server.worker)
for command in (plans.validate, plans.check, plans.solve, plans.generate, plans.schema):
    app.command()(command)
app.command()(server.serve)
app.add_typer(users.users_app, name="users")
app.add_typer(offices.offices_app, name="offices")
app.add_typer(sheets.export_app, name="export")


def main() -> None:
    """Entry point for ``python -m trainsched``."""
    app()
