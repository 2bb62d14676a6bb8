"""The feed history of a published scenario, kept in the store and advanced on every change."""

from __future__ import annotations

import json

from sqlmodel import Session

from trainsched.feeds import FeedHistory, advance, replay, scenario_events
from trainsched.formats import Plan, Scenario
from trainsched.store.feed_history import get_feed_history, put_feed_history
from trainsched.store.tables import PlanRow, ScenarioRow


def published_history(
    session: Session,
    row: ScenarioRow,
    scenario: Scenario,
    current: PlanRow,
    plan: Plan,
    publications: list[tuple[Plan, PlanRow]],
) -> FeedHistory | None:
    """The history for (published plan, scenario revision), advancing the stored one if needed.

    A new publication or a scenario edit since the last build advances the kept history, so
    SEQUENCE rises on exactly the events whose time, place or people changed, each time.
    """
    stored = get_feed_history(session, row.id)
    if stored is not None and (stored.plan_id, stored.scenario_revision) == (
        current.id,
        row.revision,
    ):
        return FeedHistory.from_dict(json.loads(stored.document))
    if stored is None:
        # First build (or a store from before histories were kept): rebuild from publications.
        history = replay(scenario, [(p, r.published_at) for p, r in publications if r.published_at])
    else:
        base = FeedHistory.from_dict(json.loads(stored.document))
        try:
            events = scenario_events(scenario, plan)
        except ValueError:
            # The plan no longer fits the edited scenario; the feed says so and nothing is kept.
            return base
        moments = [m for m in (current.published_at, row.updated_at, base.updated) if m]
        history = advance(base, events, max(moments))
    if history is not None:
        put_feed_history(session, row.id, current.id, row.revision, json.dumps(history.to_dict()))
    return history
