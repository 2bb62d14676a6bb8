"""Read and keep the calendar-feed history of a scenario (one row per scenario)."""

from __future__ import annotations

from sqlmodel import Session

from trainsched.store.tables import FeedHistoryRow, utcnow


def get_feed_history(session: Session, scenario_id: str) -> FeedHistoryRow | None:
    """The stored feed history of a scenario, if its feeds were ever built."""
    return session.get(FeedHistoryRow, scenario_id)


def put_feed_history(
    session: Session, scenario_id: str, plan_id: str, scenario_revision: int, document: str
) -> FeedHistoryRow:
    """Keep the history as built for this (published plan, scenario revision)."""
    row = session.get(FeedHistoryRow, scenario_id)
    if row is None:
        row = FeedHistoryRow(
            scenario_id=scenario_id, plan_id=plan_id, scenario_revision=0, document=""
        )
    row.plan_id = plan_id
    row.scenario_revision = scenario_revision
    row.document = document
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    return row
