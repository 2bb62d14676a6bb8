"""Clock times of a mentor's visits, derived from their order within the day.

A plan says only in which order a mentor makes the day's visits, so the feed
gives each order a fixed 90-minute slot with a 15-minute walk between slots
and a lunch break:

====== =============
order  slot
====== =============
1      09:00–10:30
2      10:45–12:15
3      14:00–15:30
4      15:45–17:15
5      17:30–19:00
6      19:15–20:45
====== =============

An order beyond 6 (only possible when a mentor allows more than six visits a
day) shares the last slot, so the event still lands on the right day.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

VISIT_SLOTS: Final[tuple[tuple[dt.time, dt.time], ...]] = (
    (dt.time(9, 0), dt.time(10, 30)),
    (dt.time(10, 45), dt.time(12, 15)),
    (dt.time(14, 0), dt.time(15, 30)),
    (dt.time(15, 45), dt.time(17, 15)),
    (dt.time(17, 30), dt.time(19, 0)),
    (dt.time(19, 15), dt.time(20, 45)),
)


def visit_slot(order: int) -> tuple[dt.time, dt.time]:
    """The (start, end) clock times of the visit with this 1-based order in the mentor's day."""
    if order < 1:
        raise ValueError(f"visit order starts at 1, got {order}")
    return VISIT_SLOTS[min(order, len(VISIT_SLOTS)) - 1]
