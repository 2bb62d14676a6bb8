"""What is published now, and what public pages and feeds built from it, remembered per app.

A publication is a published plan read with one revision of its scenario. Both ids and the
revision are never reused, so anything built from one publication stays true for good: it is
kept by that key and never goes stale. Only "which publication is current" can change; a
process learns of its own changes at once (``changed`` then ``Publications.forget``) and of
other processes' within ``KEY_TTL_S``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlmodel import Session

from trainsched.formats import Plan, Scenario
from trainsched.formats.institution import DEFAULT_ENROL_CLOSE_DAYS, Provider
from trainsched.memo import Memo, Shelves
from trainsched.services.errors import NotFound
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.mapper import plan_from_row, scenario_from_row
from trainsched.store.published import PublishedVersion, published_versions
from trainsched.workcal import scenario_calendar

# Which plan a scenario publishes is looked up at most this often per app, so busy public
# feeds rarely touch the store; this app's own changes are forgotten at once.
KEY_TTL_S: Final = 1.0
_CHANGED: Final = "trainsched.publications.changed"


@dataclass(frozen=True)
class PublishedKey:
    """One publication: a scenario's published plan and the scenario revision it is read with."""

    scenario_id: str
    plan_id: str
    revision: int

    @property
    def etag(self) -> str:
        """The ETag of what is built from it: it changes when the plan or the scenario does."""
        return f'"pub-{self.plan_id}-{self.revision}"'


@dataclass(frozen=True)
class Published:
    """A publication read from the store: the scenario, the plan, its version and when."""

    key: PublishedKey
    scenario: Scenario
    plan: Plan
    version: int
    published_at: dt.datetime | None
    # The later of the plan's publishing and the scenario's last edit: what it shows
    # changed then (``Last-Modified`` of everything built from it).
    changed_at: dt.datetime = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class Publications(Shelves):
    """One app's memory of what is published: current keys, parsed publications, and a memo
    per shelf of what readers built from them (pages, views, feeds)."""

    def __init__(self, engine: Engine, key_ttl_s: float = KEY_TTL_S) -> None:
        """Nothing remembered yet; publications are read from ``engine`` when first asked."""
        super().__init__()
        self.engine = engine
        self.keys: Memo[str, PublishedKey] = Memo(4096, key_ttl_s)
        # Every scenario's current publication at once (the class list's), just as briefly.
        self._all_keys: Memo[str, tuple[PublishedKey, ...]] = Memo(1, key_ttl_s)
        # Parsed documents are large: only the few most recently read are kept.
        self._parsed: Memo[PublishedKey, Published] = Memo(8)

    def forget(self, *scenario_ids: str) -> None:
        """What these scenarios publish changed: the next reader reads it from the store."""
        for scenario_id in scenario_ids:
            self.keys.discard(scenario_id)
        self._all_keys.clear()
        gone = set(scenario_ids)
        self._parsed.discard_if(lambda key: key.scenario_id in gone)

    def forget_changed(self, session: Session) -> None:
        """Forget what the committed unit of work ``session`` marked as ``changed``."""
        self.forget(*session.info.pop(_CHANGED, ()))

    def remembered_key(self, scenario_id: str) -> PublishedKey | None:
        """The scenario's current publication if looked up recently (no store access); None
        asks the caller to read it (one caller a time once it is stale: ``Memo.recent``)."""
        return self.keys.recent(scenario_id)

    def key(self, scenario_id: str) -> PublishedKey | None:
        """The scenario's current publication: remembered for ``KEY_TTL_S``, else read."""
        return self.keys.get(scenario_id) or self.current_key(scenario_id)

    def current_key(self, scenario_id: str) -> PublishedKey | None:
        """The scenario's current publication read from the store now, if it has one."""
        with session_scope(self.engine) as session:
            found = published_versions(session, scenario_id)
        if not found:
            return None
        key = _key(found[0])
        self.keys.put(scenario_id, key)
        return key

    def remembered_keys(self) -> tuple[PublishedKey, ...] | None:
        """Every scenario's current publication if read recently (no store access)."""
        return self._all_keys.recent("all")

    def current_keys(self) -> tuple[PublishedKey, ...]:
        """Every scenario's current publication read from the store now, by scenario name."""
        with session_scope(self.engine) as session:
            keys = tuple(_key(found) for found in published_versions(session))
        if keys:
            self._all_keys.put("all", keys)
        else:  # nothing published: nobody crowds that, and the first plan shows at once
            self._all_keys.discard("all")
        return keys

    def published(self, key: PublishedKey) -> Published:
        """The publication named by ``key``, read from the store the first time only."""
        found = self._parsed.get(key)
        if found is None:
            found = self._read(key)
            # Kept under the revision actually read, in case the scenario changed in between.
            self._parsed.put(found.key, found)
        return found

    def _read(self, key: PublishedKey) -> Published:
        with session_scope(self.engine) as session:
            scenario_row = repo.get_scenario(session, key.scenario_id)
            plan_row = repo.get_plan(session, key.plan_id)
            if scenario_row is None or plan_row is None:
                raise NotFound("published plan", key.scenario_id)
            return Published(
                PublishedKey(key.scenario_id, key.plan_id, scenario_row.revision),
                scenario_from_row(scenario_row),
                plan_from_row(plan_row),
                plan_row.version,
                plan_row.published_at,
                max(t for t in (plan_row.published_at, scenario_row.updated_at) if t is not None),
            )


