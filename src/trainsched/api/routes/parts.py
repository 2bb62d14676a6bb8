"""A scenario edited one course, trainer, venue, cohort, fund, mentor or visit request at a time."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status

from trainsched.api.mapping import public
from trainsched.api.problems import problem_responses
from trainsched.api.routes._body import IfMatch, JsonBody, ScenarioIfMatch, object_body
from trainsched.api.schemas import PartPublic
from trainsched.httpdeps import CurrentActor, SessionDep
from trainsched.services import parts as service
from trainsched.services.errors import Invalid
from trainsched.services.parts import Part, PartKind

router = APIRouter(prefix="/scenarios/{scenario_id}/parts", tags=["scenario parts"])

_ITEM = object_body("One object in the scenario format (e.g. a course or a trainer).")


def _object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise Invalid("expected a JSON object")
    return body


def _with_etag(response: Response, part: Part) -> PartPublic:
    response.headers["ETag"] = part.etag
    return public(PartPublic, part)


@router.get("/{kind}", responses=problem_responses(401, 403, 404))
def list_parts(
    scenario_id: str, kind: PartKind, session: SessionDep, actor: CurrentActor
) -> list[PartPublic]:
    """Every object of one list of a scenario, each with its ETag."""
    return [public(PartPublic, p) for p in service.list_parts(session, actor, scenario_id, kind)]


@router.post(
    "/{kind}",
    status_code=status.HTTP_201_CREATED,
    openapi_extra=_ITEM,
    responses=problem_responses(401, 403, 404, 409, 412, 413, 422),
)
def add_part(
    scenario_id: str,
    kind: PartKind,
    body: JsonBody,
    response: Response,
    session: SessionDep,
    actor: CurrentActor,
    if_match: ScenarioIfMatch = None,
) -> PartPublic:
    """Add one object; the whole scenario is validated again and must stay valid."""
    part = service.add_part(session, actor, scenario_id, kind, _object(body), if_match)
    response.headers["Location"] = f"/api/v1/scenarios/{scenario_id}/parts/{kind.value}/{part.id}"
    return _with_etag(response, part)


@router.get("/{kind}/{item_id}", responses=problem_responses(401, 403, 404))
def read_part(
    scenario_id: str,
    kind: PartKind,
    item_id: str,
    response: Response,
    session: SessionDep,
    actor: CurrentActor,
) -> PartPublic:
    """One object of a scenario list, with its ETag."""
    return _with_etag(response, service.get_part(session, actor, scenario_id, kind, item_id))


@router.put(
    "/{kind}/{item_id}",
    openapi_extra=_ITEM,
    responses=problem_responses(401, 403, 404, 412, 413, 422),
)
def replace_part(
    scenario_id: str,
    kind: PartKind,
    item_id: str,
    body: JsonBody,
    response: Response,
    session: SessionDep,
    actor: CurrentActor,
    if_match: IfMatch = None,
) -> PartPublic:
    """Replace one object; send ``If-Match`` with its ETag."""
    part = service.replace_part(session, actor, scenario_id, kind, item_id, _object(body), if_match)
    return _with_etag(response, part)


@router.delete(
    "/{kind}/{item_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 412, 422),
)
def delete_part(
    scenario_id: str,
    kind: PartKind,
    item_id: str,
    session: SessionDep,
    actor: CurrentActor,
    if_match: IfMatch = None,
) -> Response:
    """Remove one object; refused (422) while something else refers to it."""
    service.delete_part(session, actor, scenario_id, kind, item_id, if_match)
    return Response(status_code=204)
