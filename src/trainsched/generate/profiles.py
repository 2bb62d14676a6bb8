"""Sizes of the generated scenarios and the course catalogue they share."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any, Literal

Scale = Literal["tiny", "small", "city", "province"]


@dataclass(frozen=True)
class Profile:
    """How big one kind of generated scenario is."""

    label: str
    start: dt.date
    end: dt.date
    cities: tuple[int, int]
    districts: tuple[int, int]
    courses: tuple[str, ...]
    trainers: int
    venues: int
    cohorts: int
    mentors: int
    requests: int


_ALL = ("GYB", "SYB", "IYB", "EYB", "NET", "SIM")
_YEAR = (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
_HALF = (dt.date(2027, 1, 1), dt.date(2027, 6, 30))

D = dt.date
# One row a scale: horizon, cities and districts per city (ranges), courses; then trainers,
# venues, cohorts, mentors and visit requests.
PROFILES: dict[str, Profile] = {
    p.label: p
    for p in (
        Profile("tiny", D(2027, 4, 1), D(2027, 5, 31), (1, 1), (2, 2), _ALL[:2], 4, 3, 6, 2, 5),
        Profile("small", D(2027, 3, 1), D(2027, 5, 31), (1, 1), (6, 6), _ALL, 17, 10, 60, 10, 120),
        Profile("city", *_YEAR, (1, 1), (9, 11), _ALL, 80, 40, 500, 60, 1200),
        Profile("province", *_YEAR, (11, 13), (8, 11), _ALL, 360, 160, 3000, 260, 8000),
        Profile("demo", *_HALF, (1, 1), (10, 10), _ALL, 44, 18, 132, 28, 320),
    )
}  # fmt: skip

# Share of classes per course in city districts and in rural counties: SYB dominates,
# EYB (expanding a firm) is mostly an urban course.
COURSE_MIX: dict[str, tuple[float, float]] = {
    "GYB": (0.12, 0.18),
    "SYB": (0.40, 0.48),
    "IYB": (0.14, 0.08),
    "EYB": (0.08, 0.02),
    "NET": (0.16, 0.14),
    "SIM": (0.10, 0.10),
}

_NAMES = {
    "GYB": "GYB 产生你的企业想法",
    "SYB": "SYB 创办你的企业",
    "IYB": "IYB 改善你的企业",
    "EYB": "EYB 扩大你的企业",
    "NET": "网络创业培训",
    "SIM": "创业模拟实训",
}
# (days, trainers, subsidy choices in yuan per trainee, from DOMAIN.md's public rules)
_SHAPE: dict[str, tuple[int, int, tuple[int, ...]]] = {
    "GYB": (3, 1, (300, 400, 500)),
    "SYB": (10, 2, (1000, 1500, 2000)),
    "IYB": (7, 1, (1300, 1800)),
    "EYB": (7, 2, (1800,)),
    "NET": (7, 1, (1500, 1800, 2000)),
    "SIM": (5, 1, (800, 1200, 1600, 2000, 2800)),
}


def course_docs(ids: tuple[str, ...], rng: random.Random) -> list[dict[str, Any]]:
    """The catalogue for ``ids``, with this city's subsidy levels and teaching hours."""
    out: list[dict[str, Any]] = []
    for cid in ids:
        days, trainers, subsidies = _SHAPE[cid]
        hours = rng.choice((("09:00", "17:00"), ("08:30", "16:30")))
        doc: dict[str, Any] = {
            "id": cid,
            "name": _NAMES[cid],
            "days": days,
            "min_size": 15,
            "max_size": 30,
            "trainers_required": trainers,
            "subsidy_per_trainee": rng.choice(subsidies),
            "hours": {"start": hours[0], "end": hours[1]},
        }
        if cid == "SYB":
            doc["max_span_days"] = 16
        out.append(doc)
    return out
