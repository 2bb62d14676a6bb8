"""A scenario built by parts: one course, trainer, venue, cohort, ... at a time."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from trainsched.services import access
from trainsched.services.access import Actor
from trainsched.services.common import check_if_match, content_etag, scenario_etag
from trainsched.services.errors import Conflict, Invalid, NotFound
from trainsched.services.scenarios import document_of, parse, save
from trainsched.store.tables import ScenarioRow


class PartKind(enum.StrEnum):
    """The lists of a scenario that can be edited one object at a time."""

    regions = "regions"
    courses = "courses"
    trainers = "trainers"
    venues = "venues"
    cohorts = "cohorts"
    funds = "funds"
    mentors = "mentors"
    visit_requests = "visit_requests"


@dataclass(frozen=True)
class Part:
    """One object of a scenario list, with its own version tag and the scenario's revision."""

    kind: str
    id: str
    etag: str
    scenario_revision: int
    data: dict[str, Any]


def _items(doc: dict[str, Any], kind: PartKind) -> list[dict[str, Any]]:
    items = doc.setdefault(kind.value, [])
    return items if isinstance(items, list) else []


def _index(items: list[dict[str, Any]], item_id: str) -> int | None:
    for i, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == item_id:
            return i
    return None


def _public(row: ScenarioRow, kind: PartKind, item: dict[str, Any]) -> Part:
    return Part(
        kind=kind.value,
        id=str(item.get("id")),
        etag=content_etag(item),
        scenario_revision=row.revision,
        data=item,
    )


def list_parts(session: Session, actor: Actor, scenario_id: str, kind: PartKind) -> list[Part]:
    """Every object of one list of a scenario."""
    row = access.scenario(session, actor, scenario_id, "viewer")
    return [_public(row, kind, item) for item in _items(document_of(row), kind)]


def get_part(
    session: Session, actor: Actor, scenario_id: str, kind: PartKind, item_id: str
) -> Part:
    """One object of a scenario list, or 404."""
    row = access.scenario(session, actor, scenario_id, "viewer")
    items = _items(document_of(row), kind)
    i = _index(items, item_id)
    if i is None:
        raise _missing(kind, item_id)
    return _public(row, kind, items[i])


def add_part(
    session: Session,
    actor: Actor,
    scenario_id: str,
    kind: PartKind,
    item: dict[str, Any],
    if_match: str | None,
) -> Part:
    """Append an object to a scenario list; the whole scenario must stay valid."""
    row = access.scenario(session, actor, scenario_id, "planner")
    check_if_match(if_match, scenario_etag(row))
    doc = document_of(row)
    items = _items(doc, kind)
    item_id = item.get("id")
    if isinstance(item_id, str) and _index(items, item_id) is not None:
        raise Conflict(f"{kind.value} already has an object {item_id!r}")
    items.append(item)
    return _store(session, actor, row, doc, kind, len(items) - 1)


def replace_part(
    session: Session,
    actor: Actor,
    scenario_id: str,
    kind: PartKind,
    item_id: str,
    item: dict[str, Any],
    if_match: str | None,
) -> Part:
    """Replace one object of a scenario list, refusing a stale ``If-Match``."""
    row, doc, items, i = _editing(session, actor, (scenario_id, kind, item_id), if_match)
    items[i] = {**item, "id": item.get("id", item_id)}
    if items[i]["id"] != item_id:
        raise Invalid("the id in the body differs from the id in the URL")
    return _store(session, actor, row, doc, kind, i)


def delete_part(
    session: Session,
    actor: Actor,
    scenario_id: str,
    kind: PartKind,
    item_id: str,
    if_match: str | None,
) -> None:
    """Remove one object; refused when something else still refers to it."""
    row, doc, items, i = _editing(session, actor, (scenario_id, kind, item_id), if_match)
    del items[i]
    save(session, actor, row, parse(doc))


def _editing(
    session: Session, actor: Actor, at: tuple[str, PartKind, str], if_match: str | None
) -> tuple[ScenarioRow, dict[str, Any], list[dict[str, Any]], int]:
    # The scenario, its document, the list and the object's place (``at``: the scenario, the
    # list and the object's id), once If-Match holds.
    scenario_id, kind, item_id = at
    row = access.scenario(session, actor, scenario_id, "planner")
    doc = document_of(row)
    items = _items(doc, kind)
    i = _index(items, item_id)
    if i is None:
        raise _missing(kind, item_id)
    check_if_match(if_match, content_etag(items[i]))
    return row, doc, items, i


def _store(
    session: Session, actor: Actor, row: ScenarioRow, doc: dict[str, Any], kind: PartKind, i: int
) -> Part:
    saved = save(session, actor, row, parse(doc))
    # Read back the stored form, so the ETag matches what a later GET returns.
    return _public(saved, kind, _items(document_of(saved), kind)[i])


def _missing(kind: PartKind, item_id: str) -> NotFound:
    return NotFound(kind.value, item_id, f"{kind.value} has no object {item_id!r}")
