"""Coordinator sign-in for the pages: the bearer token kept in an HttpOnly cookie."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Form, Request

from trainsched.httpdeps import SessionDep, SettingsDep, actor_for
from trainsched.services.access import Actor
from trainsched.store import repo
from trainsched.store.tables import CoordinatorRow
from trainsched.web.render import SESSION_COOKIE


class LoginRequired(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Raised when a coordinator page is opened without a valid session."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


class CsrfRejected(Exception):  # noqa: N818
    """Raised when a form post lacks this session's anti-forgery value."""


def csrf_token(secret_key: str, session_token: str) -> str:
    """The anti-forgery value of one session (an HMAC, so it needs no storage)."""
    digest = hmac.new(secret_key.encode(), session_token.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def login_url(next_url: str) -> str:
    """The sign-in page that returns to ``next_url`` afterwards."""
    return f"/login?next={quote(next_url, safe='/')}"


def session_coordinator(request: Request, session: SessionDep) -> CoordinatorRow:
    """The coordinator signed in on this browser, or a redirect to the sign-in page."""
    raw = request.cookies.get(SESSION_COOKIE)
    coordinator = repo.coordinator_by_token(session, raw) if raw else None
    if coordinator is None:
        raise LoginRequired(request.url.path)
    request.state.coordinator_name = coordinator.name
    return coordinator


PageCoordinator = Annotated[CoordinatorRow, Depends(session_coordinator)]


def form_csrf(
    request: Request,
    settings: SettingsDep,
    coordinator: PageCoordinator,
    csrf: Annotated[str, Form()] = "",
) -> CoordinatorRow:
    """A coordinator whose form post carries this session's anti-forgery value."""
    raw = request.cookies.get(SESSION_COOKIE, "")
    if not hmac.compare_digest(csrf, csrf_token(settings.secret_key, raw)):
        raise CsrfRejected()
    return coordinator


FormCoordinator = Annotated[CoordinatorRow, Depends(form_csrf)]


def page_actor(session: SessionDep, user: PageCoordinator) -> Actor:
    """The actor signed in on this browser (their offices and roles), or the sign-in page."""
    return actor_for(session, user)


def form_actor(session: SessionDep, user: FormCoordinator) -> Actor:
    """The actor of a form post carrying this session's anti-forgery value."""
    return actor_for(session, user)


PageActor = Annotated[Actor, Depends(page_actor)]
FormActor = Annotated[Actor, Depends(form_actor)]


def page_csrf(request: Request, settings: SettingsDep) -> str:
    """The anti-forgery value to put in this page's forms."""
    return csrf_token(settings.secret_key, request.cookies.get(SESSION_COOKIE, ""))


CsrfDep = Annotated[str, Depends(page_csrf)]
