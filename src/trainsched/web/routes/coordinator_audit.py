"""The audit trail page: who changed what, where and when, with a CSV export."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from trainsched.httpdeps import SessionDep
from trainsched.services import audit
from trainsched.services.audit import AuditEntry
from trainsched.web.auth import PageActor
from trainsched.web.render import render

router = APIRouter(prefix="/coordinator", include_in_schema=False)

# The page shows the newest rows; the CSV export carries all of them.
PAGE_ROWS = 200


def _since(day: dt.date | None) -> dt.datetime | None:
    # A day typed on the page starts at midnight UTC, the zone the trail is kept in.
    return dt.datetime.combine(day, dt.time(), dt.UTC) if day else None


def _found(
    session: SessionDep,
    actor: PageActor,
    office: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[dt.date | None, Query()] = None,
) -> list[AuditEntry]:
    return audit.entries(session, actor, office or None, _since(since))


Found = Annotated[list[AuditEntry], Depends(_found)]


@router.get("/audit")
def audit_page(request: Request, found: Found) -> Response:
    """The newest changes in the offices the user may read the trail of."""
    query = request.url.query
    return render(
        request,
        "coordinator/audit.html",
        entries=found[:PAGE_ROWS],
        total=len(found),
        csv_url="/coordinator/audit.csv" + (f"?{query}" if query else ""),
    )


@router.get("/audit.csv")
def audit_csv(found: Found) -> Response:
    """The same trail as a CSV file (cells safe to open in a spreadsheet)."""
    headers = {"Content-Disposition": 'attachment; filename="audit.csv"'}
    return Response(audit.as_csv(found), media_type="text/csv; charset=utf-8", headers=headers)
