"""Spreadsheets over HTTP: the template, importing a workbook, exporting scenarios and plans."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Request, Response, UploadFile, status
from fastapi.responses import JSONResponse

from trainsched.api.problems import PROBLEM_MEDIA_TYPE, problem_response, problem_responses
from trainsched.api.routes.scenarios import saved
from trainsched.api.schemas import ScenarioPublic
from trainsched.httpdeps import CurrentActor, CurrentCoordinator, SessionDep
from trainsched.services import scenarios, workbooks
from trainsched.services.workbooks import WorkbookRefused
from trainsched.sheets import XLSX_MEDIA_TYPE, read_capped

router = APIRouter(tags=["spreadsheets"])

_XLSX_200: dict[int | str, dict[str, Any]] = {
    200: {"description": "An Excel workbook", "content": {XLSX_MEDIA_TYPE: {}}}
}


def _xlsx(data: bytes, filename: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(data, media_type=XLSX_MEDIA_TYPE, headers=headers)


@router.get(
    "/sheets/template",
    response_class=Response,
    responses={**_XLSX_200, **problem_responses(401)},
)
def template(_: CurrentCoordinator) -> Response:
    """The empty template workbook with example rows."""
    return _xlsx(workbooks.template(), "trainsched-template.xlsx")


@router.post(
    "/scenarios/import",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 404, 413, 422),
)
def import_scenario(
    file: Annotated[UploadFile, File(description="An .xlsx or .csv spreadsheet.")],
    request: Request,
    response: Response,
    session: SessionDep,
    actor: CurrentActor,
    office_id: Annotated[
        str | None, Query(description="The owning office's id (default: your own office).")
    ] = None,
) -> Any:
    """Store a new scenario from a spreadsheet; every problem names its sheet, row and column.

    It belongs to ``office_id`` (by default the caller's own office), where the caller must
    hold the planner role.
    """
    data = read_capped(file.file)
    try:
        row = workbooks.import_scenario(session, actor, data, file.filename or "", office_id)
    except WorkbookRefused as exc:
        return _sheet_problem(request, exc)
    answer: ScenarioPublic = saved(response, scenarios.summary(row))
    return answer


def _sheet_problem(request: Request, exc: WorkbookRefused) -> JSONResponse:
    # Each error keeps the API's path/message pair and adds sheet, row, column and Chinese text.
    status = 413 if exc.too_large else 422
    base = problem_response(request, status, exc.detail, kind=exc.kind)
    body = json.loads(bytes(base.body))
    body["errors"] = [e.as_dict() for e in exc.sheet_errors]
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE)


@router.get(
    "/scenarios/{scenario_id}/export.xlsx",
    response_class=Response,
    responses={**_XLSX_200, **problem_responses(401, 403, 404)},
)
def export_scenario_xlsx(scenario_id: str, session: SessionDep, actor: CurrentActor) -> Response:
    """The scenario's lists in the template layout (re-importable)."""
    data = workbooks.scenario_workbook(session, actor, scenario_id)
    return _xlsx(data, f"scenario-{scenario_id}.xlsx")


@router.get(
    "/plans/{plan_id}/export.xlsx",
    response_class=Response,
    responses={**_XLSX_200, **problem_responses(401, 403, 404, 409)},
)
def export_plan_xlsx(plan_id: str, session: SessionDep, actor: CurrentActor) -> Response:
    """The plan as a coordinator's workbook (it holds trainers' phones: coordinators only)."""
    return _xlsx(workbooks.plan_workbook(session, actor, plan_id), f"plan-{plan_id}.xlsx")
