"""A plan joined to its scenario, with the indexes every check shares (built once, lazily)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from trainsched.formats.common import unavailable_dates
from trainsched.formats.index import ScenarioIndex
from trainsched.formats.plan import Plan, ScheduledCohort, Visit
from trainsched.formats.scenario import (
    Cohort,
    Course,
    Fund,
    Mentor,
    Scenario,
    Venue,
    VisitRequest,
)
from trainsched.workcal import WorkingCalendar, scenario_calendar


@dataclass(frozen=True)
class Placed:
    """A scheduled cohort joined to its request, its course and (if it resolves) its venue."""

    entry: ScheduledCohort
    cohort: Cohort
    course: Course
    venue: Venue | None

    @property
    def id(self) -> str:
        """The cohort id."""
        return self.cohort.id

    @property
    def first_day(self) -> dt.date:
        """The first teaching day (the day that decides which fund pays)."""
        return min(self.entry.days)

    @property
    def last_day(self) -> dt.date:
        """The last teaching day."""
        return max(self.entry.days)


@dataclass(frozen=True)
class PlacedVisit:
    """A visit whose request and mentor both resolve."""

    visit: Visit
    request: VisitRequest
    mentor: Mentor


def dates_text(days: Iterable[dt.date]) -> str:
    """Distinct dates in order, as ISO text joined by commas."""
    return ", ".join(d.isoformat() for d in sorted(set(days)))


def _day_cohorts(uses: Iterable[tuple[str, Placed]]) -> dict[tuple[str, dt.date], list[str]]:
    """(resource, day) → distinct cohorts using the resource that day, in the order given."""
    out: dict[tuple[str, dt.date], list[str]] = defaultdict(list)
    for resource, p in uses:
        for day in dict.fromkeys(p.entry.days):
            ids = out[(resource, day)]
            if p.id not in ids:
                ids.append(p.id)
    return dict(out)


def day_clashes(
    day_cohorts: Mapping[tuple[str, dt.date], list[str]],
) -> dict[tuple[str, tuple[str, ...]], list[dt.date]]:
    """(resource, the cohorts sharing it) → the days they share it, where they are two or more."""
    out: dict[tuple[str, tuple[str, ...]], list[dt.date]] = defaultdict(list)
    for (resource, day), ids in day_cohorts.items():
        if len(ids) > 1:
            out[(resource, tuple(ids))].append(day)
    return dict(out)


def week_start(day: dt.date) -> dt.date:
    """The Monday of the Monday–Sunday week holding ``day``."""
    return day - dt.timedelta(days=day.weekday())


class PlanContext(ScenarioIndex):
    """Everything the checks read; references that do not resolve are left out of the joins."""

    def __init__(self, scenario: Scenario, plan: Plan) -> None:
        super().__init__(scenario)
        self.plan = plan
        self.calendar: WorkingCalendar = scenario_calendar(scenario)

    @cached_property
    def placed(self) -> list[Placed]:
        """Scheduled cohorts whose id and course resolve, in plan order (duplicates kept)."""
        out = []
        for entry in self.plan.cohorts:
            cohort = self.cohorts.get(entry.id)
            course = self.courses.get(cohort.course) if cohort else None
            if cohort is not None and course is not None:
                out.append(Placed(entry, cohort, course, self.venues.get(entry.venue)))
        return out

    @cached_property
    def placed_once(self) -> list[Placed]:
        """Like ``placed`` but each cohort only once (its first entry): a class serves once."""
        seen: set[str] = set()
        out = []
        for p in self.placed:
            if p.id not in seen:
                seen.add(p.id)
                out.append(p)
        return out

    @cached_property
    def trainer_unavailable(self) -> dict[str, frozenset[dt.date]]:
        """Trainer id → the dates the trainer cannot teach."""
        return {t.id: unavailable_dates(t.unavailable) for t in self.scenario.trainers}

    @cached_property
    def venue_unavailable(self) -> dict[str, frozenset[dt.date]]:
        """Venue id → the dates the venue is closed."""
        return {v.id: unavailable_dates(v.unavailable) for v in self.scenario.venues}

    @cached_property
    def mentor_unavailable(self) -> dict[str, frozenset[dt.date]]:
        """Mentor id → the dates the mentor cannot visit."""
        return {m.id: unavailable_dates(m.unavailable) for m in self.scenario.mentors}

    @cached_property
    def trainer_day_cohorts(self) -> dict[tuple[str, dt.date], list[str]]:
        """(trainer, day) → distinct cohorts that trainer teaches that day, in plan order."""
        return _day_cohorts(
            (t, p)
            for p in self.placed
            for t in dict.fromkeys(p.entry.trainers)
            if t in self.trainers
        )

    @cached_property
    def trainer_days(self) -> dict[str, set[dt.date]]:
        """Trainer id → every day the trainer teaches in this plan."""
        out: dict[str, set[dt.date]] = defaultdict(set)
        for trainer, day in self.trainer_day_cohorts:
            out[trainer].add(day)
        return dict(out)

    @cached_property
    def venue_day_cohorts(self) -> dict[tuple[str, dt.date], list[str]]:
        """(venue, day) → distinct cohorts held there that day, in plan order."""
        return _day_cohorts((p.entry.venue, p) for p in self.placed if p.entry.venue in self.venues)

    @cached_property
    def request_visits(self) -> dict[str, list[Visit]]:
        """Request id → its visits in plan order (whether or not the mentor resolves)."""
        out: dict[str, list[Visit]] = defaultdict(list)
        for v in self.plan.visits:
            if v.request in self.requests:
                out[v.request].append(v)
        return dict(out)

    @cached_property
    def placed_visits(self) -> list[PlacedVisit]:
        """Visits whose request and mentor both resolve, in plan order."""
        out = []
        for v in self.plan.visits:
            request = self.requests.get(v.request)
            mentor = self.mentors.get(v.mentor)
            if request is not None and mentor is not None:
                out.append(PlacedVisit(v, request, mentor))
        return out

    @cached_property
    def mentor_day_visits(self) -> dict[tuple[str, dt.date], list[PlacedVisit]]:
        """(mentor, day) → that mentor's resolved visits that day, sorted by ``order``."""
        out: dict[tuple[str, dt.date], list[PlacedVisit]] = defaultdict(list)
        for pv in self.placed_visits:
            out[(pv.mentor.id, pv.visit.date)].append(pv)
        return {k: sorted(v, key=lambda pv: pv.visit.order) for k, v in out.items()}

    def fund_for(self, region: str, day: dt.date) -> Fund | None:
        """The fund that pays for a cohort of ``region`` starting on ``day``, if any."""
        for fund in self._funds_by_region.get(region, ()):
            if fund.start <= day <= fund.end:
                return fund
        return None

    @cached_property
    def _funds_by_region(self) -> dict[str, list[Fund]]:
        out: dict[str, list[Fund]] = defaultdict(list)
        for fund in self.scenario.funds:
            for region in fund.regions:
                out[region].append(fund)
        return dict(out)
