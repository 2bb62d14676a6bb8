"""The working-day calendar: weekends, official Chinese holidays and 调休, local closures."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

import chinese_calendar

from trainsched.formats import Message
from trainsched.formats.scenario import CalendarSpec, Scenario


@dataclass(frozen=True)
class OfficialData:
    """Official holidays and adjusted working days for the years the data covers."""

    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    years: frozenset[int]


@cache
def official_cn() -> OfficialData:
    """The official Chinese calendar as published by the State Council (chinese-calendar data)."""
    holidays = frozenset(chinese_calendar.holidays)
    workdays = frozenset(chinese_calendar.workdays)
    years = frozenset(d.year for d in holidays)
    return OfficialData(holidays, workdays, years)


@dataclass(frozen=True)
class WorkingCalendar:
    """Which dates of a horizon are working days, by the spec's rule."""

    start: dt.date
    end: dt.date
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    official_holidays: frozenset[dt.date] = frozenset()
    official_workdays: frozenset[dt.date] = frozenset()
    warnings: tuple[Message, ...] = ()
    days: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        span = (self.end - self.start).days + 1
        all_days = (self.start + dt.timedelta(days=i) for i in range(max(span, 0)))
        object.__setattr__(self, "days", tuple(d for d in all_days if self._working(d)))

    def _working(self, day: dt.date) -> bool:
        # Explicit scenario entries win over official data: a coordinator's local
        # closure beats an official 调休 Saturday, and an explicit working day beats
        # an official holiday.
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        if day in self.official_workdays:
            return True
        if day in self.official_holidays:
            return False
        return day.weekday() < 5

    def is_working(self, day: dt.date) -> bool:
        """True when ``day`` lies in the horizon and is a working day."""
        return self.start <= day <= self.end and self._working(day)

    def index_of(self, day: dt.date) -> int | None:
        """Position of a working day among the horizon's working days, or None."""
        i = bisect_left(self.days, day)
        return i if i < len(self.days) and self.days[i] == day else None

    def working_days_before(self, day: dt.date, n: int) -> dt.date:
        """The working day ``n`` working days before ``day`` (``day`` itself when n is 0).

        An institution's enrolment for a class starting on ``day`` closes on this date
        (``enrol_close_days``). It may fall before the horizon's start, where only weekends
        and the scenario's own holidays/workdays are known (official data is the horizon's).
        """
        while n > 0:
            day -= dt.timedelta(days=1)
            n -= self._working(day)
        return day

    def next_on_or_after(self, day: dt.date) -> int:
        """Index of the first working day on or after ``day`` (may equal len(days))."""
        return bisect_left(self.days, day)


def build_calendar(
    start: dt.date,
    end: dt.date,
    spec: CalendarSpec,
    official: OfficialData | None = None,
) -> WorkingCalendar:
    """Build the calendar for a horizon, merging official data when ``spec.official`` asks."""
    off_h: frozenset[dt.date] = frozenset()
    off_w: frozenset[dt.date] = frozenset()
    warnings: list[Message] = []
    if spec.official == "CN":
        data = official or official_cn()
        off_h = frozenset(d for d in data.holidays if start <= d <= end)
        off_w = frozenset(d for d in data.workdays if start <= d <= end)
        for year in range(start.year, end.year + 1):
            if year not in data.years:
                warnings.append(
                    Message(
                        f"无{year}年官方节假日数据，仅按周末及本方案列出的假日/调休计算",
                        f"no official Chinese holiday data for {year}: only weekends and the "
                        f"scenario's own holidays/workdays are used for {year}",
                    )
                )
    return WorkingCalendar(
        start=start,
        end=end,
        holidays=frozenset(spec.holidays),
        workdays=frozenset(spec.workdays),
        official_holidays=off_h,
        official_workdays=off_w,
        warnings=tuple(warnings),
    )


def scenario_calendar(scenario: Scenario) -> WorkingCalendar:
    """The working-day calendar of a scenario's horizon."""
    h = scenario.horizon
    return build_calendar(h.start, h.end, scenario.calendar)
