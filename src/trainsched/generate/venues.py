"""Training rooms: free incubation bases, training schools and hotel meeting rooms."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from trainsched.generate.geography import District, Geography, apportion, date_range, jitter
from trainsched.generate.places import Namer

_INCUBATOR = ("创业孵化基地", "大学生创业园", "返乡创业园", "众创空间")
_SCHOOL = ("职业技能培训学校", "就业培训中心", "技工学校", "成人文化技术学校")
_HOTEL = ("宾馆", "大酒店", "国际酒店", "商务酒店")
_ROOM = ("第一会议室", "多功能厅", "三楼会议室", "培训教室")


def _short(d: District) -> str:
    return d.name.removeprefix(d.city_name)


def _kind(rng: random.Random, first: bool) -> str:
    # Nearly every county runs a government-funded incubation base, so a district's
    # first venue is usually one; the rest are rented.
    if first:
        return "incubator" if rng.random() < 0.75 else "school"
    return rng.choices(("incubator", "school", "hotel"), weights=(25, 45, 30))[0]


def _capacity(rng: random.Random, kind: str, d: District, first: bool) -> int:
    if d.small_rooms:
        return rng.choice((24, 25, 26))
    if not first and rng.random() < 0.1:
        return rng.choice((24, 26))
    sizes = {
        "incubator": (30, 32, 36, 40),
        "school": (30, 36, 40, 45, 50, 60),
        "hotel": (30, 40, 50, 60),
    }
    return rng.choice(sizes[kind])


def _name(rng: random.Random, namer: Namer, kind: str, d: District) -> str:
    short = _short(d)
    if kind == "incubator":
        base = short + rng.choice(_INCUBATOR)
    elif kind == "school":
        base = short + rng.choice(_SCHOOL)
    else:
        base = namer.road()[:2] + rng.choice(_HOTEL) + rng.choice(_ROOM)
    return namer.unique([base], base)


def _cost(rng: random.Random, kind: str) -> int:
    if kind == "incubator":
        return 0
    if kind == "school":
        return rng.randrange(300, 801, 50)
    return rng.randrange(800, 2001, 100)


def venue_docs(
    rng: random.Random, namer: Namer, geo: Geography, start: dt.date, end: dt.date, total: int
) -> list[dict[str, Any]]:
    """``total`` venues spread over the districts by demand, at least one per district."""
    counts = apportion(total, [d.weight for d in geo.districts], minimum=1)
    out: list[dict[str, Any]] = []
    for d, n in zip(geo.districts, counts, strict=True):
        for k in range(n):
            kind = _kind(rng, k == 0)
            lat, lon = jitter(rng, d.lat, d.lon, 5)
            address = f"{d.city_name}{_short(d)}{namer.road()}{rng.randint(1, 399)}号"
            doc: dict[str, Any] = {
                "id": f"V{len(out) + 1:03d}",
                "name": _name(rng, namer, kind, d),
                "region": d.id,
                "address": address,
                "lat": lat,
                "lon": lon,
                "capacity": _capacity(rng, kind, d, k == 0),
                "daily_cost": _cost(rng, kind),
                "kind": kind,
            }
            if rng.random() < 0.2:
                doc["unavailable"] = [date_range(rng, start, end, (5, 20))]
            out.append(doc)
    return out
