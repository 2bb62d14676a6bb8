"""The front page and coordinator sign-in / sign-out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from trainsched.httpdeps import SessionDep, SettingsDep
from trainsched.store import repo
from trainsched.web.render import SESSION_COOKIE, render

router = APIRouter(include_in_schema=False)

_SESSION_AGE = 12 * 3600


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
    return render(request, "login.html", next_url=safe_next(next), failed=False)


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/coordinator",
) -> Response:
    """Sign in with the token from `trainsched users add`; a wrong token shows the form again."""
    token = token.strip()
    coordinator = repo.coordinator_by_token(session, token) if token else None
    if coordinator is None:
        return render(request, "login.html", status_code=401, next_url=safe_next(next), failed=True)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=_SESSION_AGE,
        httponly=True,
        samesite="lax",
        secure=settings.environment == "production",
    )
    return response


@router.post("/logout")
def logout() -> Response:
    """Forget this browser's sign-in."""
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
