"""The working-day calendar: weekends, official Chinese holidays and 调休, local closures.

A year the State Council has not announced yet (the bundled chinese-calendar data lacks it) is
planned provisionally: its statutory holidays come from the maintained ``holidays`` package,
which knows them for future years but not the adjusted working weekends (调休), so none are
assumed. Every plan day in such a year is provisional until the coordinator enters the
official notice's days into the scenario's calendar (``x.announced_years`` names those years).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

import chinese_calendar
from holidays import country_holidays

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


# scenario.x key: years whose official notice the coordinator entered into the calendar.
ANNOUNCED_YEARS = "announced_years"


@cache
def statutory_cn(year: int) -> frozenset[dt.date]:
    """China's statutory holidays of ``year`` by rule (the ``holidays`` package): known before
    the year's notice, without the adjusted working weekends the notice adds."""
    return frozenset(country_holidays("CN", years=year))


def provisional_notice(year: int) -> Message:
    """What a coordinator reads about a year planned before its notice."""
    return Message(
        f"{year}年放假安排尚未公布，日期为暂定：按法定节假日规则排班，未计调休上班日；"
        f"公布后请在场景页填入官方日期",
        f"the {year} holiday schedule has not been announced yet, so dates are provisional: "
        f"statutory holidays by rule, no adjusted working weekends; enter the official days on "
        f"the scenario page once announced",
    )


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
    provisional_years: tuple[int, ...] = ()  # years planned before their official notice
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
    announced: frozenset[int] = frozenset(),
) -> WorkingCalendar:
    """Build the calendar for a horizon, merging official data when ``spec.official`` asks.

    A year the data lacks takes its statutory holidays by rule and is provisional, unless it
    is ``announced``: the coordinator entered its official days into ``spec`` themselves.
    """
    off_h: set[dt.date] = set()
    off_w: frozenset[dt.date] = frozenset()
    warnings: list[Message] = []
    provisional: list[int] = []
    if spec.official == "CN":
        data = official or official_cn()
        off_h = {d for d in data.holidays if start <= d <= end}
        off_w = frozenset(d for d in data.workdays if start <= d <= end)
        for year in range(start.year, end.year + 1):
            if year in data.years or year in announced:
                continue
            off_h |= {d for d in statutory_cn(year) if start <= d <= end}
            provisional.append(year)
            warnings.append(provisional_notice(year))
    return WorkingCalendar(
        start=start,
        end=end,
        holidays=frozenset(spec.holidays),
        workdays=frozenset(spec.workdays),
        official_holidays=frozenset(off_h),
        official_workdays=off_w,
        warnings=tuple(warnings),
        provisional_years=tuple(provisional),
    )


def announced_years(scenario: Scenario) -> frozenset[int]:
    """Years whose official notice the coordinator entered into the scenario's calendar."""
    raw = (scenario.x or {}).get(ANNOUNCED_YEARS, [])
    years = raw if isinstance(raw, list) else []
    return frozenset(y for y in years if isinstance(y, int) and not isinstance(y, bool))


def scenario_calendar(scenario: Scenario) -> WorkingCalendar:
    """The working-day calendar of a scenario's horizon."""
    h = scenario.horizon
    return build_calendar(h.start, h.end, scenario.calendar, announced=announced_years(scenario))
