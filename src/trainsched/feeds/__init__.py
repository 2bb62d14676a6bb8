"""Calendar feeds of a published plan: pure functions from domain objects to iCalendar bytes."""

from trainsched.feeds.build import CONTENT_TYPE, FeedBuild, build_feed, ics_for_cohort
from trainsched.feeds.events import FeedEvent, events_for, scenario_events, scenario_slug
from trainsched.feeds.history import (
    CANCELLED_KEPT,
    FeedHistory,
    HistoryEntry,
    advance,
    advance_for_plan,
    replay,
)
from trainsched.feeds.slots import VISIT_SLOTS, visit_slot
from trainsched.feeds.subjects import FeedSubject, SubjectKind, UnknownSubjectError

__all__ = [
    "CANCELLED_KEPT",
    "CONTENT_TYPE",
    "VISIT_SLOTS",
    "FeedBuild",
    "FeedEvent",
    "FeedHistory",
    "FeedSubject",
    "HistoryEntry",
    "SubjectKind",
    "UnknownSubjectError",
    "advance",
    "advance_for_plan",
    "build_feed",
    "events_for",
    "ics_for_cohort",
    "replay",
    "scenario_events",
    "scenario_slug",
    "visit_slot",
]
