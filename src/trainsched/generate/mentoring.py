"""Mentors of the expert pool and the founders who asked for their visits."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

from trainsched.generate.geography import (
    District,
    Geography,
    apportion,
    date_range,
    disjoint,
    jitter,
    random_date,
    window,
)
from trainsched.generate.places import TOPICS, Namer, email, phone

# What founders ask about, in city districts and in rural counties.
_TOPIC_MIX: dict[str, tuple[float, float]] = {
    "agriculture": (0.5, 3.0),
    "ecommerce": (3.0, 2.5),
    "catering": (2.0, 1.5),
    "finance": (2.0, 1.0),
    "manufacturing": (1.0, 1.0),
    "tourism": (0.5, 2.0),
    "marketing": (2.0, 1.0),
    "legal": (1.0, 0.5),
}
_FOUNDERS = ("graduate", "migrant", "hardship", "other")
_FOUNDER_MIX = {True: (45, 20, 25, 10), False: (20, 50, 22, 8)}
# Returning migrant workers start up after the Spring Festival; graduates in summer.
VISIT_SEASON = (0.6, 0.7, 1.3, 1.3, 1.1, 1.0, 1.1, 1.0, 1.1, 1.0, 0.9, 0.6)


def _tags(rng: random.Random, urban: bool) -> list[str]:
    pool = sorted(TOPICS)
    out: list[str] = []
    for _ in range(rng.choices((1, 2, 3), weights=(30, 45, 25))[0]):
        rest = [t for t in pool if t not in out]
        out.append(rng.choices(rest, weights=[_TOPIC_MIX[t][0 if urban else 1] for t in rest])[0])
    return sorted(out)


def _limits(rng: random.Random) -> dict[str, Any]:
    # Most experts volunteer a day or two a week; a few drive far, a few do not.
    out: dict[str, Any] = {}
    per_day = rng.choices((3, 2, 4), weights=(60, 30, 10))[0]
    if per_day != 3:
        out["max_visits_per_day"] = per_day
    per_week = rng.choices((10, 4, 6, 8), weights=(35, 25, 25, 15))[0]
    if per_week != 10:
        out["max_visits_per_week"] = per_week
    if rng.random() < 0.3:
        out["max_km_per_day"] = float(rng.choice((60, 80, 100, 120, 150)))
    return out


def mentor_docs(
    rng: random.Random,
    namer: Namer,
    geo: Geography,
    trainers: Sequence[Mapping[str, Any]],
    span: tuple[dt.date, dt.date],
    total: int,
) -> list[dict[str, Any]]:
    """``total`` mentors over the districts; about a quarter are also trainers (one person)."""
    counts = apportion(total, [d.weight for d in geo.districts], minimum=1)
    out: list[dict[str, Any]] = []
    for d, n in zip(geo.districts, counts, strict=True):
        local = [t for t in trainers if t["region"] == d.id]
        for _ in range(n):
            num = len(out) + 1
            same = local.pop(rng.randrange(len(local))) if local and rng.random() < 0.25 else None
            lat, lon = jitter(rng, d.lat, d.lon, 6)
            doc: dict[str, Any] = {
                "id": f"M{num:03d}",
                "name": same["name"] if same else namer.person(),
                "region": d.id,
                "lat": lat,
                "lon": lon,
                "expertise": _tags(rng, d.urban),
            }
            gone = [
                date_range(rng, *span, (3, 20))
                for _ in range(rng.choices((0, 1, 2), weights=(40, 40, 20))[0])
            ]
            if gone:
                doc["unavailable"] = disjoint(gone)
            doc.update(_limits(rng))
            if same:
                doc["trainer"] = same["id"]
                doc["contact"] = same["contact"]
            else:
                doc["contact"] = {"phone": phone("138", num), "email": email("mentor", num)}
            out.append(doc)
    return out


def _window(
    rng: random.Random, visits: int, gap: int, span: tuple[dt.date, dt.date]
) -> tuple[dt.date, dt.date]:
    # One to three months, and always long enough for the visits at their spacing.
    days = max(30 * rng.randint(1, 3), (visits - 1) * max(gap, 1) + 14)
    return window(random_date(rng, *span, VISIT_SEASON), days, *span)


def request_docs(
    rng: random.Random,
    namer: Namer,
    geo: Geography,
    mentors: Sequence[Mapping[str, Any]],
    span: tuple[dt.date, dt.date],
    total: int,
) -> list[dict[str, Any]]:
    """``total`` founders asking for 1–4 visits on a topic some mentor of their city covers."""
    region_city = {d.id: d.city for d in geo.districts}
    city_topics: dict[int, list[str]] = {}
    for m in mentors:
        have = city_topics.setdefault(region_city[m["region"]], [])
        have.extend(t for t in m["expertise"] if t not in have)
    counts = apportion(total, [d.weight for d in geo.districts])
    out: list[dict[str, Any]] = []
    for d, n in zip(geo.districts, counts, strict=True):
        topics = sorted(city_topics[d.city])
        topic_w = [_TOPIC_MIX[t][0 if d.urban else 1] for t in topics]
        for _ in range(n):
            num = len(out) + 1
            visits = rng.choices((1, 2, 3, 4), weights=(20, 35, 28, 17))[0]
            gap = rng.randint(7, 14) if visits > 1 and rng.random() < 0.4 else 0
            first, last = _window(rng, visits, gap, span)
            lat, lon = jitter(rng, d.lat, d.lon, 12)
            doc: dict[str, Any] = {
                "id": f"Q{num:05d}",
                "entrepreneur": namer.any_person(),
                "group": rng.choices(_FOUNDERS, weights=_FOUNDER_MIX[d.urban])[0],
                "region": d.id,
                "lat": lat,
                "lon": lon,
                "topic": rng.choices(topics, weights=topic_w)[0],
                "visits": visits,
                "from": first.isoformat(),
                "to": last.isoformat(),
            }
            if gap:
                doc["min_gap_days"] = gap
            priority = rng.choices((1, 2, 3), weights=(75, 20, 5))[0]
            if priority > 1:
                doc["priority"] = priority
            doc["contact"] = {"phone": phone("137", num), "email": email("founder", num)}
            doc["x"] = {"address": _address(d, num, lat)}
            out.append(doc)
    return out


def _address(d: District, num: int, lat: float) -> str:
    """A fictional street address for a founder's business, the mentor's only (never public).

    Drawn from its own stream, so adding it leaves every other generated value as it was.
    """
    rng = random.Random(f"{d.id}:{num}:{lat}")
    return (
        f"{d.city_name}{d.name.removeprefix(d.city_name)}{Namer(rng).road()}{rng.randint(1, 399)}号"
    )
