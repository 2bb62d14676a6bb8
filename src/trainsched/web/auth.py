"""Coordinator sign-in for the pages: a server-side session whose random id is the cookie.

The cookie never holds the API token (``services/sessions.py`` keeps the sessions); the
anti-forgery value of the forms is derived from the session id, so it changes with every
sign-in and dies with the session.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Form, Request, Response

from trainsched.httpdeps import EngineDep, NowDep, SessionDep, SettingsDep, actor_for, public_base
from trainsched.services import sessions
from trainsched.services.access import Actor
from trainsched.settings import Settings
from trainsched.store.tables import CoordinatorRow
from trainsched.web.render import SESSION_COOKIE


class LoginRequired(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Raised when a coordinator page is opened without a valid session."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


class CsrfRejected(Exception):  # noqa: N818
    """Raised when a form post lacks this session's anti-forgery value."""


def csrf_token(secret_key: str, session_id: str) -> str:
    """The anti-forgery value of one session (an HMAC of its id, so it needs no storage)."""
    digest = hmac.new(secret_key.encode(), b"csrf:" + session_id.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def refuse_other_origins(request: Request, settings: Settings) -> None:
    """Raise CsrfRejected when a browser says the form was posted from another site.

    Sign-in and sign-out have no session to derive an anti-forgery value from; without this,
    another site could sign a browser in as the attacker (whose desk would then receive what
    the victim uploads). Browsers send ``Origin`` with every cross-site POST; clients that
    send none (scripts, old browsers) are not refused for that. Only the host name is
    compared: a proxy that terminates TLS or drops the port from ``Host`` changes the rest.
    """
    origin = request.headers.get("origin")
    if origin is None:
        return
    ours = urlsplit(public_base(request, settings)).hostname
    if urlsplit(origin).hostname != ours:
        raise CsrfRejected()


def set_session_cookie(
    response: Response, request: Request, settings: Settings, session_id: str
) -> None:
    """Give the browser its session id: script-proof, same-site, https-only where https is."""
    https = public_base(request, settings).startswith("https://")
    response.set_cookie(
        SESSION_COOKIE,
        session_id,
        max_age=settings.session_absolute_timeout_s,
        path="/",
        httponly=True,
        samesite="lax",
        secure=https or settings.environment == "production",
    )


def clear_session_cookie(response: Response) -> None:
    """Tell the browser to forget its session id (the session itself is ended in the store)."""
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")


def login_url(next_url: str) -> str:
    """The sign-in page that returns to ``next_url`` afterwards."""
    return f"/login?next={quote(next_url, safe='/')}"


def session_coordinator(
    request: Request, session: SessionDep, engine: EngineDep, settings: SettingsDep, now: NowDep
) -> CoordinatorRow:
    """The coordinator signed in on this browser, or a redirect to the sign-in page."""
    raw = request.cookies.get(SESSION_COOKIE, "")
    coordinator = sessions.current_session(engine, session, settings, raw, now)
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
