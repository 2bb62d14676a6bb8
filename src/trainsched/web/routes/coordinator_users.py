"""The users page: an admin's users of their offices and below; add, disable, rotate.

A new or rotated token is shown once, on the answer to the form that made it, and never
again (the store keeps only its hash); that answer is not cached anywhere.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from trainsched.httpdeps import SessionDep
from trainsched.services import access, credentials
from trainsched.services.access import Actor
from trainsched.services.errors import Forbidden
from trainsched.store.office_tables import ROLES
from trainsched.store.tables import utcnow
from trainsched.web.auth import CsrfDep, FormActor, PageActor
from trainsched.web.render import render

router = APIRouter(prefix="/coordinator", include_in_schema=False)

_NO_STORE = {"Cache-Control": "no-store"}


def _page(
    request: Request,
    session: SessionDep,
    actor: Actor,
    csrf: str,
    shown_token: tuple[str, str] | None = None,
) -> Response:
    offices = access.offices_where(session, actor, "admin")
    if not offices:
        raise Forbidden(access.role_needed("admin"))
    response = render(
        request,
        "coordinator/users.html",
        users=credentials.list_users(session, actor),
        offices=offices,
        roles=[(r, access.role_name(r)) for r in ROLES],
        role_names={r: access.role_name(r) for r in ROLES},
        shown_token=shown_token,
        csrf=csrf,
    )
    response.headers.update(_NO_STORE)
    return response


@router.get("/users")
def users_page(request: Request, session: SessionDep, actor: PageActor, csrf: CsrfDep) -> Response:
    """The users of the offices the admin administers, with forms to add, disable, rotate."""
    return _page(request, session, actor, csrf)


@router.post("/users")
def add_user(
    request: Request,
    session: SessionDep,
    actor: FormActor,
    csrf: CsrfDep,
    name: Annotated[str, Form(max_length=200)],
    office_id: Annotated[str, Form(max_length=64)],
    role: Annotated[str, Form(max_length=16)],
) -> Response:
    """Add a user at one of the admin's offices; their token is shown this once."""
    token = credentials.add_user(
        session, name, office_id=office_id, role=role, actor=actor, now=utcnow()
    )
    session.commit()
    return _page(request, session, actor, csrf, (name.strip(), token))


@router.post("/users/{user_id}/rotate")
def rotate_user(
    request: Request, user_id: str, session: SessionDep, actor: FormActor, csrf: CsrfDep
) -> Response:
    """Replace the user's token (the old one stops at once); the new one is shown this once."""
    name = credentials.name_of(session, actor, user_id)
    token = credentials.rotate_token(session, name, now=utcnow(), actor=actor)
    session.commit()
    return _page(request, session, actor, csrf, (name, token))


@router.post("/users/{user_id}/disable")
def disable_user(user_id: str, session: SessionDep, actor: FormActor) -> Response:
    """Refuse the user's token from now on and sign out their browsers."""
    credentials.disable_user(session, credentials.name_of(session, actor, user_id), actor)
    return RedirectResponse("/coordinator/users", status_code=303)
