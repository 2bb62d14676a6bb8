"""Fictional cities and districts in eastern China, and seeded helpers for places and dates."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from trainsched.generate.places import Namer
from trainsched.geo import great_circle_km

_KM_PER_DEG = 111.2
# A box over eastern China (roughly Jiangxi, Zhejiang, southern Anhui) for city centres.
_LAT = (27.6, 32.4)
_LON = (115.8, 120.9)


@dataclass(frozen=True)
class District:
    """One district or county of a generated city."""

    id: str
    name: str
    city: int
    city_name: str
    lat: float
    lon: float
    urban: bool
    weight: float
    small_rooms: bool

    def doc(self) -> dict[str, Any]:
        """The region object of the scenario."""
        return {"id": self.id, "name": self.name, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True)
class Geography:
    """The cities and districts of a scenario, with distances between districts."""

    cities: tuple[str, ...]
    districts: tuple[District, ...]

    def km(self, a: District, b: District) -> float:
        """Great-circle distance between two district centres."""
        return great_circle_km(a.lat, a.lon, b.lat, b.lon)

    @cached_property
    def _near(self) -> dict[str, list[District]]:
        out = {}
        for d in self.districts:
            same = [o for o in self.districts if o.city == d.city and o.id != d.id]
            out[d.id] = sorted(same, key=lambda o: (self.km(d, o), o.id))
        return out

    def neighbours(self, d: District) -> list[District]:
        """Other districts of the same city, nearest first."""
        return self._near[d.id]

    def nearest_foreign(self, d: District) -> District | None:
        """The nearest district of another city, if there are other cities."""
        other = [o for o in self.districts if o.city != d.city]
        return min(other, key=lambda o: (self.km(d, o), o.id)) if other else None


def offset(lat: float, lon: float, km: float, angle: float) -> tuple[float, float]:
    """The point ``km`` away from (lat, lon) in direction ``angle`` (radians), rounded to ~10 m."""
    dlat = km * math.cos(angle) / _KM_PER_DEG
    dlon = km * math.sin(angle) / (_KM_PER_DEG * math.cos(math.radians(lat)))
    return round(lat + dlat, 4), round(lon + dlon, 4)


def jitter(rng: random.Random, lat: float, lon: float, max_km: float) -> tuple[float, float]:
    """A random point within ``max_km`` of (lat, lon)."""
    return offset(lat, lon, max_km * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi))


def apportion(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split ``total`` into integer shares proportional to ``weights`` (largest remainder)."""
    base = [minimum] * len(weights)
    rest = total - minimum * len(weights)
    if rest <= 0:
        return base
    wsum = sum(weights)
    exact = [rest * w / wsum for w in weights]
    shares = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: rest - sum(shares)]:
        shares[i] += 1
    return [b + s for b, s in zip(base, shares, strict=True)]


def random_date(
    rng: random.Random, start: dt.date, end: dt.date, month_weights: Sequence[float]
) -> dt.date:
    """A date in start..end, months weighted by season (index 0 = January)."""
    months: list[tuple[dt.date, dt.date]] = []
    day = start
    while day <= end:
        nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        months.append((day, min(end, nxt - dt.timedelta(days=1))))
        day = nxt
    weights = [month_weights[a.month - 1] * ((b - a).days + 1) for a, b in months]
    first, last = rng.choices(months, weights=weights)[0]
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def window(first: dt.date, days: int, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """A ``days``-long window from ``first``, shifted back to fit in start..end."""
    last = min(end, first + dt.timedelta(days=days - 1))
    first = max(start, min(first, last - dt.timedelta(days=days - 1)))
    return first, last


def date_range(
    rng: random.Random, start: dt.date, end: dt.date, length: tuple[int, int]
) -> dict[str, str]:
    """An unavailability range ``{from, to}`` of a random length inside start..end."""
    n = rng.randint(*length)
    first = start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days - n)))
    last = min(end, first + dt.timedelta(days=n - 1))
    return {"from": first.isoformat(), "to": last.isoformat()}


def disjoint(ranges: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """Ranges in date order, dropping any that overlap an earlier kept one."""
    out: list[dict[str, str]] = []
    for r in sorted(ranges, key=lambda r: (r["from"], r["to"])):
        if not out or r["from"] > out[-1]["to"]:
            out.append(r)
    return out


def _centres(rng: random.Random, n: int) -> list[tuple[float, float]]:
    # Cities of one province keep at least ~110 km between centres, like real prefectures.
    out: list[tuple[float, float]] = []
    while len(out) < n:
        lat, lon = round(rng.uniform(*_LAT), 4), round(rng.uniform(*_LON), 4)
        if all(great_circle_km(lat, lon, a, b) >= 110 for a, b in out):
            out.append((lat, lon))
    return out


def _district_points(
    rng: random.Random, centre: tuple[float, float], n: int, urban: int
) -> list[tuple[float, float]]:
    # Urban districts cluster near the centre, counties ring it 22–48 km out; any two
    # seats keep at least 10 km apart.
    lat0, lon0 = centre
    base = rng.uniform(0, 2 * math.pi)
    points: list[tuple[float, float]] = []
    for k in range(n):
        for _ in range(200):
            if k == 0:
                p = jitter(rng, lat0, lon0, 3)
            elif k < urban:
                p = offset(lat0, lon0, rng.uniform(9, 15), rng.uniform(0, 2 * math.pi))
            else:
                angle = base + 2 * math.pi * (k - urban) / (n - urban) + rng.uniform(-0.25, 0.25)
                p = offset(lat0, lon0, rng.uniform(22, 48), angle)
            if all(great_circle_km(*p, *q) >= 10 for q in points):
                break
        points.append(p)
    return points


def build_geography(
    rng: random.Random, namer: Namer, cities: int, districts: tuple[int, int]
) -> Geography:
    """Cities with their districts; one remote county per city may have only small rooms."""
    names = tuple(namer.city() for _ in range(cities))
    out: list[District] = []
    for c, centre in enumerate(_centres(rng, cities)):
        n = rng.randint(*districts)
        urban = max(1, min(3, n // 3))
        small = n - 1 if n >= 5 and (cities == 1 or rng.random() < 0.5) else -1
        for k, (lat, lon) in enumerate(_district_points(rng, centre, n, urban)):
            is_urban = k < urban
            short = namer.district(is_urban)
            ident = f"R{k + 1:02d}" if cities == 1 else f"R{c + 1:02d}{k + 1:02d}"
            weight = rng.uniform(1.4, 2.0) if is_urban else rng.uniform(0.6, 1.2)
            name = short if cities == 1 else names[c] + short
            out.append(
                District(ident, name, c, names[c], lat, lon, is_urban, round(weight, 3), k == small)
            )
    return Geography(names, tuple(out))
