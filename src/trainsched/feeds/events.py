"""The events of a published plan: one per teaching day and one per mentor visit."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TypeVar
from zoneinfo import ZoneInfo

from trainsched.feeds.slots import visit_slot
from trainsched.feeds.subjects import course_label, feed_key
from trainsched.formats.common import Contact, ContactInfo
from trainsched.formats.index import ScenarioIndex
from trainsched.formats.plan import Plan, ScheduledCohort, Visit
from trainsched.formats.scenario import Scenario, Venue, VisitRequest
from trainsched.geo import map_link

T = TypeVar("T")


@dataclass(frozen=True)
class ClassDayInfo:
    """What one teaching day is: which class, which day of it, who teaches, how many learn."""

    cohort_id: str
    course: str
    day: int
    days: int
    trainees: int
    trainers: tuple[tuple[str, str], ...]
    venue_id: str
    # The course as the scenario names it, and its code when that name lacks it: pages
    # translate the name (``创业模拟实训``), which ``course`` (``SIM 创业模拟实训``) is not.
    course_name: str = ""
    course_code: str | None = None


@dataclass(frozen=True)
class VisitInfo:
    """What one visit is: which founder, which of their visits, which mentor, and how to reach
    the founder (personal data: only ever shown to the visiting mentor)."""

    request_id: str
    entrepreneur: str
    group: str
    topic: str
    ordinal: int
    asked: int
    order: int
    mentor_id: str
    contact: str | None
    phone: str | None = None
    email: str | None = None
    note: str | None = None
    address: str | None = None
    map_url: str | None = None


@dataclass(frozen=True)
class FeedEvent:
    """One event with every fact a feed may show, and the feeds (audience keys) that show it."""

    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str | None
    geo: tuple[float, float] | None
    audience: frozenset[str]
    info: ClassDayInfo | VisitInfo = field(compare=False)

    @cached_property
    def fingerprint(self) -> str:
        """A digest of everything shown about the event: it changes iff the event changes."""
        facts = [
            self.start.isoformat(),
            self.end.isoformat(),
            self.summary,
            self.location,
            self.geo,
            sorted(self.audience),
            type(self.info).__name__,
            [getattr(self.info, f.name) for f in fields(self.info)],
        ]
        text = json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def scenario_slug(name: str) -> str:
    """An ASCII slug of the scenario's name for UIDs (a digest keeps non-ASCII names apart)."""
    ascii_part = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if ascii_part and name.isascii():
        return ascii_part
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"{ascii_part}-{digest}" if ascii_part else f"s-{digest}"


def founder_address(request: VisitRequest) -> str | None:
    """The founder's street address, from the visit request's ``x.address`` extension.

    The scenario format has no address field for founders; a city that has them puts them
    under ``"x": {"address": "…"}``, which the format allows for extensions.
    """
    found = (request.x or {}).get("address")
    return (found.strip() or None) if isinstance(found, str) else None


def contact_parts(contact: Contact | None) -> tuple[str | None, str | None, str | None]:
    """A contact as (phone, email, free text): a person's page shows each its own way."""
    if isinstance(contact, ContactInfo):
        return contact.phone, contact.email, None
    return None, None, contact or None


def contact_text(contact: Contact | None) -> str | None:
    """A contact as one line of text (phone and email), or None."""
    if contact is None:
        return None
    if isinstance(contact, ContactInfo):
        parts = [f"电话 {contact.phone}" if contact.phone else "", contact.email or ""]
        return "，".join(p for p in parts if p) or None
    return contact or None


