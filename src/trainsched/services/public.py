"""Published schedules for everyone: classes, days, places and trainer names, no personal data."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from trainsched.api.schemas import (
    ClassPublic,
    PublishedPlanPublic,
    PublishedScenarioPublic,
    TrainerPublic,
    VenuePublic,
)
from trainsched.formats import Plan, Scenario
from trainsched.services.common import get_row
from trainsched.services.errors import NotFound
from trainsched.store.db import session_scope
from trainsched.store.mapper import plan_from_row, scenario_from_row
from trainsched.store.tables import PlanRow, ScenarioRow

_CACHE_SIZE = 32


@dataclass(frozen=True)
class PublishedKey:
    """What a public view is built from: a published plan and a scenario revision."""

    scenario_id: str
    plan_id: str
    revision: int

    @property
    def etag(self) -> str:
        """The view's ETag: it changes when either the plan or the scenario does."""
        return f'"pub-{self.plan_id}-{self.revision}"'


class _ViewCache:
    """Serialised public views by key: both plan and scenario revision are immutable."""

    def __init__(self) -> None:
        self._items: OrderedDict[PublishedKey, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: PublishedKey) -> bytes | None:
        with self._lock:
            view = self._items.get(key)
            if view is not None:
                self._items.move_to_end(key)
            return view

    def put(self, key: PublishedKey, view: bytes) -> None:
        with self._lock:
            self._items[key] = view
            while len(self._items) > _CACHE_SIZE:
                self._items.popitem(last=False)


_cache = _ViewCache()

# Which plan a scenario publishes is looked up at most this often per process, so busy
# public pages rarely touch the store; this process's own writes forget it at once.
KEY_TTL_S = 1.0
_keys: dict[str, tuple[float, PublishedKey]] = {}


def fresh_key(scenario_id: str) -> PublishedKey | None:
    """The recently looked-up key of a scenario's public view, if still fresh."""
    found = _keys.get(scenario_id)
    if found is None or time.monotonic() - found[0] > KEY_TTL_S:
        return None
    return found[1]


def forget(scenario_id: str) -> None:
    """Drop the remembered key after this process published or edited the scenario."""
    _keys.pop(scenario_id, None)


def cached_view(key: PublishedKey) -> bytes | None:
    """The serialised public view for a key, if built already."""
    return _cache.get(key)


def load_key(engine: Engine, scenario_id: str) -> PublishedKey:
    """Look up (and remember) the key of a scenario's public view; 404 when there is none."""
    with session_scope(engine) as session:
        key = published_key(session, scenario_id)
    _keys[scenario_id] = (time.monotonic(), key)
    return key


def load_view_json(engine: Engine, key: PublishedKey) -> bytes:
    """Build (and cache) the public view for a key."""
    with session_scope(engine) as session:
        return published_view_json(session, key)


_horizons: dict[tuple[str, int], tuple[str, str]] = {}


def _horizon(session: Session, scenario_id: str, revision: int) -> tuple[str, str]:
    # A revision never changes, so its horizon is read from the document once.
    key = (scenario_id, revision)
    if key not in _horizons:
        row = get_row(session, ScenarioRow, scenario_id)
        horizon = json.loads(row.document)["horizon"]
        _horizons[key] = (horizon["start"], horizon["end"])
    return _horizons[key]


def published_scenarios(session: Session) -> list[PublishedScenarioPublic]:
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
        start, end = _horizon(session, scenario_id, revision)
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


def published_key(session: Session, scenario_id: str) -> PublishedKey:
    """The key of a scenario's public view, read without loading any document; or 404."""
    query = (
        select(PlanRow.id, ScenarioRow.revision)
        .join(ScenarioRow, col(ScenarioRow.id) == col(PlanRow.scenario_id))
        .where(PlanRow.scenario_id == scenario_id, PlanRow.status == "published")
    )
    found = session.exec(query).first()
    if found is None:
        get_row(session, ScenarioRow, scenario_id)
        raise NotFound("published plan", scenario_id, "this scenario has no published plan yet")
    return PublishedKey(scenario_id, found[0], found[1])


def published_view_json(session: Session, key: PublishedKey) -> bytes:
    """The public view as JSON bytes, built once per plan and scenario revision."""
    cached = _cache.get(key)
    if cached is not None:
        return cached
    scenario_row = get_row(session, ScenarioRow, key.scenario_id)
    plan_row = get_row(session, PlanRow, key.plan_id)
    view = build_view(
        scenario_row.id, plan_row, scenario_from_row(scenario_row), plan_from_row(plan_row)
    )
    data = view.model_dump_json().encode("utf-8")
    # Cache under the revision actually read, in case the scenario changed in between.
    _cache.put(PublishedKey(key.scenario_id, key.plan_id, scenario_row.revision), data)
    return data


def build_view(
    scenario_id: str, plan_row: PlanRow, scenario: Scenario, plan: Plan
) -> PublishedPlanPublic:
    """Classes with course, days, hours, venue and trainer names: nothing personal."""
    return PublishedPlanPublic(
        scenario_id=scenario_id,
        scenario=scenario.name,
        timezone=scenario.timezone,
        plan_id=plan_row.id,
        version=plan_row.version,
        published_at=plan_row.published_at,
        classes=_classes(scenario, plan),
    )


def _classes(scenario: Scenario, plan: Plan) -> list[ClassPublic]:
    cohorts = {c.id: c for c in scenario.cohorts}
    courses = {c.id: c for c in scenario.courses}
    venues = {v.id: v for v in scenario.venues}
    trainers = {t.id: t for t in scenario.trainers}
    regions = {r.id: r.name for r in scenario.regions}
    out = []
    for sc in sorted(plan.cohorts, key=lambda s: (min(s.days), s.id)):
        cohort = cohorts.get(sc.id)
        venue = venues.get(sc.venue)
        # A scenario edited after publishing may lack what the plan names: skip, never fail.
        if cohort is None or venue is None or cohort.course not in courses:
            continue
        course = courses[cohort.course]
        out.append(
            ClassPublic(
                id=sc.id,
                course=course.id,
                course_name=course.name,
                region=cohort.region,
                region_name=regions.get(cohort.region, cohort.region),
                days=sorted(sc.days),
                hours_start=course.hours.start,
                hours_end=course.hours.end,
                venue=VenuePublic(
                    id=venue.id,
                    name=venue.name,
                    region=venue.region,
                    region_name=regions.get(venue.region, venue.region),
                    address=venue.address,
                    lat=venue.lat,
                    lon=venue.lon,
                ),
                trainers=[
                    TrainerPublic(id=t, name=trainers[t].name) for t in sc.trainers if t in trainers
                ],
                seats=cohort.size,
            )
        )
    return out
