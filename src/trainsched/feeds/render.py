"""Write a feed as an iCalendar document with the icalendar library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vDuration

from trainsched.feeds.events import ClassDayInfo, FeedEvent
from trainsched.feeds.history import HistoryEntry
from trainsched.feeds.reminders import Reminder
from trainsched.feeds.subjects import Audience
from trainsched.feeds.text import class_url, description

PRODID: Final = "-//trainsched//calendar feeds 1//ZH"
REFRESH: Final = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Stamped:
    """An event to show, with its history entry (sequence, last change) as of now."""

    event: FeedEvent
    entry: HistoryEntry


@dataclass(frozen=True)
class Cancelled:
    """An event a feed showed before and must now tell clients to remove, as last shown."""

    uid: str
    entry: HistoryEntry


@dataclass(frozen=True)
class CalendarSpec:
    """Calendar-level properties of one feed."""

    name: str
    tzid: str
    years: tuple[int, int]
    stamp: dt.datetime
    refresh: bool = True
    reminders: tuple[Reminder, ...] = ()


def render(
    spec: CalendarSpec,
    active: Iterable[Stamped],
    cancelled: Iterable[Cancelled],
    audience: Audience,
    base_url: str,
) -> bytes:
    """The iCalendar bytes of a feed (UTF-8, CRLF lines, folded)."""
    cal = _calendar(spec)
    tz = ZoneInfo(spec.tzid)
    for item in active:
        event = _event(item, spec.stamp, audience, base_url)
        for reminder in spec.reminders:
            event.add_component(_alarm(reminder, item.event))
        cal.add_component(event)
    for gone in cancelled:
        cal.add_component(_cancelled(gone, spec.stamp, tz))
    return bytes(cal.to_ical())


def _calendar(spec: CalendarSpec) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", spec.name)
    cal.add("x-wr-calname", spec.name)
    cal.add("x-wr-timezone", spec.tzid)
    cal.add("last-modified", spec.stamp)
    if spec.refresh:
        # Subscribed calendars refresh on the client's own schedule; this is only a hint.
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(REFRESH))
    cal.add_component(_timezone(spec.tzid, *spec.years))
    return cal


@lru_cache(maxsize=32)
def _timezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    # Only the transitions of the years the feed covers: a short VTIMEZONE.
    return Timezone.from_tzid(
        tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1)
    )


def _event(item: Stamped, stamp: dt.datetime, audience: Audience, base_url: str) -> Event:
    event = item.event
    out = Event()
    out.add("uid", event.uid)
    out.add("dtstamp", stamp)
    out.add("dtstart", event.start)
    out.add("dtend", event.end)
    out.add("sequence", item.entry.sequence)
    out.add("last-modified", item.entry.modified)
    out.add("status", "CONFIRMED")
    out.add("summary", event.summary)
    if event.location:
        out.add("location", event.location)
    if event.geo is not None:
        out.add("geo", event.geo)
    out.add("description", description(event, audience, base_url))
    if isinstance(event.info, ClassDayInfo):
        out.add("url", class_url(base_url, event.info.cohort_id))
        out.add("categories", ["创业培训"])
    else:
        out.add("categories", ["创业导师走访"])
    out.add("transp", "OPAQUE")
    return out


def _alarm(reminder: Reminder, event: FeedEvent) -> Alarm:
    # Relative to the start: the one trigger form every client honours.
    out = Alarm()
    out.add("action", "DISPLAY")
    out.add("trigger", reminder.trigger(event.start))
    out.add("description", reminder.text(event.start, event.summary, event.location))
    return out


def _cancelled(gone: Cancelled, stamp: dt.datetime, tz: ZoneInfo) -> Event:
    entry = gone.entry
    out = Event()
    out.add("uid", gone.uid)
    out.add("dtstamp", stamp)
    out.add("dtstart", entry.start.astimezone(tz))
    out.add("dtend", entry.end.astimezone(tz))
    out.add("sequence", entry.sequence)
    out.add("last-modified", entry.modified)
    out.add("status", "CANCELLED")
    out.add("summary", f"已取消：{entry.summary}")
    if entry.location:
        out.add("location", entry.location)
    out.add("transp", "TRANSPARENT")
    return out