def _key(found: PublishedVersion) -> PublishedKey:
    return PublishedKey(found.scenario_id, found.plan_id, found.revision)


def changed(session: Session, scenario_id: str) -> None:
    """Mark that this unit of work changes what ``scenario_id`` publishes (a publication, an
    edit, a deletion); the app forgets it once the change is committed, never before."""
    session.info.setdefault(_CHANGED, set()).add(scenario_id)


class _Public(BaseModel):
    model_config = ConfigDict(frozen=True)


class PublishedVenue(_Public):
    """Where a published class is held: a public place, never a person's address."""

    id: str
    name: str
    region: str
    region_name: str
    address: str | None
    lat: float | None
    lon: float | None


class PublishedTrainer(_Public):
    """A trainer as anyone may see them: a name, never a contact."""

    id: str
    name: str


class PublishedProvider(_Public):
    """The institution that runs a class, as trainees reach it: its public enrolment office
    (phone and address are the office's, not a person's) and its enrolment note."""

    id: str
    name: str
    phone: str
    address: str
    enrol: str | None


class PublishedClass(_Public):
    """One published class as anyone may see it: course, days, hours, place, trainer names,
    who runs it, until when one can enrol and how many seats are left."""

    id: str
    course: str
    course_name: str
    region: str
    region_name: str
    days: tuple[dt.date, ...]
    hours_start: str
    hours_end: str
    venue: PublishedVenue
    trainers: tuple[PublishedTrainer, ...]
    seats: int
    trainees: dict[str, int]  # places per key group
    subsidy_per_trainee: int
    provider: PublishedProvider | None = None
    enrol_closes: dt.date  # the last day to enrol, a local date in the scenario's timezone
    capacity: int  # the room's and the course's limit, whichever is smaller
    seats_left: int  # capacity less the planned head count (never below 0)


def published_classes(scenario: Scenario, plan: Plan) -> list[PublishedClass]:
    """The plan's classes by first day, each with its course, venue and trainers.

    A scenario edited after publishing may lack what the plan names: such a class is left
    out (and a trainer it lost is not named), never an error on a public page.
    """
    cohorts = {c.id: c for c in scenario.cohorts}
    courses = {c.id: c for c in scenario.courses}
    venues = {v.id: v for v in scenario.venues}
    trainers = {t.id: t.name for t in scenario.trainers}
    regions = {r.id: r.name for r in scenario.regions}
    calendar = scenario_calendar(scenario)
    out = []
    for scheduled in sorted(plan.cohorts, key=lambda s: (min(s.days), s.id)):
        cohort = cohorts.get(scheduled.id)
        venue = venues.get(scheduled.venue)
        course = courses.get(cohort.course) if cohort else None
        if cohort is None or venue is None or course is None:
            continue
        place = PublishedVenue(
            id=venue.id,
            name=venue.name,
            region=venue.region,
            region_name=regions.get(venue.region, venue.region),
            address=venue.address,
            lat=venue.lat,
            lon=venue.lon,
        )
        provider = scenario.provider_of(cohort)
        days = tuple(sorted(scheduled.days))
        close_days = provider.enrol_close_days if provider else DEFAULT_ENROL_CLOSE_DAYS
        capacity = min(venue.capacity, course.max_size)
        out.append(
            PublishedClass(
                id=cohort.id,
                course=course.id,
                course_name=course.name,
                region=cohort.region,
                region_name=regions.get(cohort.region, cohort.region),
                days=days,
                hours_start=course.hours.start,
                hours_end=course.hours.end,
                venue=place,
                trainers=tuple(
                    PublishedTrainer(id=t, name=trainers[t])
                    for t in scheduled.trainers
                    if t in trainers
                ),
                seats=cohort.size,
                trainees=cohort.trainees,
                subsidy_per_trainee=course.subsidy_per_trainee,
                provider=_provider(provider) if provider else None,
                enrol_closes=calendar.working_days_before(days[0], close_days),
                capacity=capacity,
                seats_left=max(0, capacity - cohort.size),
            )
        )
    return out


def _provider(provider: Provider) -> PublishedProvider:
    return PublishedProvider(
        id=provider.id,
        name=provider.name,
        phone=provider.phone,
        address=provider.address,
        enrol=provider.enrol,
    )
