"""The coordinator's desk: my scenarios, upload a scenario, import a workbook, the template."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import RedirectResponse
from sqlmodel import Session

from trainsched.formats import Problem
from trainsched.httpdeps import SessionDep
from trainsched.services import access, audit, jsondoc, scenarios, workbooks
from trainsched.services.access import Actor
from trainsched.services.errors import Invalid, TooLarge
from trainsched.services.workbooks import WorkbookRefused
from trainsched.sheets import XLSX_MEDIA_TYPE, read_capped
from trainsched.web.auth import CsrfDep, FormActor, PageActor, PageCoordinator
from trainsched.web.memos import page_memos
from trainsched.web.render import render
from trainsched.web.views import coordinator_scenarios as views

router = APIRouter(prefix="/coordinator", include_in_schema=False)


def xlsx(data: bytes, filename: str) -> Response:
    """An Excel workbook to download."""
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(data, media_type=XLSX_MEDIA_TYPE, headers=headers)


def _read(file: UploadFile) -> bytes:
    # One byte past the limit is enough to know it is too big.
    return read_capped(file.file)


def _desk(
    request: Request,
    session: SessionDep,
    actor: Actor,
    csrf: str,
    status_code: int = 200,
    **ctx: object,
) -> Response:
    return render(
        request,
        "coordinator/home.html",
        status_code=status_code,
        scenarios=views.my_scenarios(session, page_memos(request), actor),
        offices=access.offices_to_plan_in(session, actor),
        office_names=access.office_names(session, actor),
        administers=bool(access.offices_where(session, actor, "admin")),
        reads_audit=bool(access.offices_where(session, actor, audit.READ_ROLE)),
        csrf=csrf,
        **ctx,
    )


@router.get("")
def desk(request: Request, session: SessionDep, actor: PageActor, csrf: CsrfDep) -> Response:
    """My offices' scenarios, with forms to upload or import one."""
    return _desk(request, session, actor, csrf)


def _opened(
    request: Request, session: SessionDep, actor: Actor, csrf: str, store: Callable[[], str]
) -> Response:
    # Store the upload and open its overview; or show the desk listing all that is wrong.
    try:
        scenario_id = store()
    except WorkbookRefused as exc:
        return _desk(request, session, actor, csrf, 422, import_errors=exc.sheet_errors)
    except (Invalid, TooLarge) as exc:
        problems = exc.problems or [Problem("$", exc.detail)]
        return _desk(request, session, actor, csrf, 422, upload_problems=problems)
    return RedirectResponse(f"/coordinator/scenarios/{scenario_id}", status_code=303)


UploadDep = Annotated[UploadFile, File()]


OfficeField = Annotated[str, Form(max_length=64)]
Store = Callable[[Session, Actor, UploadFile, str | None], str]


def _json_scenario(session: Session, actor: Actor, file: UploadFile, office: str | None) -> str:
    """Store an uploaded scenario JSON and open its overview; or list what is wrong with it."""
    return scenarios.create(session, actor, jsondoc.read_json(_read(file)), office).id


def _workbook_scenario(session: Session, actor: Actor, file: UploadFile, office: str | None) -> str:
    """Store a scenario from an Excel workbook; on any error store nothing and list every one."""
    return workbooks.import_scenario(session, actor, _read(file), file.filename or "", office).id


def _upload_route(store: Store) -> Callable[..., Response]:
    # The two desk forms differ only in how the file becomes a scenario; both store it in
    # the office chosen on the form (the user's own by default).
    def upload(
        request: Request,
        session: SessionDep,
        actor: FormActor,
        csrf: CsrfDep,
        file: UploadDep,
        office_id: OfficeField = "",
    ) -> Response:
        chosen = office_id or None
        return _opened(request, session, actor, csrf, lambda: store(session, actor, file, chosen))

    upload.__doc__ = store.__doc__
    return upload


router.post("/scenarios", name="upload_scenario")(_upload_route(_json_scenario))
router.post("/import", name="import_workbook")(_upload_route(_workbook_scenario))


@router.get("/template.xlsx")
def template(_: PageCoordinator) -> Response:
    """The empty import template with an example row per sheet."""
    return xlsx(workbooks.template(), "trainsched-template.xlsx")
