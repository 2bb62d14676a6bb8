"""When a phone reminds people of a teaching day or a visit, and what the reminder says.

The scenario format has no place for reminders, so the server says them once for all its
feeds (``TRAINSCHED_REMINDERS``), as a comma-separated list of:

- ``-1d@18:00``: at 18:00 local time, that many days before the day of the event;
- ``-1h``, ``-30m``, ``-1h30m``: that long before it starts.

The default, ``-1d@18:00, -1h``, reminds the evening before and one hour before. Each is
written as a trigger relative to the event's start, which every calendar client honours.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

DEFAULT_REMINDERS_TEXT: Final = "-1d@18:00, -1h"

_DAY_BEFORE = re.compile(r"^-(\d{1,2})d@([01]\d|2[0-3]):([0-5]\d)$")
_BEFORE = re.compile(r"^-(?:(\d{1,3})h)?(?:(\d{1,4})m)?$")


@dataclass(frozen=True)
class Reminder:
    """One reminder: at a clock time some days before the event, or a while before its start."""

    days_before: int = 0
    at: dt.time | None = None
    before: dt.timedelta = dt.timedelta(0)

    def trigger(self, start: dt.datetime) -> dt.timedelta:
        """When to remind, relative to the event's start (negative: before it)."""
        if self.at is None:
            return -self.before
        day = start.date() - dt.timedelta(days=self.days_before)
        return dt.datetime.combine(day, self.at, start.tzinfo) - start

    def text(self, start: dt.datetime, what: str, where: str | None) -> str:
        """The reminder's Chinese text: when, what and where."""
        place = f"，地点：{where}" if where else ""
        if self.at is None:
            return f"{_span(self.before)}后开始：{what}{place}"
        when = {0: "今天", 1: "明天", 2: "后天"}.get(self.days_before, f"{self.days_before}天后")
        return f"{when} {start:%H:%M}：{what}{place}"


@lru_cache(maxsize=16)
def parse_reminders(text: str) -> tuple[Reminder, ...]:
    """The reminders a setting names; ValueError for anything else ("" means none)."""
    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        day = _DAY_BEFORE.match(part)
        span = _BEFORE.match(part)
        if day:
            at = dt.time(int(day[2]), int(day[3]))
            out.append(Reminder(days_before=int(day[1]), at=at))
        elif span and (span[1] or span[2]):
            before = dt.timedelta(hours=int(span[1] or 0), minutes=int(span[2] or 0))
            out.append(Reminder(before=before))
        else:
            raise ValueError(
                f"reminder {part!r}: write -1d@18:00 (a time days before) or -1h / -30m"
            )
    return tuple(out)


def _span(before: dt.timedelta) -> str:
    hours, rest = divmod(int(before.total_seconds()) // 60, 60)
    parts = [f"{hours}小时" if hours else "", f"{rest}分钟" if rest else ""]
    return "".join(parts) or "现在"


DEFAULT_REMINDERS: Final = parse_reminders(DEFAULT_REMINDERS_TEXT)
