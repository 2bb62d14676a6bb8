"""The coordinator's desk: my scenarios, upload a scenario, import a workbook, the template."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, Response, UploadFile
from fastapi.responses import RedirectResponse

from trainsched.httpdeps import SessionDep
from trainsched.sheets import MAX_UPLOAD_BYTES, XLSX_MEDIA_TYPE, export_scenario
from trainsched.web.auth import CsrfDep, FormCoordinator, PageCoordinator
from trainsched.web.render import render
from trainsched.web.views import coordinator_scenarios as views

router = APIRouter(prefix="/coordinator", include_in_schema=False)


def xlsx(data: bytes, filename: str) -> Response:
    """An Excel workbook to download."""
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(data, media_type=XLSX_MEDIA_TYPE, headers=headers)


def _read(file: UploadFile) -> bytes:
    # One byte past the limit is enough to know it is too big.
    return file.file.read(MAX_UPLOAD_BYTES + 1)


def _desk(
    request: Request, session: SessionDep, csrf: str, status_code: int = 200, **ctx: object
) -> Response:
    return render(
        request,
        "coordinator/home.html",
        status_code=status_code,
        scenarios=views.my_scenarios(session),
        csrf=csrf,
        **ctx,
    )


@router.get("")
def desk(request: Request, session: SessionDep, _: PageCoordinator, csrf: CsrfDep) -> Response:
    """My scenarios, with forms to upload or import one."""
    return _desk(request, session, csrf)


@router.post("/scenarios")
def upload_scenario(
    request: Request,
    session: SessionDep,
    _: FormCoordinator,
    csrf: CsrfDep,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Store an uploaded scenario JSON and open its overview; or list what is wrong with it."""
    try:
        scenario = views.create_from_json(session, _read(file))
    except views.UploadRefused as exc:
        return _desk(request, session, csrf, 422, upload_problems=exc.problems)
    return RedirectResponse(f"/coordinator/scenarios/{scenario.id}", status_code=303)


@router.post("/import")
def import_workbook(
    request: Request,
    session: SessionDep,
    _: FormCoordinator,
    csrf: CsrfDep,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Store a scenario from an Excel workbook; on any error store nothing and list every one."""
    try:
        scenario = views.create_from_workbook(session, _read(file), file.filename or "")
    except views.ImportRefused as exc:
        return _desk(request, session, csrf, 422, import_errors=exc.errors)
    return RedirectResponse(f"/coordinator/scenarios/{scenario.id}", status_code=303)


@router.get("/template.xlsx")
def template(_: PageCoordinator) -> Response:
    """The empty import template with an example row per sheet."""
    return xlsx(export_scenario(None), "trainsched-template.xlsx")
