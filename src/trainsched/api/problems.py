"""RFC 9457 problem details for every error the API answers, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from trainsched.formats import FormatError, Problem
from trainsched.formats.errors import format_path
from trainsched.httpdeps import allowed_methods, status_of
from trainsched.services.errors import (
    DomainError,
    Invalid,
    PreconditionFailed,
    TooManyAttempts,
    Unauthenticated,
    invalid_document,
)

log = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
_TYPE_BASE = "https://trainsched.example/problems/"
# Long enough for a PostgreSQL restart or failover, short enough for a person to wait.
STORE_RETRY_AFTER_S = 5
_KINDS = {
    404: "not-found",
    409: "conflict",
    412: "precondition-failed",
    413: "too-large",
    428: "precondition-required",
    401: "unauthorized",
    429: "too-many-requests",
    403: "forbidden",
}


class FieldProblem(BaseModel):
    """One wrong value, named by its JSON path."""

    path: str
    message: str


class ProblemDetails(BaseModel):
    """An RFC 9457 problem details body."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldProblem] = Field(default_factory=list)


class ProblemError(Exception):
    """Raised by services to answer with a problem details body."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        kind: str | None = None,
        errors: Sequence[FieldProblem] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind
        self.errors = list(errors)
        self.headers = headers


def problem_response(
    request: Request,
    status: int,
    detail: str | None,
    *,
    kind: str | None = None,
    errors: Sequence[FieldProblem] = (),
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Build a problem+json response for ``status``."""
    body = ProblemDetails(
        type=_TYPE_BASE + kind if kind else "about:blank",
        title=_title(status),
        status=status,
        detail=detail,
        instance=request.url.path,
        errors=list(errors),
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def field_problems(problems: Sequence[Problem]) -> list[FieldProblem]:
    """Turn format problems into API field problems."""
    return [FieldProblem(path=p.path, message=p.message) for p in problems]


def domain_problem(exc: DomainError) -> ProblemError:
    """The one problem+json answer for each way a use case refuses."""
    status = status_of(exc)
    headers = None
    kind = _KINDS.get(status)
    if isinstance(exc, PreconditionFailed):
        headers = {"ETag": exc.current}
    elif isinstance(exc, Unauthenticated):
        headers = {"WWW-Authenticate": 'Bearer realm="trainsched"'}
    elif isinstance(exc, TooManyAttempts):
        headers = {"Retry-After": str(exc.retry_after_s)}
    elif isinstance(exc, Invalid):
        kind = exc.kind
    return ProblemError(
        status, exc.detail, kind=kind, errors=field_problems(exc.problems), headers=headers
    )


def _validation_errors(exc: RequestValidationError) -> list[FieldProblem]:
    out = []
    for err in exc.errors():
        loc = tuple(part for part in err.get("loc", ()) if isinstance(part, str | int))
        out.append(FieldProblem(path=format_path(loc), message=str(err.get("msg", "invalid"))))
    return out


def install(app: FastAPI) -> None:
    """Register the problem details handlers on ``app``."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ProblemError)
        return problem_response(
            request, exc.status, exc.detail, kind=exc.kind, errors=exc.errors, headers=exc.headers
        )

    async def on_domain(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DomainError)
        return await on_problem(request, domain_problem(exc))

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = _validation_errors(exc)
        detail = f"request refused: {len(errors)} problem(s)"
        return problem_response(request, 422, detail, kind="invalid-request", errors=errors)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        headers = dict(exc.headers) if exc.headers else None
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": allowed_methods(request)}
        return problem_response(request, exc.status_code, str(exc.detail), headers=headers)

    async def on_format(request: Request, exc: Exception) -> JSONResponse:
        # A stored document the current format refuses (it changed since): say so, never 500.
        assert isinstance(exc, FormatError)
        return await on_domain(request, invalid_document(exc))

    async def on_busy(request: Request, exc: Exception) -> JSONResponse:
        # SQLite allows one writer: a write racing a solve job's progress may lose; retrying works.
        # PostgreSQL briefly away (restart, failover): nothing was written, a retry will work.
        log.warning("store unavailable on %s %s: %s", request.method, request.url.path, exc)
        busy = "database is locked" in str(exc)
        state = "busy" if busy else "unreachable"
        detail = f"the store is {state}; retry shortly"
        retry = "1" if busy else str(STORE_RETRY_AFTER_S)
        return problem_response(request, 503, detail, headers={"Retry-After": retry})

    async def on_dbapi(request: Request, exc: Exception) -> JSONResponse:
        # A dropped connection surfaces as InterfaceError or similar: unavailable, not a bug.
        assert isinstance(exc, DBAPIError)
        if exc.connection_invalidated or _connection_lost(exc):
            return await on_busy(request, exc)
        return await on_crash(request, exc)

    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        # The client learns only that it failed; the details go to the server log.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(request, 500, "internal error; the server log has the details")

    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(DomainError, on_domain)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(OperationalError, on_busy)
    app.add_exception_handler(PoolTimeoutError, on_busy)
    app.add_exception_handler(DBAPIError, on_dbapi)
    for unreachable in _queue_errors():
        app.add_exception_handler(unreachable, on_busy)
    app.add_exception_handler(FormatError, on_format)
    app.add_exception_handler(Exception, on_crash)


def _connection_lost(exc: DBAPIError) -> bool:
    name = type(exc.orig).__name__ if exc.orig is not None else ""
    return name in ("InterfaceError", "OperationalError", "AdminShutdown", "ConnectionTimeout")


def _queue_errors() -> list[type[Exception]]:
    # The queue library is present only with the 'postgres' extra (distributed mode).
    try:
        from procrastinate.exceptions import ConnectorException
    except ImportError:
        return []
    return [ConnectorException]


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the problem statuses a route can answer.

    A route that takes credentials (401) can also answer 429: too many refused tokens lately.
    """
    if 401 in statuses and 429 not in statuses:
        statuses = (*statuses, 429)
    return {
        status: {
            "model": ProblemDetails,
            "description": _title(status),
            "content": {PROBLEM_MEDIA_TYPE: {}},
        }
        for status in statuses
    }
