"""Published schedules for everyone: classes, days, places and trainer names, no personal data."""

from __future__ import annotations

import datetime as dt
import json
from typing import Final

import sqlalchemy as sa
from sqlmodel import Session, col

from trainsched.api.schemas import (
    ClassPublic,
    PublishedPlanPublic,
    PublishedScenarioPublic,
    TrainerPublic,
    VenuePublic,
)
from trainsched.services.common import get_row
from trainsched.services.errors import NotFound
from trainsched.services.publications import (
    Publications,
    Published,
    PublishedClass,
    PublishedKey,
    Shelf,
    published_classes,
)
from trainsched.store.db import session_scope
from trainsched.store.tables import PlanRow, ScenarioRow

_VIEWS: Final = Shelf[PublishedKey, bytes]("public-plan-views", 32)
# A revision never changes, so its horizon is read from the document once.
_HORIZONS: Final = Shelf[tuple[str, int], tuple[str, str]]("public-horizons", 1024)


def plan_key(publications: Publications, scenario_id: str) -> PublishedKey:
    """The scenario's current publication (remembered briefly); NotFound when there is none."""
    key = publications.key(scenario_id)
    if key is None:
        with session_scope(publications.engine) as session:
            get_row(session, ScenarioRow, scenario_id)
        raise NotFound("published plan", scenario_id, "this scenario has no published plan yet")
    return key


def cached_view(publications: Publications, key: PublishedKey) -> bytes | None:
    """The public view of a publication as JSON bytes, if built already (no store access)."""
    return publications.memo(_VIEWS).get(key)


def view_json(publications: Publications, key: PublishedKey) -> bytes:
    """The public view of a publication as JSON bytes, built once per publication."""
    return publications.memo(_VIEWS).get_or_make(
        key, lambda: build_view(publications.published(key)).model_dump_json().encode("utf-8")
    )


def _horizon(
    publications: Publications, session: Session, scenario_id: str, revision: int
) -> tuple[str, str]:
    def read() -> tuple[str, str]:
        horizon = json.loads(get_row(session, ScenarioRow, scenario_id).document)["horizon"]
        return horizon["start"], horizon["end"]

    return publications.memo(_HORIZONS).get_or_make((scenario_id, revision), read)


def published_scenarios(
    publications: Publications, session: Session
) -> list[PublishedScenarioPublic]:
    """Every scenario with a published plan."""
    query = (
        sa.select(
            col(ScenarioRow.id),
            col(ScenarioRow.name),
            col(ScenarioRow.revision),
            col(PlanRow.id),
            col(PlanRow.published_at),
        )
        .join(PlanRow, col(PlanRow.scenario_id) == col(ScenarioRow.id))
        .where(col(PlanRow.status) == "published")
        .order_by(col(ScenarioRow.name))
    )
    out = []
    for scenario_id, name, revision, plan_id, published_at in session.execute(query):
        start, end = _horizon(publications, session, scenario_id, revision)
        out.append(
            PublishedScenarioPublic(
                id=scenario_id,
                name=name,
                horizon_start=dt.date.fromisoformat(start),
                horizon_end=dt.date.fromisoformat(end),
                plan_id=plan_id,
                published_at=published_at,
            )
        )
    return out


def build_view(pub: Published) -> PublishedPlanPublic:
    """Classes with course, days, hours, venue and trainer names: nothing personal."""
    return PublishedPlanPublic(
        scenario_id=pub.key.scenario_id,
        scenario=pub.scenario.name,
        timezone=pub.scenario.timezone,
        plan_id=pub.key.plan_id,
        version=pub.version,
        published_at=pub.published_at,
        classes=[_class(c) for c in published_classes(pub.scenario, pub.plan)],
    )


def _class(found: PublishedClass) -> ClassPublic:
    venue = found.venue
    return ClassPublic(
        id=found.cohort.id,
        course=found.course.id,
        course_name=found.course.name,
        region=found.cohort.region,
        region_name=found.region_name,
        days=found.days,
        hours_start=found.course.hours.start,
        hours_end=found.course.hours.end,
        venue=VenuePublic(
            id=venue.id,
            name=venue.name,
            region=venue.region,
            region_name=found.venue_region_name,
            address=venue.address,
            lat=venue.lat,
            lon=venue.lon,
        ),
        trainers=[TrainerPublic(id=t.id, name=t.name) for t in found.trainers],
        seats=found.cohort.size,
    )
