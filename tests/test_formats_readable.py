"""Dates, date ranges and money as people read them, for any date and amount (properties)."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from trainsched.formats.readable import date_range, day, money, several

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ZH_DAY = r"(?:(?P<y{n}>\d{{4}})年)?(?P<m{n}>\d{{1,2}})月(?P<d{n}>\d{{1,2}})日"
EN_DAY = r"(?P<d{n}>\d{{1,2}}) (?P<m{n}>[A-Z][a-z]{{2}})(?: (?P<y{n}>\d{{4}}))?"
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))


def _zh(match: re.Match[str], n: int, year: int) -> dt.date:
    y = match[f"y{n}"]
    return dt.date(int(y) if y else year, int(match[f"m{n}"]), int(match[f"d{n}"]))


def _en(match: re.Match[str], n: int, year: int) -> dt.date:
    y = match[f"y{n}"]
    return dt.date(int(y) if y else year, MONTHS_EN.index(match[f"m{n}"]) + 1, int(match[f"d{n}"]))


@given(dates, dates)
def test_a_date_range_reads_back_as_the_same_two_dates(a: dt.date, b: dt.date) -> None:
    first, last = min(a, b), max(a, b)
    said = date_range(first, last)
    if first == last:
        assert said == day(first)
        return
    zh = re.fullmatch(ZH_DAY.format(n=1) + "–" + ZH_DAY.format(n=2), said.zh)
    en = re.fullmatch(EN_DAY.format(n=1) + "–" + EN_DAY.format(n=2), said.en)
    assert zh and en, said
    assert (_zh(zh, 1, first.year), _zh(zh, 2, first.year)) == (first, last)
    assert (_en(en, 1, first.year), _en(en, 2, first.year)) == (first, last)
    # The year is said exactly when the range crosses into another year; never an ISO date.
    assert (zh["y1"] is not None) == (first.year != last.year) == (en["y2"] is not None)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", said.zh + said.en)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_money_has_thousands_separators_and_reads_back_as_the_amount(yuan: int) -> None:
    said = money(yuan)
    zh = re.fullmatch(r"(-?)(\d{1,3}(?:,\d{3})*)元", said.zh)
    en = re.fullmatch(r"(-?)¥(\d{1,3}(?:,\d{3})*)", said.en)
    assert zh and en, said
    for m in (zh, en):
        assert int(m[1] + m[2].replace(",", "")) == yuan


@given(st.integers(min_value=0, max_value=1000))
def test_an_english_count_agrees_with_its_noun(n: int) -> None:
    assert several(n, "trainer") == (f"{n} trainer" if n == 1 else f"{n} trainers")
