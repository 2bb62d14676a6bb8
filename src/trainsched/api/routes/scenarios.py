"""Scenario documents: upload, list, read, replace, delete, validate."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from trainsched.api.mapping import public
from trainsched.api.problems import field_problems, problem_responses
from trainsched.api.routes._body import (
    IfMatch,
    IfNoneMatch,
    JsonBody,
    body_schema,
    document_response,
    object_body,
)
from trainsched.api.schemas import ScenarioPublic, ValidationReport
from trainsched.formats import Scenario
from trainsched.httpdeps import CurrentActor, CurrentCoordinator, SessionDep
from trainsched.services import scenarios as service
from trainsched.services.common import scenario_etag
from trainsched.services.scenarios import ScenarioSummary

router = APIRouter(prefix="/scenarios", tags=["scenarios"])

OfficeParam = Annotated[
    str | None, Query(description="The owning office's id (default: your own office).")
]
_DOC = body_schema("Scenario", "A whole scenario document (`trainsched.scenario/1`).")


def saved(response: Response, found: ScenarioSummary) -> ScenarioPublic:
    """A stored scenario's answer, with its ETag and where to find it."""
    response.headers["ETag"] = found.etag
    response.headers["Location"] = f"/api/v1/scenarios/{found.id}"
    return public(ScenarioPublic, found)


@router.get("", responses=problem_responses(401))
def list_scenarios(session: SessionDep, actor: CurrentActor) -> list[ScenarioPublic]:
    """Every scenario of the offices the caller sees."""
    return [public(ScenarioPublic, s) for s in service.list_summaries(session, actor)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    openapi_extra=_DOC,
    responses=problem_responses(401, 403, 404, 413, 422),
)
def create_scenario(
    document: JsonBody,
    response: Response,
    session: SessionDep,
    actor: CurrentActor,
    office_id: OfficeParam = None,
) -> ScenarioPublic:
    """Upload a whole scenario; every problem is listed with its JSON path.

    It belongs to ``office_id`` (by default the caller's own office), where the caller must
    hold the planner role.
    """
    return saved(response, service.create(session, actor, document, office_id))


# Any JSON object: what is wrong with it is the answer (200), not a refusal.
_ANY = object_body("A scenario document to check, however wrong (`trainsched.scenario/1`).")


@router.post("/validate", openapi_extra=_ANY, responses=problem_responses(401, 413, 422))
def validate_scenario(document: JsonBody, _: CurrentCoordinator) -> ValidationReport:
    """Check a scenario document without storing it."""
    problems = service.validate_document(document)
    return ValidationReport(valid=not problems, errors=field_problems(problems))


@router.get(
    "/{scenario_id}",
    response_model=Scenario,
    responses={304: {"description": "Not Modified"}, **problem_responses(401, 403, 404)},
)
def read_scenario(
    scenario_id: str,
    session: SessionDep,
    actor: CurrentActor,
    if_none_match: IfNoneMatch = None,
) -> Any:
    """The scenario document in the spec's format, with its ETag."""
    row = service.read(session, actor, scenario_id)
    return document_response(row.document, scenario_etag(row), if_none_match)


@router.get("/{scenario_id}/summary", responses=problem_responses(401, 403, 404))
def read_summary(
    scenario_id: str, response: Response, session: SessionDep, actor: CurrentActor
) -> ScenarioPublic:
    """A scenario's name, revision, ETag and counts."""
    row = service.read(session, actor, scenario_id)
    response.headers["ETag"] = scenario_etag(row)
    return public(ScenarioPublic, service.summary(row))


@router.put(
    "/{scenario_id}", openapi_extra=_DOC, responses=problem_responses(401, 403, 404, 412, 413, 422)
)
def replace_scenario(
    scenario_id: str,
    document: JsonBody,
    response: Response,
    session: SessionDep,
    actor: CurrentActor,
    if_match: IfMatch = None,
) -> ScenarioPublic:
    """Replace a whole scenario; send ``If-Match`` so nobody's change is overwritten silently."""
    return saved(response, service.replace(session, actor, scenario_id, document, if_match))


@router.delete(
    "/{scenario_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 412),
)
def delete_scenario(
    scenario_id: str, session: SessionDep, actor: CurrentActor, if_match: IfMatch = None
) -> Response:
    """Delete a scenario with its plans and jobs."""
    service.delete(session, actor, scenario_id, if_match)
    return Response(status_code=204)
