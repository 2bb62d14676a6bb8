"""Lookups and version checks shared by every use case."""

from __future__ import annotations

import hashlib
import json
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

from trainsched.services.errors import NotFound, PreconditionFailed, PreconditionRequired
from trainsched.store.tables import PlanRow, ScenarioRow, SolveJobRow

T = TypeVar("T", bound=SQLModel)

_WHAT: dict[type[SQLModel], str] = {
    ScenarioRow: "scenario",
    PlanRow: "plan",
    SolveJobRow: "solve job",
}


def get_row(session: Session, model: type[T], row_id: str) -> T:
    """The row of ``model`` with this id, or NotFound naming what was missing."""
    row = session.get(model, row_id)
    if row is None:
        what = _WHAT.get(model, model.__name__)
        raise NotFound(what, row_id)
    return row


def scenario_etag(row: ScenarioRow) -> str:
    """The ETag of a scenario: its revision (it grows on every change)."""
    return f'"s{row.revision}"'


def plan_etag(row: PlanRow) -> str:
    """The ETag of a plan: the document never changes, its publication status does."""
    return f'"p{row.version}-{row.status}"'


def content_etag(data: Any) -> str:
    """A strong ETag from the canonical JSON of a value."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24] + '"'


def _tags(header: str, *, weak: bool = True) -> list[str]:
    tags = [tag.strip() for tag in header.split(",") if tag.strip()]
    if weak:
        return [tag.removeprefix("W/") for tag in tags]
    # Strong comparison (RFC 9110 §13.1.1): a weak tag never matches.
    return [tag for tag in tags if not tag.startswith("W/")]


def check_if_match(if_match: str | None, current: str) -> None:
    """Refuse a change not made against ``current``, the version stored now.

    Without ``If-Match`` nobody can tell whether someone else's change would be overwritten,
    so it is required (PreconditionRequired); a version other than ``current`` is stale
    (PreconditionFailed).
    """
    if if_match is None or not if_match.strip():
        raise PreconditionRequired(
            f"send If-Match with the ETag last read (it is now {current}) so that "
            "nobody's change is overwritten unseen"
        )
    tags = _tags(if_match, weak=False)
    if "*" in tags or current in tags:
        return
    raise PreconditionFailed(
        f"the resource changed: it is now at {current}, not {if_match}; read it again", current
    )


def none_match(if_none_match: str | None, current: str) -> bool:
    """True when an ``If-None-Match`` header already names ``current`` (answer 304)."""
    if if_none_match is None:
        return False
    tags = _tags(if_none_match)
    return "*" in tags or current in tags
