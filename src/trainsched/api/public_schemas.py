"""API schemas of the published views: what trainees and anyone else may read, no personal data."""

from __future__ import annotations

import datetime as dt

from trainsched.api.schemas import Out
from trainsched.services.publications import PublishedProvider, PublishedTrainer, PublishedVenue


class TrainerPublic(Out, PublishedTrainer):
    """A trainer as the public sees them: a name, never a contact."""


class VenuePublic(Out, PublishedVenue):
    """Where a class is held."""


class ProviderPublic(Out, PublishedProvider):
    """The institution that runs a class: its public enrolment office and note."""


class ClassPublic(Out):
    """A published class: what trainees need to find and attend it."""

    id: str
    course: str
    course_name: str
    region: str
    region_name: str
    days: list[dt.date]
    hours_start: str
    hours_end: str
    venue: VenuePublic
    trainers: list[TrainerPublic]
    seats: int
    provider: ProviderPublic | None = None
    enrol_closes: dt.date
    capacity: int
    seats_left: int


class PublishedScenarioPublic(Out):
    """A scenario that has a published plan."""

    id: str
    name: str
    horizon_start: dt.date
    horizon_end: dt.date
    plan_id: str
    published_at: dt.datetime | None


class PublishedPlanPublic(Out):
    """The published schedule of one scenario, without any personal data."""

    scenario_id: str
    scenario: str
    timezone: str
    plan_id: str
    version: int
    published_at: dt.datetime | None
    classes: list[ClassPublic]
