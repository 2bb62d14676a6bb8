"""Facts of a plan a coordinator files: each class's people, place, head counts and subsidy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from trainsched.formats import Plan, Scenario
from trainsched.formats.plan import ScheduledCohort
from trainsched.formats.scenario import Cohort, Course, Fund, Mentor, Trainer, Venue, VisitRequest

WEEKDAYS = "一二三四五六日"


def weekday(day: dt.date) -> str:
    """``星期一`` .. ``星期日``."""
    return f"星期{WEEKDAYS[day.weekday()]}"


def hours_per_day(course: Course) -> float:
    """Clock hours of one teaching day."""
    start_h, start_m = (int(p) for p in course.hours.start.split(":"))
    end_h, end_m = (int(p) for p in course.hours.end.split(":"))
    return ((end_h * 60 + end_m) - (start_h * 60 + start_m)) / 60


def number(value: float) -> int | float:
    """Whole numbers as ints (so 8.0 hours prints as 8)."""
    return int(value) if float(value).is_integer() else round(value, 2)


@dataclass(frozen=True)
class ClassFacts:
    """One scheduled class with everything the exports show about it."""

    placed: ScheduledCohort
    cohort: Cohort
    course: Course
    venue: Venue | None
    trainers: tuple[Trainer, ...]
    subsidised: int
    fund: Fund | None
    institution: str = ""  # the training institution that applied for it, by name

    @property
    def first(self) -> dt.date:
        """First teaching day."""
        return min(self.placed.days)

    @property
    def last(self) -> dt.date:
        """Last teaching day."""
        return max(self.placed.days)

    @property
    def subsidy(self) -> int:
        """Yuan charged to the fund (nothing when no fund covers the class)."""
        return self.course.subsidy_per_trainee * self.subsidised if self.fund else 0

    @property
    def total_hours(self) -> int | float:
        """Teaching hours over all days."""
        return number(hours_per_day(self.course) * len(self.placed.days))

    @property
    def venue_name(self) -> str:
        """The venue's name; empty when the scenario no longer lists the venue."""
        return self.venue.name if self.venue else ""

    @property
    def venue_address(self) -> str | None:
        """The venue's address; empty when the venue is unknown, None when it has none."""
        return self.venue.address if self.venue else ""

    def trainer_names(self) -> str:
        """Names of the class's trainers, in plan order."""
        return "、".join(t.name for t in self.trainers)


@dataclass(frozen=True)
class PlanFacts:
    """The scenario's lookups and every scheduled class's facts, in date order."""

    scenario: Scenario
    plan: Plan
    classes: tuple[ClassFacts, ...]

    @cached_property
    def mentors(self) -> dict[str, Mentor]:
        """The scenario's mentors by id."""
        return {m.id: m for m in self.scenario.mentors}

    @cached_property
    def requests(self) -> dict[str, VisitRequest]:
        """The scenario's visit requests by id."""
        return {r.id: r for r in self.scenario.visit_requests}

    def region_name(self, region_id: str) -> str:
        """A region's name (its id when unknown)."""
        return next((r.name for r in self.scenario.regions if r.id == region_id), region_id)


def _fund(scenario: Scenario, region: str, first: dt.date) -> Fund | None:
    return next((f for f in scenario.funds if f.covers(region, first)), None)


def plan_facts(scenario: Scenario, plan: Plan) -> PlanFacts:
    """Join a plan to its scenario; classes sorted by first day, region and id."""
    cohorts = {c.id: c for c in scenario.cohorts}
    courses = {c.id: c for c in scenario.courses}
    venues = {v.id: v for v in scenario.venues}
    trainers = {t.id: t for t in scenario.trainers}
    subsidised = {g for g, grp in scenario.groups.items() if grp.subsidised}
    out = []
    for placed in plan.cohorts:
        cohort = cohorts[placed.id]
        size = sum(n for g, n in cohort.trainees.items() if g in subsidised)
        out.append(
            ClassFacts(
                placed,
                cohort,
                courses[cohort.course],
                venues.get(placed.venue),
                tuple(trainers[t] for t in placed.trainers if t in trainers),
                size,
                _fund(scenario, cohort.region, min(placed.days)),
                _institution_name(scenario, cohort),
            )
        )
    out.sort(key=lambda f: (f.first, f.cohort.region, f.cohort.id))
    return PlanFacts(scenario, plan, tuple(out))


def _institution_name(scenario: Scenario, cohort: Cohort) -> str:
    provider = scenario.provider_of(cohort)
    return provider.name if provider is not None else ""
