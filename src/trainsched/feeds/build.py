"""Build one feed of a published plan: events, their history, and the bytes with an ETag."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Final

from trainsched.feeds.events import PlanEvents
from trainsched.feeds.history import (
    CANCELLED_KEPT,
    FeedHistory,
    HistoryEntry,
    shown,
    whole_seconds,
)
from trainsched.feeds.reminders import DEFAULT_REMINDERS, Reminder
from trainsched.feeds.render import CalendarSpec, Cancelled, Stamped, render
from trainsched.feeds.subjects import Audience, FeedSubject, resolve
from trainsched.formats.plan import Plan
from trainsched.formats.scenario import Scenario

CONTENT_TYPE: Final = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class FeedBuild:
    """A built feed: the iCalendar bytes, a strong ETag of them, and the last change (UTC)."""

    body: bytes
    etag: str
    last_modified: dt.datetime
    content_type: str = CONTENT_TYPE


def build_feed(
    scenario: Scenario,
    plan: Plan,
    subject: FeedSubject,
    *,
    history: FeedHistory | None,
    base_url: str,
    now: dt.datetime,
    reminders: tuple[Reminder, ...] = DEFAULT_REMINDERS,
) -> FeedBuild:
    """The feed of ``subject`` for a published plan, each event with ``reminders``.

    ``history`` should be the one ``advance`` gave when this plan was published;
    without it every event is new as of ``now`` (sequence 0, nothing cancelled).
    """
    now = whole_seconds(now)
    audience = resolve(scenario, subject)
    events = PlanEvents(scenario, plan).events(audience.keys)
    entries = history.entries if history is not None else {}
    active = [Stamped(event, shown(entries.get(event.uid), event, now)) for event in events]
    cancelled = _cancelled_for(audience, {e.uid for e in events}, entries, now)
    fallback = history.updated if history is not None and history.updated else now
    return _finish(
        scenario, audience, active, cancelled, base_url, fallback, refresh=True, reminders=reminders
    )


def ics_for_cohort(
    scenario: Scenario,
    plan: Plan,
    cohort_id: str,
    *,
    base_url: str,
    now: dt.datetime,
    history: FeedHistory | None = None,
    reminders: tuple[Reminder, ...] = DEFAULT_REMINDERS,
) -> FeedBuild:
    """The one-tap "add to my calendar" download of one class: all its days, no refresh hint.

    The UIDs are the class feed's, so a later subscription updates rather than duplicates.
    An unscheduled class gives a calendar without events.
    """
    now = whole_seconds(now)
    audience = resolve(scenario, FeedSubject.cohort(cohort_id))
    events = PlanEvents(scenario, plan).events(audience.keys)
    entries = history.entries if history is not None else {}
    active = [Stamped(event, shown(entries.get(event.uid), event, now)) for event in events]
    fallback = history.updated if history is not None and history.updated else now
    return _finish(
        scenario, audience, active, [], base_url, fallback, refresh=False, reminders=reminders
    )


def _finish(
    scenario: Scenario,
    audience: Audience,
    active: list[Stamped],
    cancelled: list[Cancelled],
    base_url: str,
    fallback: dt.datetime,
    *,
    refresh: bool,
    reminders: tuple[Reminder, ...],
) -> FeedBuild:
    changes = [s.entry.modified for s in active] + [c.entry.modified for c in cancelled]
    # The feed changed last when its newest event did; that instant is also every
    # DTSTAMP, so the bytes (and the ETag) depend on the content alone.
    stamp = whole_seconds(max(changes, default=fallback))
    years = [scenario.horizon.start.year, scenario.horizon.end.year]
    years += [s.event.start.year for s in active] + [c.entry.start.year for c in cancelled]
    first_last = (min(years), max(years))
    spec = CalendarSpec(audience.name, scenario.timezone, first_last, stamp, refresh, reminders)
    body = render(spec, active, cancelled, audience, base_url)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return FeedBuild(body=body, etag=etag, last_modified=stamp)


def _cancelled_for(
    audience: Audience,
    shown: set[str],
    entries: Mapping[str, HistoryEntry],
    now: dt.datetime,
) -> list[Cancelled]:
    out = []
    for uid, entry in entries.items():
        if uid in shown:
            continue
        if entry.cancelled is None and entry.feeds & audience.keys:
            # Still live for these keys in the history, yet not in this plan: stale history.
            stale = replace(entry, sequence=entry.sequence + 1, modified=now)
            out.append(Cancelled(uid, stale))
            continue
        since = _left_at(entry, audience.keys)
        if since is not None and now - since <= CANCELLED_KEPT:
            out.append(Cancelled(uid, _as_they_had_it(entry, audience.keys)))
    out.sort(key=lambda c: (c.entry.start, c.uid))
    return out


def _as_they_had_it(entry: HistoryEntry, keys: frozenset[str]) -> HistoryEntry:
    """The entry with the times and place these feeds last showed, not the event's newer ones."""
    if entry.cancelled is not None and entry.feeds & keys:
        return entry  # they showed it until it was cancelled for everyone
    left = max((k for k in entry.dropped if k in keys), key=lambda k: entry.dropped[k])
    had = entry.shown_to(left)
    return replace(entry, start=had.start, end=had.end, summary=had.summary, location=had.location)


def _left_at(entry: HistoryEntry, keys: frozenset[str]) -> dt.datetime | None:
    """When the event left the feed named by ``keys``, if it did."""
    times = [t for k, t in entry.dropped.items() if k in keys]
    if entry.cancelled is not None and entry.feeds & keys:
        times.append(entry.cancelled)
    return max(times, default=None)
