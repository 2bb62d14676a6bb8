"""One scenario: its overview and checks, its Excel export, and starting a solve."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from trainsched.httpdeps import RunnerDep, SessionDep, SettingsDep
from trainsched.services import access, keep_published, official_days, workbooks
from trainsched.web.auth import CsrfDep, FormActor, PageActor
from trainsched.web.memos import PageMemosDep
from trainsched.web.render import render
from trainsched.web.routes.coordinator_home import xlsx
from trainsched.web.views import coordinator_scenarios as views
from trainsched.web.views.coordinator_calendar import parse_days
from trainsched.web.views.coordinator_forms import FormFields

router = APIRouter(prefix="/coordinator/scenarios", include_in_schema=False)


@router.get("/{scenario_id}")
def overview(
    memos: PageMemosDep,
    scenario_id: str,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    actor: PageActor,
    csrf: CsrfDep,
) -> Response:
    """Counts, horizon, institutions, problems and warnings; the official-notice form and the
    classes the calendar now breaks; the solve form; jobs and plans."""
    return render(
        request,
        "coordinator/scenario.html",
        view=views.overview(session, memos, actor, scenario_id),
        calendar=official_days.review(session, actor, scenario_id),
        csrf=csrf,
        default_limit=settings.default_time_limit_s,
        max_limit=settings.max_time_limit_s,
        may_plan=access.may_in_scenario(session, actor, scenario_id, "planner"),
        plan_needs=access.role_needed("planner"),
    )


@router.get("/{scenario_id}/export.xlsx")
def export(scenario_id: str, session: SessionDep, actor: PageActor) -> Response:
    """The scenario's lists as a workbook in the template's layout."""
    data = workbooks.scenario_workbook(session, actor, scenario_id)
    return xlsx(data, f"scenario-{scenario_id}.xlsx")


@router.post("/{scenario_id}/solve")
def start_solve(
    scenario_id: str,
    session: SessionDep,
    settings: SettingsDep,
    runner: RunnerDep,
    actor: FormActor,
    time_limit_s: Annotated[str, Form()] = "",
    start: Annotated[str, Form(max_length=16)] = "keep",
) -> Response:
    """Queue a solve and go to its job page; it keeps the published plan as far as possible
    unless the coordinator chose to start from scratch."""
    fields = FormFields()
    limit = fields.number("time_limit_s", time_limit_s, 0, settings.max_time_limit_s)
    fields.refuse_if_bad()
    keep = start != "scratch"
    job = keep_published.start_solve(session, actor, runner, scenario_id, limit, keep, settings)
    return RedirectResponse(f"/coordinator/jobs/{job.id}", status_code=303)


@router.post("/{scenario_id}/official-days")
def enter_official_days(
    scenario_id: str,
    session: SessionDep,
    actor: FormActor,
    year: Annotated[str, Form(max_length=8)] = "",
    holidays: Annotated[str, Form(max_length=4000)] = "",
    workdays: Annotated[str, Form(max_length=4000)] = "",
    etag: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Store a year's official holidays and adjusted working days; back to the page, which
    lists the classes they break."""
    fields = FormFields()
    days = official_days.OfficialDays(
        year=fields.count("year", year, 2000, 2100),
        holidays=parse_days(fields, "holidays", holidays),
        workdays=parse_days(fields, "workdays", workdays),
    )
    fields.refuse_if_bad()
    official_days.enter_official_days(session, actor, scenario_id, days, etag)
    return RedirectResponse(f"/coordinator/scenarios/{scenario_id}#calendar", status_code=303)
