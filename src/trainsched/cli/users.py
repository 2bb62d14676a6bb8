"""``trainsched users``: coordinators' accounts and tokens (add, list, disable, rotate).

A new token is printed once, alone on the last line, so scripts can take it with ``tail -1``;
it is stored only hashed. Expiry dates are local dates in Asia/Shanghai: a token given
``--expires 2027-06-30`` works through the end of that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from trainsched.cli.files import EXIT_BAD_INPUT, EXIT_BROKEN, fail
from trainsched.cli.server import settings_or_exit

if TYPE_CHECKING:
    from trainsched.services.credentials import UserSummary

users_app = typer.Typer(help="Coordinator accounts and their tokens.", no_args_is_help=True)

NameArg = Annotated[str, typer.Argument(help="Coordinator's user name.", show_default=False)]
ExpiresOpt = Annotated[
    str | None,
    typer.Option(
        "--expires",
        metavar="YYYY-MM-DD",
        help="Last day the token works (Asia/Shanghai); default: no expiry.",
        show_default=False,
    ),
]


ROLE_HELP = (
    "viewer (read, export), planner (also edit, solve, re-plan, feed links), "
    "publisher (also publish), admin (also users and offices at and below the office)."
)


@users_app.command("add")
def users_add(
    name: NameArg,
    office: Annotated[
        str | None,
        typer.Option("--office", help="Id of the user's office (default: 默认单位)."),
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", help=ROLE_HELP + " Required with --office.")
    ] = None,
    token_name: Annotated[
        str, typer.Option(help="What the token is for or where it is kept.")
    ] = "",
    expires: ExpiresOpt = None,
) -> None:
    """Create a coordinator with a role at an office; print their token once, on the last line.

    Without --office the user becomes publisher of the default office, as every coordinator
    of a single-office server did before offices existed. The token is stored only hashed.
    """
    from trainsched.services.credentials import add_user

    if office is not None and role is None:
        raise fail("--role is required with --office (viewer, planner, publisher or admin)")
    day = _day(expires)
    options = {"office_id": office, "role": role or "publisher"}
    _print_token(add_user, name, token_name=token_name, expires_on=day, **options)


@users_app.command("list")
def users_list() -> None:
    """List coordinators: name, disabled, token name, expiry, last use (never the token)."""
    from trainsched.server.run import user_store
    from trainsched.services import credentials

    with user_store(settings_or_exit()) as session:
        users = credentials.list_users(session)
    typer.echo("name\tdisabled\ttoken_name\texpires\tlast_used")
    for user in users:
        typer.echo(_row(user))


@users_app.command("disable")
def users_disable(name: NameArg) -> None:
    """Refuse the coordinator's token from now on and sign out their browsers."""
    from trainsched.server.run import user_store
    from trainsched.services import credentials

    with _refusals(), user_store(settings_or_exit()) as session:
        credentials.disable_user(session, name)
    typer.echo(f"disabled {name}")


@users_app.command("rotate")
def users_rotate(
    name: NameArg,
    token_name: Annotated[
        str | None, typer.Option(help="A new name for the token (default: keep it).")
    ] = None,
    expires: ExpiresOpt = None,
) -> None:
    """Replace the coordinator's token and print the new one; the old one stops at once."""
    from trainsched.services.credentials import rotate_token

    day = _day(expires)
    _print_token(rotate_token, name, token_name=token_name, expires_on=day)


def _print_token(use_case: Callable[..., str], name: str, **options: Any) -> None:
    # The token goes out only once the transaction that stores its hash has committed.
    from trainsched.server.run import user_store
    from trainsched.store.tables import utcnow

    with _refusals(), user_store(settings_or_exit()) as session:
        raw = use_case(session, name, now=utcnow(), **options)
    typer.echo(raw)


def _day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fail(f"--expires: {text!r} is not a date (YYYY-MM-DD)", EXIT_BAD_INPUT) from None


@contextmanager
def _refusals() -> Iterator[None]:
    """Turn a refused use case into one line and an exit code (nothing is written)."""
    from trainsched.services.errors import Conflict, DomainError, NotFound
    from trainsched.settings import InsecureSettingsError

    try:
        yield
    except (Conflict, NotFound, InsecureSettingsError) as exc:
        raise fail(str(exc), EXIT_BROKEN) from None
    except DomainError as exc:
        detail = "; ".join(str(p) for p in exc.problems) or exc.detail
        raise fail(detail, EXIT_BAD_INPUT) from None


def _row(user: UserSummary) -> str:
    from trainsched.services.credentials import BUREAU_TIMEZONE

    def local(instant: dt.datetime | None) -> str:
        return instant.astimezone(BUREAU_TIMEZONE).isoformat(timespec="minutes") if instant else "-"

    disabled = "yes" if user.disabled else "no"
    return "\t".join(
        (
            user.name,
            disabled,
            user.token_name or "-",
            local(user.token_expires_at),
            local(user.last_used_at),
        )
    )
