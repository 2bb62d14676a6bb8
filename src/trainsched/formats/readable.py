"""Money and dates as people read them: 28,000元 and 5月13日–6月30日, not 28000 and ISO dates."""

from __future__ import annotations

import datetime as dt

from trainsched.formats.message import Message

# Fixed English month names: the server's locale must not change what people read.
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def yuan(amount: int) -> Message:
    """Whole yuan with thousands separators: 28,000元 / 28,000 yuan."""
    return Message(f"{amount:,}元", f"{amount:,} yuan")


def day(d: dt.date) -> Message:
    """One local date: 5月13日 / 13 May (the year is the plan's, so it is left out)."""
    return Message(f"{d.month}月{d.day}日", f"{d.day} {_MONTHS[d.month - 1]}")


def date_range(start: dt.date, end: dt.date) -> Message:
    """An inclusive range of dates: 5月13日至6月30日 / 13 May to 30 Jun; one date alone."""
    if start == end:
        return day(start)
    a, b = day(start), day(end)
    return Message(f"{a.zh}至{b.zh}", f"{a.en} to {b.en}")
