"""Spreadsheets over HTTP: the template, importing a workbook, exporting scenarios and plans."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, Response, UploadFile, status
from fastapi.responses import JSONResponse

from trainsched.api.problems import (
    PROBLEM_MEDIA_TYPE,
    ProblemError,
    field_problems,
    problem_response,
    problem_responses,
)
from trainsched.api.schemas import ScenarioPublic
from trainsched.formats import FormatError
from trainsched.httpdeps import CurrentCoordinator, SessionDep
from trainsched.services import scenarios as service
from trainsched.services.common import get_row, scenario_etag
from trainsched.sheets import (
    MAX_UPLOAD_BYTES,
    XLSX_MEDIA_TYPE,
    SheetImportError,
    export_plan,
    export_scenario,
    import_workbook,
)
from trainsched.store import repo
from trainsched.store.mapper import plan_from_row, scenario_from_row
from trainsched.store.tables import PlanRow, ScenarioRow

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
    return _xlsx(export_scenario(None), "trainsched-template.xlsx")


@router.post(
    "/scenarios/import",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 413, 422),
)
def import_scenario(
    file: Annotated[UploadFile, File(description="An .xlsx or .csv spreadsheet.")],
    request: Request,
    response: Response,
    session: SessionDep,
    _: CurrentCoordinator,
) -> Any:
    """Store a new scenario from a spreadsheet; every problem names its sheet, row and column."""
    data = file.file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        limit = MAX_UPLOAD_BYTES // (1024 * 1024)
        raise ProblemError(413, f"the file is larger than {limit} MB", kind="too-large")
    try:
        scenario = import_workbook(data, file.filename or "")
    except SheetImportError as exc:
        return _sheet_problem(request, exc)
    row = repo.save_scenario(session, scenario)
    response.headers["ETag"] = scenario_etag(row)
    response.headers["Location"] = f"/api/v1/scenarios/{row.id}"
    public: ScenarioPublic = service.to_public(row)
    return public


def _sheet_problem(request: Request, exc: SheetImportError) -> JSONResponse:
    # Each error keeps the API's path/message pair and adds sheet, row, column and Chinese text.
    detail = f"spreadsheet refused: {len(exc.errors)} problem(s)"
    base = problem_response(request, 422, detail, kind="invalid-spreadsheet")
    body = json.loads(bytes(base.body))
    body["errors"] = [e.as_dict() for e in exc.errors]
    return JSONResponse(body, status_code=422, media_type=PROBLEM_MEDIA_TYPE)


@router.get(
    "/scenarios/{scenario_id}/export.xlsx",
    response_class=Response,
    responses={**_XLSX_200, **problem_responses(401, 404)},
)
def export_scenario_xlsx(scenario_id: str, session: SessionDep, _: CurrentCoordinator) -> Response:
    """The scenario's lists in the template layout (re-importable)."""
    scenario = scenario_from_row(get_row(session, ScenarioRow, scenario_id))
    return _xlsx(export_scenario(scenario), f"scenario-{scenario_id}.xlsx")


@router.get(
    "/plans/{plan_id}/export.xlsx",
    response_class=Response,
    responses={**_XLSX_200, **problem_responses(401, 404, 409)},
)
def export_plan_xlsx(plan_id: str, session: SessionDep, _: CurrentCoordinator) -> Response:
    """The plan as a coordinator's workbook (it holds trainers' phones: coordinators only)."""
    row = get_row(session, PlanRow, plan_id)
    scenario = scenario_from_row(get_row(session, ScenarioRow, row.scenario_id))
    try:
        data = export_plan(scenario, plan_from_row(row))
    except FormatError as exc:
        # The scenario was edited after this plan: the plan no longer fits it.
        problems = field_problems(exc.problems)
        raise ProblemError(409, "the plan no longer fits its scenario", errors=problems) from None
    return _xlsx(data, f"plan-{plan_id}.xlsx")
