"""The difference between any two plans, class by class."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from trainsched.api.schemas import ChangeKind, CohortChange, PlanDiff
from trainsched.formats import Plan
from trainsched.formats.plan import ScheduledCohort
from trainsched.services.plans import load


def _view(sc: ScheduledCohort) -> dict[str, Any]:
    return {
        "days": [d.isoformat() for d in sc.days],
        "venue": sc.venue,
        "trainers": sorted(sc.trainers),
    }


def _kind(before: ScheduledCohort, after: ScheduledCohort) -> ChangeKind | None:
    moved = (before.days, before.venue) != (after.days, after.venue)
    restaffed = sorted(before.trainers) != sorted(after.trainers)
    if moved and restaffed:
        return "moved_and_restaffed"
    if moved:
        return "moved"
    return "restaffed" if restaffed else None


def diff_plans(old: Plan, new: Plan, old_id: str, new_id: str) -> PlanDiff:
    """Classes added, dropped, moved or re-staffed from ``old`` to ``new``."""
    before = {c.id: c for c in old.cohorts}
    after = {c.id: c for c in new.cohorts}
    changes: list[CohortChange] = []
    unchanged = 0
    for cid in sorted(before.keys() | after.keys()):
        b, a = before.get(cid), after.get(cid)
        if b is None and a is not None:
            changes.append(CohortChange(id=cid, kind="added", before=None, after=_view(a)))
        elif a is None and b is not None:
            changes.append(CohortChange(id=cid, kind="dropped", before=_view(b), after=None))
        elif a is not None and b is not None:
            kind = _kind(b, a)
            if kind is None:
                unchanged += 1
            else:
                changes.append(CohortChange(id=cid, kind=kind, before=_view(b), after=_view(a)))
    old_visits = {(v.request, v.date, v.mentor) for v in old.visits}
    new_visits = {(v.request, v.date, v.mentor) for v in new.visits}
    return PlanDiff(
        from_plan_id=old_id,
        to_plan_id=new_id,
        value_before=old.objective,
        value_after=new.objective,
        unchanged=unchanged,
        changes=changes,
        visits_added=len(new_visits - old_visits),
        visits_removed=len(old_visits - new_visits),
    )


def diff(session: Session, plan_id: str, other_id: str) -> PlanDiff:
    """What changed from plan ``plan_id`` to plan ``other_id``."""
    _, old = load(session, plan_id)
    _, new = load(session, other_id)
    return diff_plans(old, new, plan_id, other_id)
