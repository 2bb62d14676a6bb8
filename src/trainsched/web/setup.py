"""Attach the pages, their static assets, language choice and page errors to the app."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from trainsched.httpdeps import allowed_methods, status_of
from trainsched.services.errors import DomainError, Forbidden
from trainsched.web import memos
from trainsched.web.auth import CsrfRejected, LoginRequired, clear_session_cookie, login_url
from trainsched.web.i18n import N_, pick_lang
from trainsched.web.render import LANG_COOKIE, SESSION_COOKIE, page_lang, render
from trainsched.web.views.text import page_text
from trainsched.web.warm import warming_lifespan

STATIC_DIR = Path(__file__).resolve().parent / "static"
_NOT_PAGES = ("/api/", "/docs", "/redoc", "/openapi.json", "/static/", "/healthz", "/readyz")
_YEAR = 365 * 24 * 3600
FORM_EXPIRED = N_("表单已过期，请刷新页面后重试。")
BAD_FIELDS = N_("这些填写项的值无效：")


def is_page(request: Request) -> bool:
    """Whether the request is for a web page (not the API or an asset)."""
    return not request.url.path.startswith(_NOT_PAGES)


def install(app: FastAPI) -> None:
    """Serve the pages on ``app``; call after the API routers and problem handlers."""
    from trainsched.web.routes import routers

    memos.install(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in routers():
        app.include_router(router)
    _install_language(app)
    _install_page_errors(app)
    warming_lifespan(app)


def _install_language(app: FastAPI) -> None:
    app.add_middleware(ChooseLanguage)


class ChooseLanguage:
    """ASGI middleware choosing each request's language (``?lang=``, else the cookie).

    Plain ASGI, not ``@app.middleware``: that one runs every request through an extra task
    and stream, a large share of a prepared public page's cost.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        chosen = request.query_params.get("lang")
        lang = pick_lang(chosen, request.cookies.get(LANG_COOKIE))
        scope.setdefault("state", {})["lang"] = lang
        if chosen is None or chosen != lang:
            await self.app(scope, receive, send)
            return

        async def remembering(message: Message) -> None:
            if message["type"] == "http.response.start":
                # The choice sticks for later pages; it is a preference, not personal data.
                cookie = Response()
                cookie.set_cookie(LANG_COOKIE, chosen, max_age=_YEAR, samesite="lax")
                MutableHeaders(scope=message).append("set-cookie", cookie.headers["set-cookie"])
            await send(message)

        await self.app(scope, receive, remembering)


def _install_page_errors(app: FastAPI) -> None:
    api_domain = app.exception_handlers[DomainError]
    api_http = app.exception_handlers[StarletteHTTPException]
    api_invalid = app.exception_handlers[RequestValidationError]

    async def delegate(handler: Callable[..., Any], request: Request, exc: Exception) -> Response:
        answer = handler(request, exc)
        response: Response = await answer if inspect.isawaitable(answer) else answer
        return response

    async def on_domain(request: Request, exc: Exception) -> Response:
        if not is_page(request):
            return await delegate(api_domain, request, exc)
        assert isinstance(exc, DomainError)
        if isinstance(exc, Forbidden):
            return _error_page(request, 403, exc.message.text(page_lang(request)))
        return _error_page(request, status_of(exc), exc.detail)

    async def on_http(request: Request, exc: Exception) -> Response:
        if not is_page(request):
            return await delegate(api_http, request, exc)
        assert isinstance(exc, StarletteHTTPException)
        page = _error_page(request, exc.status_code, str(exc.detail))
        if exc.status_code == 405:
            page.headers["Allow"] = allowed_methods(request)
        return page

    async def on_login(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, LoginRequired)
        response = RedirectResponse(login_url(exc.next_url), status_code=303)
        if SESSION_COOKIE in request.cookies:
            # The session ended (timeout, sign-out elsewhere): pages stop offering "sign out".
            clear_session_cookie(response)
        return response

    async def on_csrf(request: Request, exc: Exception) -> Response:
        return _error_page(request, 403, page_text(request, FORM_EXPIRED))

    async def on_invalid(request: Request, exc: Exception) -> Response:
        if not is_page(request):
            return await delegate(api_invalid, request, exc)
        assert isinstance(exc, RequestValidationError)
        # Name each wrong field the way the form or address shows it, e.g. "page".
        fields = sorted({str(e["loc"][-1]) for e in exc.errors() if e.get("loc")})
        detail = page_text(request, BAD_FIELDS) + " " + "、".join(fields)
        return _error_page(request, 422, detail)

    app.add_exception_handler(DomainError, on_domain)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(LoginRequired, on_login)
    app.add_exception_handler(CsrfRejected, on_csrf)
    app.add_exception_handler(RequestValidationError, on_invalid)


def _error_page(request: Request, status: int, detail: str) -> Response:
    return render(request, "error.html", status_code=status, status=status, detail=detail)
