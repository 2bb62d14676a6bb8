"""Query parameters a route does not declare are refused, not ignored.

A mistyped filter (``/audit?ofice=…``) that was silently dropped would answer for everything
the user may see, as if the filter had been applied; a 422 naming the parameter says what
went wrong. Only the coordinators' API is strict: public pages and calendar feeds are
opened by calendar apps and browsers that may add parameters of their own.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from trainsched.formats import Problem
from trainsched.services.errors import Invalid


def _query_names(dependant: Dependant) -> Iterator[str]:
    for param in dependant.query_params:
        yield param.alias
    for sub in dependant.dependencies:
        yield from _query_names(sub)


def only_declared_query(request: Request) -> None:
    """Refuse the request when it carries a query parameter its route does not declare."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    # A walk over a few dependencies: cheap next to the request, and nothing to keep in step.
    unknown = sorted(set(request.query_params) - set(_query_names(route.dependant)))
    if unknown:
        raise Invalid(
            "unknown query parameter(s): " + ", ".join(repr(name) for name in unknown),
            [Problem(f"query.{name}", "not a parameter of this request") for name in unknown],
            kind="invalid-request",
        )


__all__ = ["only_declared_query"]
