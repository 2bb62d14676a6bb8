"""What earlier publications showed: per event UID its sequence, last change and cancellation.

Calendar clients only notice a changed event when its SEQUENCE grows, and only
remove an event when the feed says STATUS:CANCELLED for its UID. So each
publication advances a small record of every UID the scenario's feeds ever
showed (kept 30 days after it left a feed). The record is a JSON-able dict that
the API stores next to the published plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final

from trainsched.feeds.events import FeedEvent, scenario_events
from trainsched.formats.plan import Plan
from trainsched.formats.scenario import Scenario

HISTORY_FORMAT: Final = "trainsched.feedhistory/1"
CANCELLED_KEPT: Final = dt.timedelta(days=30)


@dataclass(frozen=True)
class Snapshot:
    """An event as a feed showed it: its times, title and place."""

    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able form."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "summary": self.summary,
            "location": self.location,
        }

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Snapshot:
        """Read the JSON-able form back (histories from before places were kept have none)."""
        return cls(
            dt.datetime.fromisoformat(doc["start"]),
            dt.datetime.fromisoformat(doc["end"]),
            str(doc["summary"]),
            doc.get("location"),
        )


@dataclass(frozen=True)
class HistoryEntry:
    """One UID: its last fingerprint and snapshot, its sequence, and which feeds lost it when.

    ``had`` keeps, per feed that lost the event, what that feed last showed: a trainer taken
    off a class that then moved had the old days, and their cancellation must name those.
    """

    fingerprint: str
    sequence: int
    modified: dt.datetime
    start: dt.datetime
    end: dt.datetime
    summary: str
    feeds: frozenset[str]
    cancelled: dt.datetime | None = None
    dropped: Mapping[str, dt.datetime] = field(default_factory=dict)
    location: str | None = None
    had: Mapping[str, Snapshot] = field(default_factory=dict)

    @property
    def snapshot(self) -> Snapshot:
        """The event as last published."""
        return Snapshot(self.start, self.end, self.summary, self.location)

    def shown_to(self, key: str) -> Snapshot:
        """What the feed ``key`` last showed of the event."""
        return self.had.get(key) or self.snapshot

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able form."""
        return {
            "fp": self.fingerprint,
            "seq": self.sequence,
            "modified": _iso(self.modified),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "summary": self.summary,
            "feeds": sorted(self.feeds),
            "cancelled": _iso(self.cancelled) if self.cancelled else None,
            "dropped": {k: _iso(v) for k, v in sorted(self.dropped.items())},
            "location": self.location,
            "had": {k: v.to_dict() for k, v in sorted(self.had.items())},
        }

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> HistoryEntry:
        """Read the JSON-able form back."""
        cancelled = doc.get("cancelled")
        return cls(
            fingerprint=str(doc["fp"]),
            sequence=int(doc["seq"]),
            modified=_instant(doc["modified"]),
            start=dt.datetime.fromisoformat(doc["start"]),
            end=dt.datetime.fromisoformat(doc["end"]),
            summary=str(doc["summary"]),
            feeds=frozenset(doc["feeds"]),
            cancelled=_instant(cancelled) if cancelled else None,
            dropped={k: _instant(v) for k, v in doc.get("dropped", {}).items()},
            location=doc.get("location"),
            had={k: Snapshot.from_dict(v) for k, v in doc.get("had", {}).items()},
        )


