"""What scenarios publish: the current plan and revision of each, and every plan ever published."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import Session, col, select

from trainsched.store.tables import PlanRow, ScenarioRow


class PublishedVersion(NamedTuple):
    """Which plan a scenario publishes, read with which revision: no document is read."""

    scenario_id: str
    plan_id: str
    revision: int
    name: str
    published_at: dt.datetime | None


def published_versions(session: Session, scenario_id: str | None = None) -> list[PublishedVersion]:
    """Every scenario that publishes a plan, by name (one indexed query), or ``scenario_id``."""
    query = (
        sa.select(
            col(ScenarioRow.id),
            col(PlanRow.id),
            col(ScenarioRow.revision),
            col(ScenarioRow.name),
            col(PlanRow.published_at),
        )
        .join(PlanRow, col(PlanRow.scenario_id) == col(ScenarioRow.id))
        .where(col(PlanRow.status) == "published")
        .order_by(col(ScenarioRow.name), col(ScenarioRow.id))
    )
    if scenario_id is not None:
        query = query.where(col(ScenarioRow.id) == scenario_id)
    return [PublishedVersion(*row) for row in session.execute(query)]


def publications_of(session: Session, scenario_id: str) -> list[PlanRow]:
    """Every plan of the scenario that was ever published (the current one included)."""
    query = select(PlanRow).where(
        col(PlanRow.scenario_id) == scenario_id, col(PlanRow.published_at).is_not(None)
    )
    return list(session.exec(query).all())
