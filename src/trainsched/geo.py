"""Great-circle distances (the spec's measure for mentors' daily round trips) and map links."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from urllib.parse import urlencode

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in kilometres between two points on the sphere (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def round_trip_km(home: tuple[float, float], stops: Sequence[tuple[float, float]]) -> float:
    """Kilometres of home → each stop in order → home."""
    if not stops:
        return 0.0
    points = [home, *stops, home]
    return sum(great_circle_km(*a, *b) for a, b in itertools.pairwise(points))


def map_link(lat: float, lon: float, name: str) -> str:
    """An Amap marker link (longitude first, as Amap wants)."""
    query = urlencode(
        {
            "position": f"{lon:.6f},{lat:.6f}",
            "name": name,
            "src": "trainsched",
            "coordinate": "wgs84",
            "callnative": "0",
        }
    )
    return f"https://uri.amap.com/marker?{query}"
