"""The front page and coordinator sign-in / sign-out."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from trainsched.httpdeps import EngineDep, NowDep, SessionDep, SettingsDep, client_address
from trainsched.services import sessions
from trainsched.services.errors import TooManyAttempts, Unauthenticated
from trainsched.web.auth import clear_session_cookie, refuse_other_origins, set_session_cookie
from trainsched.web.render import SESSION_COOKIE, render

router = APIRouter(include_in_schema=False)


def safe_next(next_url: str | None) -> str:
    """Only same-site paths are followed after sign-in (no open redirects)."""
    if next_url and next_url.startswith("/") and not next_url.startswith("//"):
        return next_url
    return "/coordinator"


@router.get("/")
def home(request: Request) -> Response:
    """The front page: find a class, learn about the courses, or sign in."""
    return render(request, "home.html")


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    """The coordinator sign-in form."""
    return render(request, "login.html", next_url=safe_next(next), failed=False, user_name="")


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    engine: EngineDep,
    settings: SettingsDep,
    now: NowDep,
    name: Annotated[str, Form(max_length=200)] = "",
    token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form()] = "/coordinator",
) -> Response:
    """Sign in with a user name and the token from `trainsched users add`.

    A wrong pair shows the form again (401); too many of them, from this address or for this
    name, show it with how long to wait (429 and ``Retry-After``).
    """
    refuse_other_origins(request, settings)
    shown = {"next_url": safe_next(next), "user_name": name}
    try:
        session_id = sessions.sign_in(
            engine,
            session,
            settings,
            name=name,
            token=token,
            client=client_address(request, settings),
            now=now,
        )
    except TooManyAttempts as exc:
        minutes = math.ceil(exc.retry_after_s / 60)
        page = render(request, "login.html", 429, failed=True, wait_minutes=minutes, **shown)
        page.headers["Retry-After"] = str(exc.retry_after_s)
        return page
    except Unauthenticated:
        return render(request, "login.html", 401, failed=True, **shown)
    # A session id this browser had before is not carried over into the new sign-in.
    sessions.sign_out(session, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(response, request, settings, session_id)
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """End this browser's session in the store (a copy of the cookie opens nothing after)."""
    refuse_other_origins(request, settings)
    sessions.sign_out(session, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/", status_code=303)
    clear_session_cookie(response)
    return response
