"""The audit trail of the offices the caller may read it at, as JSON or CSV."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Response

from trainsched.api import mapping
from trainsched.api.mapping import public
from trainsched.api.problems import problem_responses
from trainsched.api.schemas import AuditEntryPublic
from trainsched.formats import Lang
from trainsched.httpdeps import CurrentActor, SessionDep
from trainsched.services import audit as service

router = APIRouter(tags=["audit"])

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
_CSV_200: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "The trail (JSON, or CSV when asked)."}
}


@router.get("/audit", responses={**_CSV_200, **problem_responses(401, 403, 404, 422)})
def read_audit(
    session: SessionDep,
    actor: CurrentActor,
    lang: Annotated[Lang, Depends(mapping.api_lang)],
    office: Annotated[
        str | None, Query(description="An office's id: its trail and its sub-offices'.")
    ] = None,
    since: Annotated[
        dt.datetime | None, Query(description="Only changes at or after this instant.")
    ] = None,
    output: Annotated[str | None, Query(alias="format", pattern="^(json|csv)$")] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Any:
    """Who changed what, where and when, newest first (publisher or admin of the office).

    ``since`` needs a timezone (``Z`` or an offset). CSV with ``Accept: text/csv`` or
    ``?format=csv``; its cells are safe to open in a spreadsheet.
    """
    found = service.entries(session, actor, office, since)
    wants_csv = output == "csv" or (output is None and "text/csv" in (accept or ""))
    if wants_csv:
        headers = {"Content-Disposition": 'attachment; filename="audit.csv"'}
        return Response(service.as_csv(found), media_type=CSV_MEDIA_TYPE, headers=headers)
    return [public(AuditEntryPublic, e, lang) for e in found]
