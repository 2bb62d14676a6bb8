"""Solving again while keeping what is published, and saying how much of it a new plan changes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from trainsched.formats import Problem
from trainsched.jobs.backend import JobBackend
from trainsched.services import access, jobs, plans
from trainsched.services.access import Actor
from trainsched.services.common import check_if_match, plan_etag
from trainsched.services.diff import PlanComparison, compare_plans
from trainsched.services.errors import Conflict
from trainsched.services.jobs import JobStatus, SolveRequest
from trainsched.settings import Settings
from trainsched.store import repo
from trainsched.store.mapper import plan_from_row
from trainsched.store.tables import PlanRow


@dataclass(frozen=True)
class PublishedPlan:
    """The plan trainees and trainers see now: its version and how many classes it holds."""

    id: str
    version: int
    classes: int


@dataclass(frozen=True)
class PublishedChanges:
    """The published classes a plan would change: moved (days or venue, trainers maybe too),
    only restaffed, or dropped; each one means notices to its trainees and trainers."""

    published_version: int
    published_classes: int
    moved: int
    restaffed: int
    dropped: int

    @property
    def total(self) -> int:
        """How many published classes would change at all."""
        return self.moved + self.restaffed + self.dropped


def published_plan_id(session: Session, actor: Actor, scenario_id: str) -> str | None:
    """The id of the scenario's published plan, read without its document; None if none."""
    access.scenario(session, actor, scenario_id, "viewer")
    return repo.published_plan_id(session, scenario_id)


def published_plan(session: Session, actor: Actor, plan_id: str) -> PublishedPlan:
    """A plan's version and class count (a plan's classes never change once stored)."""
    row = plans.read(session, actor, plan_id)
    return PublishedPlan(row.id, row.version, len(plan_from_row(row).cohorts))


def count_changes(diff: PlanComparison, version: int, classes: int) -> PublishedChanges:
    """The published classes a comparison against the published plan finds changed."""
    kinds = [c.kind for c in diff.changes]
    return PublishedChanges(
        published_version=version,
        published_classes=classes,
        moved=kinds.count("moved") + kinds.count("moved_and_restaffed"),
        restaffed=kinds.count("restaffed"),
        dropped=kinds.count("dropped"),
    )


def changes_of(session: Session, actor: Actor, plan_id: str) -> PublishedChanges | None:
    """What publishing a plan would change in the published one; None when nothing is
    published or the plan is the published one."""
    row, plan = plans.load(session, actor, plan_id)
    published = repo.published_plan(session, row.scenario_id)
    if published is None or published.id == row.id:
        return None
    before = plan_from_row(published)
    diff = compare_plans(before, plan, published.id, row.id)
    return count_changes(diff, published.version, len(before.cohorts))


def unconfirmed(
    session: Session, actor: Actor, plan_id: str, confirmed: int | None
) -> PublishedChanges | None:
    """The published classes publishing ``plan_id`` would change, when there are some and
    ``confirmed`` is not their number; None when the plan may be published as it is."""
    changes = changes_of(session, actor, plan_id)
    if changes is None or not changes.total or confirmed == changes.total:
        return None
    return changes


def publish(
    session: Session, actor: Actor, plan_id: str, if_match: str | None, confirmed: int | None
) -> PlanRow:
    """Publish a plan; one that changes published classes only with their number confirmed
    (each change sends notices to trainees and trainers), a plan changing none as before."""
    check_if_match(if_match, plan_etag(plans.read(session, actor, plan_id, "publisher")))
    changes = unconfirmed(session, actor, plan_id, confirmed)
    if changes is not None:
        n = changes.total
        raise Conflict(
            f"publishing this plan changes {n} published class(es) of version "
            f"{changes.published_version} ({changes.moved} moved, {changes.restaffed} "
            f"restaffed, {changes.dropped} dropped): publish with confirm_changes={n}",
            [Problem("confirm_changes", f"must be {n}, the number of published classes changed")],
        )
    return plans.publish(session, actor, plan_id, if_match)


def start_solve(
    session: Session,
    actor: Actor,
    backend: JobBackend,
    scenario_id: str,
    time_limit_s: float | None,
    keep_published: bool,
    settings: Settings,
) -> JobStatus:
    """Queue a solve; kept to the published plan as far as possible unless asked to start
    from scratch (each change of a published class then costs served value)."""
    access.scenario(session, actor, scenario_id, "planner")
    published = repo.published_plan(session, scenario_id) if keep_published else None
    request = SolveRequest(
        time_limit_s=time_limit_s,
        previous_plan_id=published.id if published is not None else None,
    )
    return jobs.start(session, actor, backend, scenario_id, request, settings)