@dataclass(frozen=True)
class FeedHistory:
    """Every UID the scenario's feeds showed in the last 30 days, as of ``updated``."""

    updated: dt.datetime | None = None
    entries: Mapping[str, HistoryEntry] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able form (what the API stores next to the published plan)."""
        return {
            "format": HISTORY_FORMAT,
            "updated": _iso(self.updated) if self.updated else None,
            "events": {uid: e.to_dict() for uid, e in sorted(self.entries.items())},
        }

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> FeedHistory:
        """Read the JSON-able form back; a different format is refused."""
        if doc.get("format") != HISTORY_FORMAT:
            raise ValueError(f"not a feed history: format {doc.get('format')!r}")
        updated = doc.get("updated")
        entries = {uid: HistoryEntry.from_dict(e) for uid, e in doc["events"].items()}
        return cls(_instant(updated) if updated else None, entries)


def advance(
    history: FeedHistory | None, new_events: Iterable[FeedEvent], now: dt.datetime
) -> FeedHistory:
    """The history after publishing a plan whose events (for every feed) are ``new_events``."""
    now = whole_seconds(now)
    old = history.entries if history is not None else {}
    entries: dict[str, HistoryEntry] = {}
    for event in new_events:
        entries[event.uid] = shown(old.get(event.uid), event, now)
    for uid, entry in old.items():
        if uid not in entries:
            gone = _gone(entry, now)
            if gone is not None:
                entries[uid] = gone
    return FeedHistory(now, entries)


def advance_for_plan(
    history: FeedHistory | None, scenario: Scenario, plan: Plan, now: dt.datetime
) -> FeedHistory:
    """``advance`` with every event of a plan: call it once when the plan is published."""
    return advance(history, scenario_events(scenario, plan), now)


def replay(
    scenario: Scenario, publications: Iterable[tuple[Plan, dt.datetime]]
) -> FeedHistory | None:
    """The history rebuilt from every publication (plan, published at), oldest first.

    Each plan is read with the given scenario; one that no longer fits it (names
    a class or person the scenario lost) is skipped. None when nothing fits.
    """
    history: FeedHistory | None = None
    for plan, published_at in sorted(publications, key=lambda p: p[1]):
        try:
            events = scenario_events(scenario, plan)
        except ValueError:
            continue
        history = advance(history, events, published_at)
    return history


def shown(prev: HistoryEntry | None, event: FeedEvent, now: dt.datetime) -> HistoryEntry:
    """The entry of an event shown ``now``: a new one at sequence 0, the same one while the
    event is unchanged, the next sequence as of ``now`` when it changed or comes back."""
    if prev is None:
        return _entry(event, 0, now, {})
    # A feed that showed the event and no longer does must see it cancelled.
    since = prev.cancelled or now
    dropped = {k: prev.dropped.get(k, since) for k in (prev.feeds | set(prev.dropped))}
    dropped = _recent({k: t for k, t in dropped.items() if k not in event.audience}, now)
    had = {k: prev.shown_to(k) for k in dropped}
    if prev.cancelled is None and prev.fingerprint == event.fingerprint:
        return replace(prev, dropped=dropped, had=had)
    return _entry(event, prev.sequence + 1, now, dropped, had)


def _gone(entry: HistoryEntry, now: dt.datetime) -> HistoryEntry | None:
    if entry.cancelled is None:
        return replace(entry, sequence=entry.sequence + 1, modified=now, cancelled=now)
    if now - entry.cancelled > CANCELLED_KEPT:
        return None
    dropped = _recent(entry.dropped, now)
    return replace(entry, dropped=dropped, had={k: entry.shown_to(k) for k in dropped})


def _entry(
    event: FeedEvent,
    sequence: int,
    now: dt.datetime,
    dropped: Mapping[str, dt.datetime],
    had: Mapping[str, Snapshot] | None = None,
) -> HistoryEntry:
    return HistoryEntry(
        fingerprint=event.fingerprint,
        sequence=sequence,
        modified=now,
        start=event.start,
        end=event.end,
        summary=event.summary,
        feeds=event.audience,
        dropped=dropped,
        location=event.location,
        had=had or {},
    )


def _recent(dropped: Mapping[str, dt.datetime], now: dt.datetime) -> dict[str, dt.datetime]:
    return {k: t for k, t in dropped.items() if now - t <= CANCELLED_KEPT}


def whole_seconds(instant: dt.datetime) -> dt.datetime:
    """An aware instant in UTC without microseconds (iCalendar and HTTP keep whole seconds)."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("naive datetime: instants must be timezone-aware")
    return instant.astimezone(dt.UTC).replace(microsecond=0)


def _iso(instant: dt.datetime) -> str:
    return instant.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _instant(text: str) -> dt.datetime:
    return whole_seconds(dt.datetime.fromisoformat(text))
