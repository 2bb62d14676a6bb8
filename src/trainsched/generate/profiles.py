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

PROFILES: dict[str, Profile] = {
    "tiny": Profile(
        "tiny",
        dt.date(2027, 4, 1),
        dt.date(2027, 5, 31),
        (1, 1),
        (2, 2),
        ("GYB", "SYB"),
        trainers=4,
        venues=3,
        cohorts=6,
        mentors=2,
        requests=5,
    ),
    "small": Profile(
        "small",
        dt.date(2027, 3, 1),
        dt.date(2027, 5, 31),
        (1, 1),
        (6, 6),
        _ALL,
        trainers=17,
        venues=10,
        cohorts=60,
        mentors=10,
        requests=120,
    ),
    "city": Profile(
        "city",
        *_YEAR,
        (1, 1),
        (9, 11),
        _ALL,
        trainers=80,
        venues=40,
        cohorts=500,
        mentors=60,
        requests=1200,
    ),
    "province": Profile(
        "province",
        *_YEAR,
        (11, 13),
        (8, 11),
        _ALL,
        trainers=360,
        venues=160,
        cohorts=3000,
        mentors=260,
        requests=8000,
    ),
    "demo": Profile(
        "demo",
        dt.date(2027, 1, 1),
        dt.date(2027, 6, 30),
        (1, 1),
        (10, 10),
        _ALL,
        trainers=44,
        venues=18,
        cohorts=132,
        mentors=28,
        requests=320,
    ),
}

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
