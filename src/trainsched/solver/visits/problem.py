"""The visit problem in solver terms: requests, mentors, free days and candidate mentors."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trainsched.formats.common import unavailable_dates
from trainsched.formats.scenario import Mentor, Scenario, VisitRequest
from trainsched.geo import great_circle_km, round_trip_km
from trainsched.workcal import WorkingCalendar


def monday(day: int) -> int:
    """Ordinal of the Monday of the week of ordinal ``day`` (ordinal 1 is a Monday)."""
    return day - (day - 1) % 7


@dataclass(frozen=True)
class Req:
    """One visit request: window as working-day ordinals, effective gap and value per visit."""

    idx: int
    id: str
    topic: str
    point: tuple[float, float]
    want: int
    gap: int  # at least 1: two visits to one request never share a day
    lo: int  # window as ordinals, inclusive
    hi: int
    span: tuple[int, int]  # slice of VisitProblem.workdays inside the window
    weight: int  # served value of one visit: priority × group weight


@dataclass(frozen=True)
class Mtr:
    """One mentor: home, topics, caps and the days they could go out."""

    idx: int
    id: str
    home: tuple[float, float]
    topics: frozenset[str]
    per_day: int
    per_week: int
    km_limit: float | None
    free: frozenset[int]  # working, available and not teaching


@dataclass(frozen=True)
class VisitProblem:
    """Everything the visit stages share; candidates are sorted nearest first."""

    workdays: tuple[int, ...]  # working days of the horizon, ascending ordinals
    reqs: tuple[Req, ...]
    mentors: tuple[Mtr, ...]
    cands: tuple[tuple[tuple[int, float], ...], ...]  # per request: (mentor idx, one-way km)
    topic_count: Mapping[str, int]  # mentors holding each topic, in reach or not

    def window(self, r: int) -> tuple[int, ...]:
        """Working days of request ``r``'s window."""
        i0, i1 = self.reqs[r].span
        return self.workdays[i0:i1]


def _mentor(
    idx: int, m: Mentor, cal: WorkingCalendar, teaching: Mapping[str, frozenset[dt.date]]
) -> Mtr:
    off = unavailable_dates(m.unavailable)
    teach = teaching.get(m.trainer, frozenset()) if m.trainer is not None else frozenset()
    free = frozenset(d.toordinal() for d in cal.days if d not in off and d not in teach)
    return Mtr(
        idx=idx,
        id=m.id,
        home=(m.lat, m.lon),
        topics=frozenset(m.expertise),
        per_day=m.max_visits_per_day,
        per_week=m.max_visits_per_week,
        km_limit=m.max_km_per_day,
        free=free,
    )


def _request(idx: int, r: VisitRequest, s: Scenario, workdays: Sequence[int]) -> Req:
    lo, hi = r.start.toordinal(), r.end.toordinal()
    group = s.groups.get(r.group)
    return Req(
        idx=idx,
        id=r.id,
        topic=r.topic,
        point=(r.lat, r.lon),
        want=r.visits,
        gap=max(1, r.min_gap_days),
        lo=lo,
        hi=hi,
        span=(bisect_left(workdays, lo), bisect_right(workdays, hi)),
        weight=r.priority * (group.weight if group is not None else 0),
    )


def _candidates(req: Req, mentors: Sequence[Mtr]) -> tuple[tuple[int, float], ...]:
    found: list[tuple[int, float]] = []
    for m in mentors:
        if req.topic not in m.topics:
            continue
        if m.km_limit is None or round_trip_km(m.home, [req.point]) <= m.km_limit:
            found.append((m.idx, great_circle_km(*m.home, *req.point)))
    found.sort(key=lambda c: (c[1], c[0]))
    return tuple(found)


def build_visit_problem(
    scenario: Scenario, calendar: WorkingCalendar, teaching: Mapping[str, frozenset[dt.date]]
) -> VisitProblem:
    """Translate a scenario into the visit solver's terms."""
    mentors = tuple(_mentor(i, m, calendar, teaching) for i, m in enumerate(scenario.mentors))
    workdays = tuple(d.toordinal() for d in calendar.days)
    reqs = tuple(_request(i, r, scenario, workdays) for i, r in enumerate(scenario.visit_requests))
    found = [_candidates(r, mentors) for r in reqs]
    topics: dict[str, int] = {}
    for m in mentors:
        for t in m.topics:
            topics[t] = topics.get(t, 0) + 1
    return VisitProblem(
        workdays=workdays,
        reqs=reqs,
        mentors=mentors,
        cands=tuple(found),
        topic_count=topics,
    )
