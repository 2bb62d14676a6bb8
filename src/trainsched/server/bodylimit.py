"""Request bodies are taken only from signed-in coordinators, and only up to a size.

Every request that carries a body is checked here before anything reads it: whoever sent
it is looked up first (a bearer token, or the pages' session cookie); a declared
``Content-Length`` over the limit is refused at once; a body sent without one (chunked) is
counted while it streams and stops at the limit (413). Anyone not signed in may send only
a small body (the sign-in form) and is told to sign in (401) past it, so nobody unknown can
make the server hold a large upload.
"""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Any

from fastapi import FastAPI, Request
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from trainsched.httpdeps import get_now
from trainsched.services import sessions
from trainsched.services.errors import DomainError, TooLarge, Unauthenticated
from trainsched.settings import Settings
from trainsched.store.db import session_scope

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class BodyTooLarge(Exception):  # noqa: N818 - a signal between receive() and the middleware
    """Raised from ``receive`` when a streamed body passes the limit."""


class BodyLimit:
    """ASGI middleware refusing request bodies larger than whoever sent them may send."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        owner: FastAPI,
        engine: Engine,
        session_cookie: str,
        signed_in_bytes: int,
        anonymous_bytes: int,
    ) -> None:
        self.app = app
        self.owner = owner
        self.engine = engine
        self.session_cookie = session_cookie
        self.signed_in_bytes = signed_in_bytes
        self.anonymous_bytes = anonymous_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        declared = _declared_length(request)
        if declared == 0:
            await self.app(scope, receive, send)
            return
        signed_in = await self._signed_in(request)
        limit = self.signed_in_bytes if signed_in else self.anonymous_bytes
        if declared is not None and declared > limit:
            await self._refuse(scope, receive, send, limit, signed_in)
            return
        await self._counted(scope, receive, send, limit, signed_in)

    async def _counted(
        self, scope: Scope, receive: Receive, send: Send, limit: int, signed_in: bool
    ) -> None:
        seen = 0
        over = False
        started = False

        async def counting_receive() -> Message:
            nonlocal seen, over
            if over:
                raise BodyTooLarge()
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    over = True
                    raise BodyTooLarge()
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            # Whatever the app made of a cut-off body (a parse error, say), the answer is 413.
            if over and not started:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except BodyTooLarge:
            over = True
        if over and not started:
            await self._refuse(scope, receive, send, limit, signed_in)

    async def _signed_in(self, request: Request) -> bool:
        token = _bearer(request) or ""
        session_id = "" if token else request.cookies.get(self.session_cookie, "")
        if not token and not session_id:
            return False
        # The app's clock, so a test that moves it sees the same sessions as the routes (the
        # app's own is async; a test's may be a plain function).
        now = self.owner.dependency_overrides.get(get_now, get_now)()
        if inspect.isawaitable(now):
            now = await now
        return await run_in_threadpool(self._known, token, session_id, now)

    def _known(self, token: str, session_id: str, now: dt.datetime) -> bool:
        settings: Settings = self.owner.state.settings
        try:
            with session_scope(self.engine) as session:
                return sessions.signed_in(
                    session, settings, token=token, session_id=session_id, now=now
                )
        except SQLAlchemyError:
            # The store is away: the route's own sign-in check will answer 503 for it, so the
            # body is only bounded by the signed-in limit here, never taken unbounded.
            return True

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, limit: int, signed_in: bool
    ) -> None:
        # The app's own handler answers, so the API gets problem+json and pages an HTML page.
        # Someone unknown is told to sign in: that, not the size, is what stands in the way.
        refusal: DomainError = (
            TooLarge(f"the request body is larger than the {_size(limit)} accepted")
            if signed_in
            else Unauthenticated(
                f"sign in (a coordinator's bearer token) to send more than {_size(limit)}"
            )
        )
        handler = self.owner.exception_handlers[DomainError]
        answer: Any = handler(Request(scope, receive), refusal)
        response = await answer if inspect.isawaitable(answer) else answer
        # The rest of the body is not read: the connection closes after the answer.
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


def _declared_length(request: Request) -> int | None:
    raw = request.headers.get("content-length")
    if raw is None:
        return None if "transfer-encoding" in request.headers else 0
    return int(raw) if raw.isdigit() else None


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _size(limit: int) -> str:
    if limit >= 2**20:
        return f"{limit // 2**20} MB"
    return f"{limit // 2**10} KB"
