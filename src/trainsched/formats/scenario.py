"""The scenario document ``trainsched.scenario/1`` as strict pydantic models."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field, StrictBool, StrictInt

from trainsched.formats.common import (
    HHMM,
    Contact,
    Count,
    DateRange,
    Extensions,
    Id,
    IsoDate,
    Latitude,
    Longitude,
    PositiveCount,
    Priority,
    Strict,
    Unavailable,
    Yuan,
)
from trainsched.formats.institution import Provider

SCENARIO_FORMAT = "trainsched.scenario/1"


class Horizon(Strict):
    """The inclusive planning window."""

    start: IsoDate
    end: IsoDate


class CalendarSpec(Strict):
    """Working-day rules: official data, local holidays and adjusted working days."""

    official: Literal["CN"] | None = None
    holidays: list[IsoDate] = Field(default_factory=list)
    workdays: list[IsoDate] = Field(default_factory=list)


class Group(Strict):
    """A key group of trainees or founders and how much serving them counts."""

    name: str
    weight: Count
    subsidised: StrictBool


def default_groups() -> dict[str, Group]:
    """The spec's groups when a scenario names none."""
    return {
        "graduate": Group(name="高校毕业生", weight=2, subsidised=True),
        "migrant": Group(name="返乡入乡农民工", weight=2, subsidised=True),
        "hardship": Group(name="就业困难人员", weight=3, subsidised=True),
        "other": Group(name="其他人员", weight=1, subsidised=False),
    }


class Region(Strict):
    """A district or county."""

    id: Id
    name: str
    lat: Latitude
    lon: Longitude


class Hours(Strict):
    """Daily teaching hours."""

    start: HHMM = "09:00"
    end: HHMM = "17:00"


class Course(Strict):
    """A course of the catalogue (SYB, IYB, EYB, ...)."""

    id: Id
    name: str
    days: PositiveCount
    max_span_days: PositiveCount | None = None
    min_size: Count = 0
    max_size: PositiveCount
    trainers_required: PositiveCount
    qualification: str | None = None
    subsidy_per_trainee: Yuan
    hours: Hours = Field(default_factory=Hours)

    @property
    def qualification_tag(self) -> str:
        """The tag a trainer must hold (defaults to the course id)."""
        return self.qualification or self.id


class Trainer(Strict):
    """A certified trainer."""

    id: Id
    name: str
    region: Id
    qualifications: list[str]
    serves_regions: list[Id] | None = None
    providers: list[Id] | None = None
    unavailable: Unavailable = Field(default_factory=list)
    max_days_per_month: PositiveCount | None = None
    max_days_total: PositiveCount | None = None
    contact: Contact | None = None
    x: Extensions | None = None

    @property
    def served_regions(self) -> list[str]:
        """Regions whose venues this trainer can teach in."""
        return self.serves_regions if self.serves_regions is not None else [self.region]

    def teaches_for(self, provider: str | None) -> bool:
        """True when the trainer may teach a class of ``provider`` (the shared pool teaches all)."""
        return provider is None or not self.providers or provider in self.providers


class Venue(Strict):
    """A training room."""

    id: Id
    name: str
    region: Id
    address: str | None = None
    lat: Latitude | None = None
    lon: Longitude | None = None
    capacity: Count
    daily_cost: Yuan = 0
    kind: str | None = None
    provider: Id | None = None
    unavailable: Unavailable = Field(default_factory=list)
    x: Extensions | None = None

    def open_to(self, provider: str | None) -> bool:
        """True when a class of ``provider`` may use the room: a public room, or its own."""
        return provider is None or self.provider in (None, provider)


class Pinned(Strict):
    """Parts of a cohort already agreed that a plan must keep."""

    days: list[IsoDate] | None = None
    venue: Id | None = None
    trainers: list[Id] | None = None


class Cohort(Strict):
    """A requested class to place."""

    id: Id
    course: Id
    region: Id
    trainees: dict[str, Count]
    earliest: IsoDate
    latest_end: IsoDate
    venue_regions: list[Id] | None = None
    priority: Priority = 1
    provider: Id | None = None
    pinned: Pinned | None = None
    x: Extensions | None = None

    @property
    def size(self) -> int:
        """Total head count."""
        return sum(self.trainees.values())

    @property
    def allowed_venue_regions(self) -> list[str]:
        """Regions whose venues may host this cohort."""
        return self.venue_regions if self.venue_regions is not None else [self.region]


class Fund(Strict):
    """A subsidy budget for some regions and a period."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: Id
    name: str | None = None
    regions: list[Id] = Field(min_length=1)
    start: IsoDate = Field(alias="from")
    end: IsoDate = Field(alias="to")
    amount: Yuan

    def covers(self, region: str, day: dt.date) -> bool:
        """True when a cohort of ``region`` starting on ``day`` is charged here."""
        return region in self.regions and self.start <= day <= self.end


class Mentor(Strict):
    """An entrepreneurship mentor of the expert pool."""

    id: Id
    name: str
    region: Id
    lat: Latitude
    lon: Longitude
    expertise: list[str]
    unavailable: Unavailable = Field(default_factory=list)
    max_visits_per_day: PositiveCount = 3
    max_visits_per_week: PositiveCount = 10
    max_km_per_day: float | None = Field(default=None, gt=0)
    trainer: Id | None = None
    contact: Contact | None = None
    x: Extensions | None = None


class VisitRequest(Strict):
    """An entrepreneur of a key group who asked for mentor visits."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: Id
    entrepreneur: str
    group: Id
    region: Id
    lat: Latitude
    lon: Longitude
    topic: str
    visits: PositiveCount
    min_gap_days: Count = 0
    start: IsoDate = Field(alias="from")
    end: IsoDate = Field(alias="to")
    priority: Priority = 1
    contact: Contact | None = None
    x: Extensions | None = None


class Scenario(Strict):
    """Everything one planning run needs: calendar, catalogue, people, places, money."""

    format: Literal["trainsched.scenario/1"]
    name: str
    timezone: str = "Asia/Shanghai"
    horizon: Horizon
    calendar: CalendarSpec = Field(default_factory=CalendarSpec)
    groups: dict[str, Group] = Field(default_factory=default_groups)
    regions: list[Region]
    courses: list[Course]
    providers: list[Provider] = Field(default_factory=list)
    trainers: list[Trainer] = Field(default_factory=list)
    venues: list[Venue] = Field(default_factory=list)
    cohorts: list[Cohort] = Field(default_factory=list)
    funds: list[Fund] = Field(default_factory=list)
    mentors: list[Mentor] = Field(default_factory=list)
    visit_requests: list[VisitRequest] = Field(default_factory=list)
    weights: dict[str, StrictInt] = Field(default_factory=dict)
    x: Extensions | None = None

    def provider_of(self, cohort: Cohort) -> Provider | None:
        """The institution that applied for ``cohort``; None when it names none."""
        return next((p for p in self.providers if p.id == cohort.provider), None)

    def to_json(self) -> str:
        """Serialise with the spec's key names (``from``/``to``), omitting unset defaults."""
        # A scenario without institutions serialises exactly as before they existed.
        skip = None if self.providers else {"providers"}
        return self.model_dump_json(by_alias=True, exclude_none=True, exclude=skip, indent=2)


__all__ = [
    "SCENARIO_FORMAT",
    "CalendarSpec",
    "Cohort",
    "Course",
    "DateRange",
    "Fund",
    "Group",
    "Horizon",
    "Hours",
    "Mentor",
    "Pinned",
    "Provider",
    "Region",
    "Scenario",
    "Trainer",
    "Venue",
    "VisitRequest",
]
