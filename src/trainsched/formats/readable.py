"""Dates, date ranges and money as people say them, in both languages.

Reasons and warnings are made where no page language is known yet, so they carry both
renderings (a :class:`Message`); pages use the same functions through their formatter.
"""

from __future__ import annotations

import datetime as dt

from trainsched.formats.message import Message

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
RANGE_DASH = "–"  # an en dash, as in 5月13日–6月30日


def day(d: dt.date, with_year: bool = False) -> Message:
    """One date: 5月13日 / 13 May (with the year when asked: 2027年5月13日 / 13 May 2027)."""
    zh = f"{d.month}月{d.day}日"
    en = f"{d.day} {_MONTHS_EN[d.month - 1]}"
    if with_year:
        return Message(f"{d.year}年{zh}", f"{en} {d.year}")
    return Message(zh, en)


def date_range(first: dt.date, last: dt.date) -> Message:
    """Two dates as one span: 5月13日–6月30日 / 13 May–30 Jun.

    The year is said only when the span crosses into another year (a plan covers months, and
    its pages name the year already); one day is said once.
    """
    crosses = first.year != last.year
    a, b = day(first, crosses), day(last, crosses)
    if first == last:
        return a
    return Message(f"{a.zh}{RANGE_DASH}{b.zh}", f"{a.en}{RANGE_DASH}{b.en}")


def money(yuan: int) -> Message:
    """Whole yuan with thousands separators: 28,000元 / ¥28,000 (−¥500 when negative)."""
    sign = "-" if yuan < 0 else ""
    amount = f"{abs(yuan):,}"
    return Message(f"{sign}{amount}元", f"{sign}¥{amount}")


def names(items: list[str]) -> Message:
    """Names in a list: 西江县、东湖区 / 西江县, 东湖区."""
    return Message("、".join(items), ", ".join(items))


def several(n: int, noun: str) -> str:
    """An English count with its noun: 1 trainer, 2 trainers (Chinese needs no plural)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
