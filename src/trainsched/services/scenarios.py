"""Scenario documents: upload (JSON or a workbook), read, replace, delete, list, validate."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlmodel import Session

from trainsched.formats import FormatError, Problem, Scenario, parse_scenario
from trainsched.services import access, audit, publications
from trainsched.services.access import Actor
from trainsched.services.common import check_if_match, scenario_etag
from trainsched.services.errors import Invalid, PreconditionFailed, invalid_document
from trainsched.services.records import Record
from trainsched.store import repo
from trainsched.store.errors import ConflictError
from trainsched.store.mapper import scenario_from_row
from trainsched.store.office_tables import Role
from trainsched.store.tables import ScenarioRow


class ScenarioCounts(Record):
    """How many objects of each kind a scenario holds."""

    courses: int
    trainers: int
    venues: int
    cohorts: int
    funds: int
    mentors: int
    visit_requests: int


class ScenarioSummary(Record):
    """A stored scenario as lists show it: name, revision, horizon and counts."""

    id: str
    name: str
    office_id: str
    revision: int
    etag: str
    horizon_start: dt.date
    horizon_end: dt.date
    counts: ScenarioCounts
    created_at: dt.datetime
    updated_at: dt.datetime


def parse(document: Any, prefix: str = "") -> Scenario:
    """The validated scenario, or Invalid listing every JSON path at fault."""
    try:
        return parse_scenario(document)
    except FormatError as exc:
        raise invalid_document(exc, prefix) from None


def validate_document(document: Any) -> list[Problem]:
    """What is wrong with a scenario document (nothing when it is valid); nothing is stored.

    Anything but a JSON object is not a document at all, and is refused outright.
    """
    if not isinstance(document, dict):
        raise Invalid("a scenario document is a JSON object", [Problem("$", "expected an object")])
    try:
        parse_scenario(document)
    except FormatError as exc:
        return exc.problems
    return []


def summary(row: ScenarioRow) -> ScenarioSummary:
    """The list view of a stored scenario."""
    doc = document_of(row)
    horizon = doc.get("horizon", {})
    return ScenarioSummary(
        id=row.id,
        name=row.name,
        office_id=row.office_id,
        revision=row.revision,
        etag=scenario_etag(row),
        horizon_start=dt.date.fromisoformat(horizon["start"]),
        horizon_end=dt.date.fromisoformat(horizon["end"]),
        counts=ScenarioCounts(**{k: len(doc.get(k, [])) for k in ScenarioCounts.model_fields}),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def create(
    session: Session, actor: Actor, document: Any, office_id: str | None = None
) -> ScenarioSummary:
    """Validate and store a new scenario in an office the actor plans in (default: their own).

    The office is checked first: an office the actor cannot see answers the same whatever
    was sent.
    """
    office = access.office(session, actor, office_id, "planner")
    return summary(store_new(session, actor, parse(document), office))


def store_new(
    session: Session, actor: Actor, scenario: Scenario, office_id: str | None = None
) -> ScenarioRow:
    """Store a scenario already validated (e.g. imported from a workbook)."""
    office = access.office(session, actor, office_id, "planner")
    row = repo.save_scenario(session, scenario, office_id=office)
    audit.record(
        session,
        "scenario.created",
        row.id,
        actor=actor,
        office_id=office,
        etag_after=scenario_etag(row),
    )
    return row


def read(session: Session, actor: Actor, scenario_id: str, need: Role = "viewer") -> ScenarioRow:
    """The stored scenario, or NotFound when it is missing or the actor cannot see it."""
    return access.scenario(session, actor, scenario_id, need)


def load(
    session: Session, actor: Actor, scenario_id: str, need: Role = "viewer"
) -> tuple[ScenarioRow, Scenario]:
    """The stored row and its validated scenario, or NotFound."""
    row = read(session, actor, scenario_id, need)
    return row, scenario_from_row(row)


def document_of(row: ScenarioRow) -> dict[str, Any]:
    """The stored document as a JSON object."""
    doc: dict[str, Any] = json.loads(row.document)
    return doc


def replace(
    session: Session, actor: Actor, scenario_id: str, document: Any, if_match: str | None
) -> ScenarioSummary:
    """Replace a whole scenario, refusing a stale ``If-Match``."""
    row = read(session, actor, scenario_id, "planner")
    check_if_match(if_match, scenario_etag(row))
    return summary(save(session, actor, row, parse(document)))


def save(session: Session, actor: Actor, row: ScenarioRow, scenario: Scenario) -> ScenarioRow:
    """Store a changed scenario over ``row``, unless someone else changed it meanwhile.

    ``row`` was read for the actor with the planner role; the change goes on the trail.
    """
    before = scenario_etag(row)
    try:
        saved = repo.save_scenario(session, scenario, row.id, expected_revision=row.revision)
    except ConflictError as exc:
        raise PreconditionFailed(str(exc), before) from None
    publications.changed(session, saved.id)
    if scenario_etag(saved) == before:
        return saved  # nothing changed: nothing to record
    audit.record(
        session,
        "scenario.replaced",
        saved.id,
        actor=actor,
        office_id=saved.office_id,
        etag_before=before,
        etag_after=scenario_etag(saved),
    )
    return saved


def delete(session: Session, actor: Actor, scenario_id: str, if_match: str | None) -> None:
    """Delete a scenario with its plans and jobs."""
    row = read(session, actor, scenario_id, "planner")
    before, office = scenario_etag(row), row.office_id
    check_if_match(if_match, before)
    repo.delete_scenario(session, scenario_id)
    publications.changed(session, scenario_id)
    audit.record(
        session, "scenario.deleted", scenario_id, actor=actor, office_id=office, etag_before=before
    )


def list_summaries(session: Session, actor: Actor) -> list[ScenarioSummary]:
    """The list view of every scenario the actor sees."""
    rows = repo.list_scenarios(session)
    return [summary(row) for row in rows if actor.sees(row.office_id)]
