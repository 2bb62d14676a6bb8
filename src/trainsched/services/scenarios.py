"""Scenario documents: upload, read, replace, delete, list, validate."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session

from trainsched.api.schemas import ScenarioCounts, ScenarioPublic
from trainsched.formats import FormatError, Problem, Scenario, parse_scenario
from trainsched.services import publications
from trainsched.services.common import check_if_match, get_row, scenario_etag
from trainsched.services.errors import PreconditionFailed, invalid_document
from trainsched.store import repo
from trainsched.store.errors import ConflictError
from trainsched.store.mapper import scenario_from_row
from trainsched.store.tables import ScenarioRow


def parse_or_422(document: Any, prefix: str = "") -> Scenario:
    """The validated scenario, or a 422 problem listing every JSON path at fault."""
    try:
        return parse_scenario(document)
    except FormatError as exc:
        raise invalid_document(exc, prefix) from None


def validate_document(document: Any) -> list[Problem]:
    """What is wrong with a scenario document (nothing when it is valid); nothing is stored."""
    try:
        parse_scenario(document)
    except FormatError as exc:
        return exc.problems
    return []


def to_public(row: ScenarioRow) -> ScenarioPublic:
    """The list view of a stored scenario."""
    doc = json.loads(row.document)
    horizon = doc.get("horizon", {})
    counts = ScenarioCounts(**{k: len(doc.get(k, [])) for k in ScenarioCounts.model_fields})
    return ScenarioPublic(
        id=row.id,
        name=row.name,
        revision=row.revision,
        etag=scenario_etag(row),
        horizon_start=horizon["start"],
        horizon_end=horizon["end"],
        counts=counts,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def create(session: Session, document: Any) -> ScenarioRow:
    """Validate and store a new scenario."""
    return repo.save_scenario(session, parse_or_422(document))


def load(session: Session, scenario_id: str) -> tuple[ScenarioRow, Scenario]:
    """The stored row and its validated scenario, or 404."""
    row = get_row(session, ScenarioRow, scenario_id)
    return row, scenario_from_row(row)


def document_of(row: ScenarioRow) -> dict[str, Any]:
    """The stored document as a JSON object."""
    doc: dict[str, Any] = json.loads(row.document)
    return doc


def replace(session: Session, scenario_id: str, document: Any, if_match: str | None) -> ScenarioRow:
    """Replace a whole scenario, refusing a stale ``If-Match``."""
    row = get_row(session, ScenarioRow, scenario_id)
    check_if_match(if_match, scenario_etag(row))
    return save(session, row, parse_or_422(document))


def save(session: Session, row: ScenarioRow, scenario: Scenario) -> ScenarioRow:
    """Store a changed scenario over ``row``, unless someone else changed it meanwhile."""
    try:
        saved = repo.save_scenario(session, scenario, row.id, expected_revision=row.revision)
    except ConflictError as exc:
        raise PreconditionFailed(str(exc), scenario_etag(row)) from None
    publications.changed(session, saved.id)
    return saved


def delete(session: Session, scenario_id: str, if_match: str | None) -> None:
    """Delete a scenario with its plans and jobs."""
    row = get_row(session, ScenarioRow, scenario_id)
    check_if_match(if_match, scenario_etag(row))
    repo.delete_scenario(session, scenario_id)
    publications.changed(session, scenario_id)


def list_public(session: Session) -> list[ScenarioPublic]:
    """Every stored scenario's list view."""
    return [to_public(row) for row in repo.list_scenarios(session)]
