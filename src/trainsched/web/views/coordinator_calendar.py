"""The scenario page's official-notice form: days typed as a coordinator copies them."""

from __future__ import annotations

import datetime as dt
import re

from trainsched.web.views.coordinator_forms import FormFields

# Dates separated by spaces, commas (ASCII or Chinese), 、 or new lines; "A..B" or "A~B" is an
# inclusive range, as a notice lists a holiday ("2月5日至12日").
_SEPARATORS = re.compile(r"[\s,，、;；]+")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\.\.|~|～)(\d{4}-\d{2}-\d{2})$")
_LONGEST_RANGE_DAYS = 31


def parse_days(fields: FormFields, name: str, raw: str) -> list[dt.date]:
    """The dates and inclusive ranges written in ``raw``; a problem in ``fields`` for each bad
    entry (a range longer than a month is taken for a typo)."""
    out: set[dt.date] = set()
    for item in (t for t in _SEPARATORS.split(raw.strip()) if t):
        found = _RANGE.match(item)
        if found is None:
            day = fields.date(name, item)
            out.update([day] if day else [])
            continue
        first, last = fields.date(name, found[1]), fields.date(name, found[2])
        if first is None or last is None:
            continue
        span = (last - first).days
        if not 0 <= span <= _LONGEST_RANGE_DAYS:
            fields.bad(name, f"{item!r} is not a range of at most {_LONGEST_RANGE_DAYS} days")
            continue
        out.update(first + dt.timedelta(days=i) for i in range(span + 1))
    return sorted(out)
