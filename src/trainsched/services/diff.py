"""The difference between any two plans, class by class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlmodel import Session

from trainsched.formats import Plan
from trainsched.formats.plan import ScheduledCohort
from trainsched.services.access import Actor
from trainsched.services.plans import load

ChangeKind = Literal["added", "dropped", "moved", "restaffed", "moved_and_restaffed"]


@dataclass(frozen=True)
class ClassChange:
    """One class that differs between two plans: its days, venue and trainers before and after."""

    id: str
    kind: ChangeKind
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class PlanComparison:
    """What changed from one plan to another."""

    from_plan_id: str
    to_plan_id: str
    value_before: int
    value_after: int
    unchanged: int
    changes: list[ClassChange]
    visits_added: int
    visits_removed: int


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


def _change(cid: str, b: ScheduledCohort | None, a: ScheduledCohort | None) -> ClassChange | None:
    if b is None and a is not None:
        return ClassChange(cid, "added", None, _view(a))
    if a is None and b is not None:
        return ClassChange(cid, "dropped", _view(b), None)
    assert a is not None and b is not None
    kind = _kind(b, a)
    return None if kind is None else ClassChange(cid, kind, _view(b), _view(a))


def compare_plans(old: Plan, new: Plan, old_id: str, new_id: str) -> PlanComparison:
    """Classes added, dropped, moved or re-staffed from ``old`` to ``new``."""
    before = {c.id: c for c in old.cohorts}
    after = {c.id: c for c in new.cohorts}
    found = [_change(cid, before.get(cid), after.get(cid)) for cid in sorted(before | after)]
    changes = [c for c in found if c is not None]
    old_visits = {(v.request, v.date, v.mentor) for v in old.visits}
    new_visits = {(v.request, v.date, v.mentor) for v in new.visits}
    return PlanComparison(
        from_plan_id=old_id,
        to_plan_id=new_id,
        value_before=old.objective,
        value_after=new.objective,
        unchanged=len(found) - len(changes),
        changes=changes,
        visits_added=len(new_visits - old_visits),
        visits_removed=len(old_visits - new_visits),
    )


def compare(session: Session, actor: Actor, plan_id: str, other_id: str) -> PlanComparison:
    """What changed from plan ``plan_id`` to plan ``other_id`` (both visible to the actor)."""
    _, old = load(session, actor, plan_id)
    _, new = load(session, actor, other_id)
    return compare_plans(old, new, plan_id, other_id)
