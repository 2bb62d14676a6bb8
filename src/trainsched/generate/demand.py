"""Requested cohorts and the quarterly subsidy funds that cannot pay for all of them."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from trainsched.generate.geography import District, Geography, apportion, random_date, window
from trainsched.generate.profiles import COURSE_MIX

GROUPS = ("graduate", "migrant", "hardship", "other")
# Who comes to class: graduates in the city, returning migrant workers in the counties.
_GROUP_MIX = {True: (45, 15, 15, 25), False: (15, 45, 20, 20)}
# Classes thin out around the Spring Festival and in the summer heat.
COHORT_SEASON = (0.5, 0.4, 1.2, 1.2, 1.1, 1.0, 0.7, 0.6, 1.2, 1.0, 1.1, 0.8)


def _trainees(rng: random.Random, d: District, size: int) -> dict[str, int]:
    picks = rng.choices(GROUPS, weights=_GROUP_MIX[d.urban], k=size)
    return {g: picks.count(g) for g in GROUPS if picks.count(g)}


def _size(rng: random.Random, d: District, course: Mapping[str, Any]) -> int:
    # The remote county's classes are smaller, yet some still outgrow its small rooms.
    low = max(int(course["min_size"]), 16 if d.small_rooms else 18)
    high = min(int(course["max_size"]), 28 if d.small_rooms else 30)
    return rng.randint(low, high)


def _cohort(
    rng: random.Random,
    geo: Geography,
    d: District,
    course: Mapping[str, Any],
    span: tuple[dt.date, dt.date],
) -> dict[str, Any]:
    earliest = random_date(rng, *span, COHORT_SEASON)
    first, last = window(earliest, 7 * rng.randint(3, 8), *span)
    doc: dict[str, Any] = {
        "course": course["id"],
        "region": d.id,
        "trainees": _trainees(rng, d, _size(rng, d, course)),
        "earliest": first.isoformat(),
        "latest_end": last.isoformat(),
    }
    near = geo.neighbours(d)
    if near and rng.random() < 0.25:
        doc["venue_regions"] = [d.id, rng.choice(near[:2]).id]
    priority = rng.choices((1, 2, 3), weights=(80, 15, 5))[0]
    if priority > 1:
        doc["priority"] = priority
    return doc


def cohort_docs(
    rng: random.Random,
    geo: Geography,
    courses: Sequence[Mapping[str, Any]],
    span: tuple[dt.date, dt.date],
    total: int,
) -> list[dict[str, Any]]:
    """``total`` requested classes over the districts, course mix by district type."""
    counts = apportion(total, [d.weight for d in geo.districts])
    out: list[dict[str, Any]] = []
    for d, n in zip(geo.districts, counts, strict=True):
        mix = [COURSE_MIX[str(c["id"])][0 if d.urban else 1] for c in courses]
        for _ in range(n):
            course = rng.choices(courses, weights=mix)[0]
            out.append({"id": f"C{len(out) + 1:04d}", **_cohort(rng, geo, d, course, span)})
    _each_course_once(rng, out, courses)
    return out


def _each_course_once(
    rng: random.Random, cohorts: list[dict[str, Any]], courses: Sequence[Mapping[str, Any]]
) -> None:
    # Small scenarios could otherwise miss a course of their own catalogue entirely;
    # the most requested course gives up a cohort to each missing one.
    for course in courses:
        counts = {str(c["id"]): 0 for c in courses}
        for c in cohorts:
            counts[str(c["course"])] += 1
        if counts[str(course["id"])] == 0:
            most = max(counts, key=lambda k: (counts[k], k))
            if counts[most] > 1:
                rng.choice([c for c in cohorts if c["course"] == most])["course"] = course["id"]


def subsidy(
    cohort: Mapping[str, Any], per_trainee: Mapping[str, int], subsidised: Sequence[str]
) -> int:
    """Yuan the cohort would cost its fund: subsidy × trainees in subsidised groups."""
    heads = sum(n for g, n in cohort["trainees"].items() if g in subsidised)
    return int(per_trainee[str(cohort["course"])]) * int(heads)


def _quarters(start: dt.date, end: dt.date) -> list[tuple[int, dt.date, dt.date]]:
    out = []
    for year in range(start.year, end.year + 1):
        for q in range(4):
            first = dt.date(year, 3 * q + 1, 1)
            nxt = dt.date(year + (q == 3), (3 * q + 3) % 12 + 1, 1)
            a, b = max(first, start), min(nxt - dt.timedelta(days=1), end)
            if a <= b:
                out.append((q + 1, a, b))
    return out


def _district_groups(rng: random.Random, geo: Geography) -> list[list[District]]:
    # A fund pays for one to three districts of one city (a county, or a few urban districts).
    groups: list[list[District]] = []
    for c in range(len(geo.cities)):
        rest = [d for d in geo.districts if d.city == c]
        while rest:
            k = rng.randint(1, 3)
            groups.append(rest[:k])
            rest = rest[k:]
    return groups


@dataclass(frozen=True)
class Asked:
    """What the funds are sized against: the requested classes and their subsidy rules."""

    cohorts: Sequence[Mapping[str, Any]]
    per_trainee: Mapping[str, int]
    subsidised: Sequence[str]
    span: tuple[dt.date, dt.date]

    def subsidy(self, cohort: Mapping[str, Any]) -> int:
        """Yuan the cohort would cost its fund."""
        return subsidy(cohort, self.per_trainee, self.subsidised)


def fund_docs(rng: random.Random, geo: Geography, ask: Asked) -> list[dict[str, Any]]:
    """Quarterly funds per district group, each 75–90% of the subsidy asked of it."""
    cohorts, span = ask.cohorts, ask.span
    out: list[dict[str, Any]] = []
    for group in _district_groups(rng, geo):
        ids = [d.id for d in group]
        label = "、".join(d.name for d in group)
        for q, first, last in _quarters(*span):
            asked = sum(
                ask.subsidy(c)
                for c in cohorts
                if c["region"] in ids and first.isoformat() <= c["earliest"] <= last.isoformat()
            )
            out.append(
                {
                    "id": f"F{len(out) + 1:03d}",
                    "name": f"{label}{first.year}年第{q}季度创业培训补贴",
                    "regions": ids,
                    "from": first.isoformat(),
                    "to": last.isoformat(),
                    "amount": int(asked * rng.uniform(0.75, 0.90)) // 1000 * 1000,
                }
            )
    return out