class PlanEvents(ScenarioIndex):
    """Turns one scenario's published plan into feed events, for all feeds or only some."""

    def __init__(self, scenario: Scenario, plan: Plan) -> None:
        """Index the scenario once; events are made on demand."""
        super().__init__(scenario)
        self.plan = plan
        self.slug = scenario_slug(scenario.name)
        self.tz = ZoneInfo(scenario.timezone)

    def events(self, keys: frozenset[str] | None = None) -> list[FeedEvent]:
        """Every event whose audience meets ``keys`` (all events when ``keys`` is None)."""
        out: list[FeedEvent] = []
        for scheduled in self.plan.cohorts:
            if keys is None or self._cohort_keys(scheduled) & keys:
                out.extend(self.class_days(scheduled))
        # Ordinals count every visit of a request, whichever mentor makes it.
        by_request: dict[str, list[Visit]] = defaultdict(list)
        for visit in self.plan.visits:
            by_request[visit.request].append(visit)
        for request_id, visits in by_request.items():
            visits.sort(key=lambda v: (v.date, v.order, v.mentor))
            for ordinal, visit in enumerate(visits, start=1):
                if keys is None or feed_key("mentor", visit.mentor) in keys:
                    out.append(self._visit(self._request(request_id), visit, ordinal))
        out.sort(key=lambda e: (e.start, e.uid))
        return out

    def scheduled(self, cohort_id: str) -> ScheduledCohort | None:
        """The plan's placement of one class, if it is scheduled."""
        return next((c for c in self.plan.cohorts if c.id == cohort_id), None)

    def class_days(self, scheduled: ScheduledCohort) -> list[FeedEvent]:
        """One event per teaching day of a scheduled class."""
        cohort = self._lookup(self.cohorts, scheduled.id, "class")
        course = self._lookup(self.courses, cohort.course, "course")
        venue = self._lookup(self.venues, scheduled.venue, "venue")
        trainers = tuple(
            (t, self._lookup(self.trainers, t, "trainer").name) for t in scheduled.trainers
        )
        label = course_label(course.id, course.name)
        code = None if course.name.startswith(course.id) else course.id
        start = dt.time.fromisoformat(course.hours.start)
        end = dt.time.fromisoformat(course.hours.end)
        audience = frozenset(self._cohort_keys(scheduled))
        days = sorted(scheduled.days)
        out = []
        for n, day in enumerate(days, start=1):
            info = ClassDayInfo(
                cohort.id, label, n, len(days), cohort.size, trainers, venue.id, course.name, code
            )
            out.append(
                FeedEvent(
                    uid=f"{self.slug}-{cohort.id}-d{n}@trainsched",
                    start=dt.datetime.combine(day, start, self.tz),
                    end=dt.datetime.combine(day, end, self.tz),
                    # No class id: trainees read this; the id is in staff feeds' descriptions.
                    summary=f"{label} · 第{n}天/共{len(days)}天",
                    location=_venue_location(venue),
                    geo=(venue.lat, venue.lon)
                    if venue.lat is not None and venue.lon is not None
                    else None,
                    audience=audience,
                    info=info,
                )
            )
        return out

    def _visit(self, request: VisitRequest, visit: Visit, ordinal: int) -> FeedEvent:
        start, end = visit_slot(visit.order)
        group = self.scenario.groups.get(request.group)
        region = self.regions.get(request.region)
        address = founder_address(request)
        phone, email, note = contact_parts(request.contact)
        who = f"{request.entrepreneur}，{address}" if address else request.entrepreneur
        place = f"{who}（{region.name}）" if region else who
        info = VisitInfo(
            request_id=request.id,
            entrepreneur=request.entrepreneur,
            group=group.name if group else request.group,
            topic=request.topic,
            ordinal=ordinal,
            asked=request.visits,
            order=visit.order,
            mentor_id=visit.mentor,
            contact=contact_text(request.contact),
            phone=phone,
            email=email,
            note=note,
            address=address,
            map_url=map_link(request.lat, request.lon, request.entrepreneur),
        )
        return FeedEvent(
            uid=f"{self.slug}-{request.id}-v{ordinal}@trainsched",
            start=dt.datetime.combine(visit.date, start, self.tz),
            end=dt.datetime.combine(visit.date, end, self.tz),
            summary=f"创业导师走访 · {request.entrepreneur} 第{ordinal}次/共{request.visits}次",
            location=place,
            geo=(request.lat, request.lon),
            audience=frozenset({feed_key("mentor", visit.mentor)}),
            info=info,
        )

    def _cohort_keys(self, scheduled: ScheduledCohort) -> set[str]:
        cohort = self._lookup(self.cohorts, scheduled.id, "class")
        keys = {feed_key("trainer", t) for t in scheduled.trainers}
        keys |= {
            feed_key("venue", scheduled.venue),
            feed_key("cohort", cohort.id),
            feed_key("district", cohort.region),
        }
        return keys

    def _request(self, request_id: str) -> VisitRequest:
        return self._lookup(self.requests, request_id, "visit request")

    @staticmethod
    def _lookup(table: dict[str, T], key: str, what: str) -> T:
        found = table.get(key)
        if found is None:
            raise ValueError(f"the plan names {what} {key!r}, which the scenario does not have")
        return found


def _venue_location(venue: Venue) -> str:
    return f"{venue.name}，{venue.address}" if venue.address else venue.name


def scenario_events(scenario: Scenario, plan: Plan) -> list[FeedEvent]:
    """Every event of a plan, for every feed: what ``advance`` records at publication."""
    return PlanEvents(scenario, plan).events()


def events_for(scenario: Scenario, plan: Plan, keys: Iterable[str]) -> list[FeedEvent]:
    """Only the events shown in the feeds named by ``keys``."""
    return PlanEvents(scenario, plan).events(frozenset(keys))
