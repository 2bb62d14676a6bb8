"""The working-day calendar: weekends, official Chinese holidays and 调休, local closures."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from trainsched.formats.scenario import CalendarSpec
from trainsched.workcal import build_calendar

D = dt.date


def test_plain_calendar_is_monday_to_friday() -> None:
    c = build_calendar(D(2027, 3, 1), D(2027, 3, 14), CalendarSpec())
    assert [d.day for d in c.days] == [1, 2, 3, 4, 5, 8, 9, 10, 11, 12]


def test_official_2026_spring_festival_is_not_working() -> None:
    c = build_calendar(D(2026, 1, 1), D(2026, 12, 31), CalendarSpec(official="CN"))
    # 2026 Spring Festival: 15–23 February are holidays (State Council notice, Nov 2025).
    for day in range(16, 21):
        assert not c.is_working(D(2026, 2, day))


def test_official_2026_national_day_is_not_working() -> None:
    c = build_calendar(D(2026, 1, 1), D(2026, 12, 31), CalendarSpec(official="CN"))
    assert not any(c.is_working(D(2026, 10, day)) for day in range(1, 8))


def test_official_2026_adjusted_saturday_is_working() -> None:
    c = build_calendar(D(2026, 1, 1), D(2026, 12, 31), CalendarSpec(official="CN"))
    # 调休: Saturday 14 February 2026 and Saturday 28 February 2026 are working days.
    assert D(2026, 2, 14).weekday() == 5
    assert c.is_working(D(2026, 2, 14))
    assert c.is_working(D(2026, 2, 28))


def test_without_official_data_holidays_are_ordinary_days() -> None:
    c = build_calendar(D(2026, 10, 1), D(2026, 10, 9), CalendarSpec())
    assert c.is_working(D(2026, 10, 1))
    assert not c.warnings


def test_explicit_holiday_is_not_working() -> None:
    c = build_calendar(D(2027, 3, 1), D(2027, 3, 31), CalendarSpec(holidays=[D(2027, 3, 3)]))
    assert not c.is_working(D(2027, 3, 3))
    assert c.is_working(D(2027, 3, 4))


def test_explicit_workday_on_a_weekend_is_working() -> None:
    c = build_calendar(D(2027, 3, 1), D(2027, 3, 31), CalendarSpec(workdays=[D(2027, 3, 6)]))
    assert c.is_working(D(2027, 3, 6))
    assert not c.is_working(D(2027, 3, 7))


def test_local_closure_beats_an_official_adjusted_workday() -> None:
    spec = CalendarSpec(official="CN", holidays=[D(2026, 2, 14)])
    c = build_calendar(D(2026, 2, 1), D(2026, 2, 28), spec)
    assert not c.is_working(D(2026, 2, 14))


def test_uncovered_year_is_warned_about_by_name() -> None:
    c = build_calendar(D(2026, 12, 1), D(2027, 6, 30), CalendarSpec(official="CN"))
    assert len(c.warnings) == 1
    assert "2027" in c.warnings[0].en
    assert "2027年放假安排尚未公布，日期为暂定" in c.warnings[0].zh
    assert "2026" not in c.warnings[0].en.split(":")[0]
    assert c.provisional_years == (2027,)


def test_covered_year_is_not_warned_about() -> None:
    c = build_calendar(D(2026, 1, 1), D(2026, 12, 31), CalendarSpec(official="CN"))
    assert c.warnings == ()


def test_an_unannounced_year_takes_its_statutory_holidays_by_rule_but_no_adjusted_workdays() -> (
    None
):
    spec = CalendarSpec(official="CN", holidays=[D(2027, 3, 5)])
    c = build_calendar(D(2027, 2, 1), D(2027, 3, 31), spec)
    # Spring Festival 2027 by rule: Eve Feb 5 to Feb 8, and Feb 9–10 for the weekend days.
    assert c.is_working(D(2027, 2, 4)) and c.is_working(D(2027, 2, 11))
    assert not any(c.is_working(D(2027, 2, d)) for d in range(5, 11))
    assert not c.is_working(D(2027, 2, 20))  # no Saturday is assumed worked
    assert not c.is_working(D(2027, 3, 5))  # the scenario's own closure still counts
    assert c.provisional_years == (2027,)


def test_an_announced_year_uses_the_entered_days_and_is_not_provisional() -> None:
    spec = CalendarSpec(official="CN", holidays=[D(2027, 2, 12)], workdays=[D(2027, 2, 20)])
    c = build_calendar(D(2027, 2, 1), D(2027, 2, 28), spec, announced=frozenset({2027}))
    assert c.is_working(D(2027, 2, 9)) and c.is_working(D(2027, 2, 20))
    assert not c.is_working(D(2027, 2, 12))
    assert c.provisional_years == () and c.warnings == ()


def test_a_covered_year_is_never_provisional() -> None:
    c = build_calendar(D(2026, 1, 1), D(2026, 12, 31), CalendarSpec(official="CN"))
    assert c.provisional_years == ()


def test_dates_outside_the_horizon_are_not_working() -> None:
    c = build_calendar(D(2027, 3, 2), D(2027, 3, 31), CalendarSpec())
    assert not c.is_working(D(2027, 3, 1))


@given(
    start=st.dates(D(2025, 1, 1), D(2027, 12, 1)),
    length=st.integers(0, 120),
    official=st.sampled_from([None, "CN"]),
)
def test_working_days_are_exactly_the_dates_is_working_accepts(
    start: D, length: int, official: str | None
) -> None:
    end = start + dt.timedelta(days=length)
    c = build_calendar(start, end, CalendarSpec.model_validate({"official": official}))
    every = [start + dt.timedelta(days=i) for i in range(length + 1)]
    assert list(c.days) == [d for d in every if c.is_working(d)]
    assert all(c.index_of(d) == i for i, d in enumerate(c.days))


def test_enrolment_closes_three_working_days_before_a_monday_class_on_the_wednesday() -> None:
    c = build_calendar(D(2027, 3, 1), D(2027, 3, 31), CalendarSpec())
    assert c.working_days_before(D(2027, 3, 8), 3) == D(2027, 3, 3)
    assert c.working_days_before(D(2027, 3, 8), 0) == D(2027, 3, 8)


def test_enrolment_close_skips_official_holidays_and_counts_adjusted_workdays() -> None:
    c = build_calendar(D(2026, 9, 1), D(2026, 12, 31), CalendarSpec(official="CN"))
    # 2026 National Day: Oct 1–7 off, Saturday Oct 10 worked.
    assert c.working_days_before(D(2026, 10, 9), 2) == D(2026, 9, 30)
    assert c.working_days_before(D(2026, 10, 12), 1) == D(2026, 10, 10)


def test_enrolment_close_may_fall_before_the_horizon() -> None:
    c = build_calendar(D(2027, 3, 8), D(2027, 3, 31), CalendarSpec())
    assert c.working_days_before(D(2027, 3, 8), 3) == D(2027, 3, 3)
