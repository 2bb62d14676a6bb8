"""Re-planning a plan after changes: the changed scenario is stored and a new draft plan made."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlmodel import Session

from trainsched.formats import FormatError, Message, Scenario
from trainsched.formats.errors import Problem, format_path
from trainsched.formats.scenario import Cohort, Trainer, Venue
from trainsched.services import audit, jobs, plans
from trainsched.services.access import Actor
from trainsched.services.common import check_if_match, get_row, plan_etag, scenario_etag
from trainsched.services.diff import PlanComparison, compare_plans
from trainsched.services.errors import Invalid, invalid_document
from trainsched.services.plans import PlanSummary
from trainsched.services.scenarios import save
from trainsched.settings import Settings
from trainsched.solver import (
    Change,
    CohortAdded,
    CohortWindowChanged,
    CohortWithdrawn,
    FundChanged,
    SolveOptions,
    TrainerAdded,
    TrainerUnavailable,
    VenueAdded,
    VenueClosed,
    replan_changes,
)
from trainsched.store import repo
from trainsched.store.mapper import scenario_from_row
from trainsched.store.tables import ScenarioRow


@dataclass(frozen=True)
class ChangeRequest:
    """One change a coordinator re-plans for; which fields apply depends on ``kind``."""

    kind: str
    trainer: str | None = None
    venue: str | None = None
    cohort_id: str | None = None
    fund: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    amount: int | None = None
    cohort: dict[str, Any] | None = None
    new_trainer: dict[str, Any] | None = None
    new_venue: dict[str, Any] | None = None


@dataclass(frozen=True)
class ReplanOutcome:
    """The new draft plan of a re-plan, the scenario revision it is for, and what changed."""

    plan: PlanSummary
    scenario_revision: int
    diff: PlanComparison
    conflicts: list[Message]


def _need(value: object, path: str, what: str) -> None:
    if value is None:
        raise Invalid(
            f"{what} is required for this kind of change",
            [Problem(path, f"{what} is required")],
            kind="invalid-request",
        )


def _known(value: str, known: set[str], path: str, what: str) -> str:
    if value not in known:
        raise Invalid(
            f"unknown {what} {value!r}",
            [Problem(path, f"unknown {what} {value!r}")],
            kind="invalid-request",
        )
    return value


M = TypeVar("M", Cohort, Trainer, Venue)


def _model(model: type[M], raw: dict[str, Any] | None, path: str) -> M:
    """A scenario object given in a change, its errors naming the field."""
    _need(raw, path, path.rsplit(".", 1)[-1])
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        errors = [
            Problem(f"{path}." + format_path(tuple(e["loc"])), e["msg"]) for e in exc.errors()
        ]
        what = model.__name__.lower()
        raise Invalid(f"the added {what} is invalid", errors) from None


def _dates(ch: ChangeRequest, at: str) -> tuple[dt.date, dt.date]:
    _need(ch.start, f"{at}.from", "from")
    _need(ch.end, f"{at}.to", "to")
    assert ch.start is not None and ch.end is not None
    if ch.end < ch.start:
        raise Invalid(
            "'to' is before 'from'",
            [Problem(f"{at}.to", "before 'from'")],
            kind="invalid-request",
        )
    return ch.start, ch.end


def _cohort_id(ch: ChangeRequest, at: str, scenario: Scenario) -> str:
    _need(ch.cohort_id, f"{at}.cohort_id", "cohort_id")
    ids = {c.id for c in scenario.cohorts}
    return _known(ch.cohort_id or "", ids, f"{at}.cohort_id", "cohort")


def to_change(i: int, ch: ChangeRequest, scenario: Scenario) -> Change:
    """The solver's change for one request item, its references checked against the scenario."""
    at = f"body.changes[{i}]"
    if ch.kind == "trainer_unavailable":
        _need(ch.trainer, f"{at}.trainer", "trainer")
        ids = {t.id for t in scenario.trainers}
        trainer = _known(ch.trainer or "", ids, f"{at}.trainer", "trainer")
        return TrainerUnavailable(trainer, *_dates(ch, at))
    if ch.kind == "venue_closed":
        _need(ch.venue, f"{at}.venue", "venue")
        venue = _known(ch.venue or "", {v.id for v in scenario.venues}, f"{at}.venue", "venue")
        return VenueClosed(venue, *_dates(ch, at))
    if ch.kind == "cohort_added":
        return CohortAdded(_model(Cohort, ch.cohort, f"{at}.cohort"))
    if ch.kind == "trainer_added":
        return TrainerAdded(_model(Trainer, ch.new_trainer, f"{at}.new_trainer"))
    if ch.kind == "venue_added":
        return VenueAdded(_model(Venue, ch.new_venue, f"{at}.new_venue"))
    if ch.kind == "cohort_withdrawn":
        return CohortWithdrawn(_cohort_id(ch, at, scenario))
    if ch.kind == "cohort_window_changed":
        return CohortWindowChanged(_cohort_id(ch, at, scenario), *_dates(ch, at))
    _need(ch.fund, f"{at}.fund", "fund")
    _need(ch.amount, f"{at}.amount", "amount")
    fund = _known(ch.fund or "", {f.id for f in scenario.funds}, f"{at}.fund", "fund")
    return FundChanged(fund, ch.amount or 0)


def replan_plan(
    session: Session,
    actor: Actor,
    plan_id: str,
    changes_asked: list[ChangeRequest],
    options_asked: tuple[float | None, int],
    settings: Settings,
    if_match: str | None,
) -> ReplanOutcome:
    """Apply changes to the plan's scenario, store it, and re-plan into a new draft plan."""
    old_row, old_plan = plans.load(session, actor, plan_id, "planner")
    scenario_row = get_row(session, ScenarioRow, old_row.scenario_id)
    check_if_match(if_match, scenario_etag(scenario_row))
    scenario = scenario_from_row(scenario_row)
    changes = [to_change(i, ch, scenario) for i, ch in enumerate(changes_asked)]
    time_limit_s, seed = options_asked
    options = SolveOptions(
        time_limit_s=jobs.time_limit(time_limit_s, settings),
        workers=settings.solve_threads(),
        seed=seed,
    )
    # End the read transaction before solving: a snapshot held for seconds would make
    # the write below fail on SQLite once a solve job has written meanwhile.
    session.commit()
    try:
        replanned = replan_changes(scenario, old_plan, changes, options)
    except FormatError as exc:
        raise invalid_document(exc) from None
    result = replanned.result
    scenario_row = save(session, actor, scenario_row, replanned.scenario)
    new_row = repo.add_plan(session, scenario_row.id, result.plan)
    audit.record(
        session,
        "plan.replanned",
        new_row.id,
        actor=actor,
        office_id=scenario_row.office_id,
        etag_before=plan_etag(old_row),
        etag_after=plan_etag(new_row),
    )
    return ReplanOutcome(
        plan=plans.summary(new_row),
        scenario_revision=scenario_row.revision,
        diff=compare_plans(old_plan, result.plan, old_row.id, new_row.id),
        conflicts=list(result.conflicts),
    )
