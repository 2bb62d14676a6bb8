"""A plan: its page, publishing it, its Excel export, and options for one more class."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form, Query, Request, Response
from fastapi.responses import RedirectResponse

from trainsched.httpdeps import PublicationsDep, RunnerDep, SessionDep, SettingsDep
from trainsched.services import access, keep_published, official_days, plans, workbooks
from trainsched.services import levers as levers_service
from trainsched.services import money as money_service
from trainsched.services import options as options_service
from trainsched.services.errors import Conflict, Invalid
from trainsched.web.auth import CsrfDep, FormActor, PageActor
from trainsched.web.memos import PageMemosDep
from trainsched.web.render import render
from trainsched.web.routes.coordinator_home import xlsx
from trainsched.web.views.coordinator_forms import FormFields
from trainsched.web.views.coordinator_html import cached_part
from trainsched.web.views.coordinator_levers import levers_view
from trainsched.web.views.coordinator_money import money_view
from trainsched.web.views.coordinator_plan import plan_page
from trainsched.web.warm import warm_catalog

router = APIRouter(prefix="/coordinator/plans", include_in_schema=False)


@router.get("/{plan_id}")
def plan(
    plan_id: str,
    request: Request,
    session: SessionDep,
    memos: PageMemosDep,
    runner: RunnerDep,
    settings: SettingsDep,
    actor: PageActor,
    csrf: CsrfDep,
    provider: Annotated[str | None, Query(max_length=128)] = None,
) -> Response:
    """KPIs against targets (per institution too), timelines (of one institution when asked),
    unscheduled classes and why, what would place them (levers, computed as a job), the diff,
    publish."""
    view = plan_page(session, memos, actor, plan_id, provider)
    body = cached_part(request, memos, "coordinator/_plan_body.html", view.cache_key, view=view)
    levers = levers_view(levers_service.plan_levers(session, actor, runner, plan_id, settings))
    found = money_service.plan_money(session, actor, runner, plan_id, settings, start=False)
    return render(
        request,
        "coordinator/plan.html",
        view=view,
        body=body,
        csrf=csrf,
        levers=levers,
        money=money_view(found),
        may_publish=access.may_in_scenario(session, actor, view.plan.scenario_id, "publisher"),
        publish_needs=access.role_needed("publisher"),
    )


@router.post("/{plan_id}/money")
def money(
    plan_id: str, session: SessionDep, runner: RunnerDep, settings: SettingsDep, actor: FormActor
) -> Response:
    """Start computing the plan's money curves (a job; the page shows it computing)."""
    money_service.plan_money(session, actor, runner, plan_id, settings)
    return RedirectResponse(f"/coordinator/plans/{plan_id}#money", status_code=303)


@router.post("/{plan_id}/publish")
def publish(
    plan_id: str,
    session: SessionDep,
    publications: PublicationsDep,
    background: BackgroundTasks,
    actor: FormActor,
    request: Request,
    csrf: CsrfDep,
    etag: Annotated[str, Form(max_length=64)] = "",
    confirm_changes: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    """Publish the plan as the page showed it (its ETag is in the form); the last is superseded.

    When published classes would change, the coordinator confirms how many first: without
    that, a page asks for it (the checkbox names the number; a new number asks again).
    """
    # Only someone who may publish is asked to confirm (or told that they may not).
    row = plans.read(session, actor, plan_id, "publisher")
    confirmed = int(confirm_changes) if confirm_changes.isdigit() else None
    changes = keep_published.unconfirmed(session, actor, plan_id, confirmed)
    if changes is not None:
        summary = plans.summary(row)
        return render(
            request,
            "coordinator/publish_confirm.html",
            plan=summary,
            etag=etag,
            changes=changes,
            csrf=csrf,
        )
    plans.publish(session, actor, plan_id, etag)
    # After the response (and the commit): trainees' next search finds the catalog built.
    background.add_task(warm_catalog, publications)
    return RedirectResponse(f"/coordinator/plans/{plan_id}", status_code=303)


@router.post("/{plan_id}/replan-calendar")
def replan_calendar(
    plan_id: str,
    session: SessionDep,
    settings: SettingsDep,
    actor: FormActor,
    etag: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """A new draft plan moving only the classes the entered official days broke (the form
    carries the scenario's ETag as the page showed it)."""
    outcome = official_days.replan_affected(session, actor, plan_id, settings, etag)
    return RedirectResponse(f"/coordinator/plans/{outcome.plan.id}", status_code=303)


@router.get("/{plan_id}/export.xlsx")
def export(plan_id: str, session: SessionDep, actor: PageActor) -> Response:
    """The plan as a printable workbook (A4 landscape) with the class-opening applications."""
    try:
        data = workbooks.plan_workbook(session, actor, plan_id)
    except Conflict as exc:
        # The page shows one line: name each field that no longer fits in it.
        problems = "; ".join(f"{p.path}: {p.message}" for p in exc.problems)
        raise Conflict(f"{exc.detail}: {problems}") from None
    return xlsx(data, f"plan-{plan_id}.xlsx")


@router.post("/{plan_id}/options")
def options(
    memos: PageMemosDep,
    plan_id: str,
    request: Request,
    session: SessionDep,
    actor: FormActor,
    csrf: CsrfDep,
    course: Annotated[str, Form(max_length=128)] = "",
    region: Annotated[str, Form(max_length=128)] = "",
    group: Annotated[str, Form(max_length=128)] = "",
    trainees: Annotated[str, Form(max_length=16)] = "",
    earliest: Annotated[str, Form(max_length=16)] = "",
    latest_end: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    """The best few placements for one more class, with every placed class kept where it is."""
    view = plan_page(session, memos, actor, plan_id)
    fields = FormFields()
    asked = {
        "course": course,
        "region": region,
        "group": group,
        "trainees": fields.count("trainees", trainees, 1, 1000),
        "earliest": fields.date("earliest", earliest) or view.horizon_start,
        "latest_end": fields.date("latest_end", latest_end) or view.horizon_end,
    }
    cohort = {
        "id": f"NEW-{course}-{region}",
        "course": course,
        "region": region,
        "trainees": {group: asked["trainees"]},
        "earliest": earliest,
        "latest_end": latest_end,
    }
    try:
        fields.refuse_if_bad()
        found = options_service.placement_options(session, actor, plan_id, cohort, limit=5)
    except Invalid as exc:
        # What was typed is wrong: the form again, naming it (refusals go to the error page).
        return render(
            request,
            "coordinator/options.html",
            status_code=422,
            view=view,
            csrf=csrf,
            asked=asked,
            found=None,
            problem=exc.detail,
            problem_errors=exc.problems,
        )
    return render(
        request,
        "coordinator/options.html",
        view=view,
        csrf=csrf,
        asked=asked,
        found=found,
        reason=found.reason,
    )
