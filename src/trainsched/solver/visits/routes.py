"""Best visiting order of one mentor's day: exact for a few stops, 2-opt beyond."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from trainsched.geo import great_circle_km, round_trip_km

Point = tuple[float, float]

# 7 stops = 5,040 orders: still quick, and no mentor day the spec allows by default is longer.
EXACT_LIMIT = 7


def _tour_km(home: Point, stops: Sequence[Point], order: Sequence[int]) -> float:
    return round_trip_km(home, [stops[i] for i in order])


def _two_opt(home: Point, stops: Sequence[Point]) -> list[int]:
    order = sorted(range(len(stops)), key=lambda i: great_circle_km(*home, *stops[i]))
    best = _tour_km(home, stops, order)
    improved = True
    while improved:
        improved = False
        for i in range(len(order) - 1):
            for j in range(i + 1, len(order)):
                cand = order[:i] + order[i : j + 1][::-1] + order[j + 1 :]
                km = _tour_km(home, stops, cand)
                if km < best - 1e-9:
                    order, best, improved = cand, km, True
    return order


def best_order(home: Point, stops: Sequence[Point]) -> tuple[float, list[int]]:
    """Round-trip km and stop order (indices into ``stops``) of the shortest tour found."""
    n = len(stops)
    if n == 0:
        return 0.0, []
    if n > EXACT_LIMIT:
        order = _two_opt(home, stops)
        return _tour_km(home, stops, order), order
    best_km, best = float("inf"), list(range(n))
    for perm in itertools.permutations(range(n)):
        # A tour and its reverse have the same length: look at one of each pair.
        if n > 1 and perm[0] > perm[-1]:
            continue
        km = _tour_km(home, stops, perm)
        if km < best_km:
            best_km, best = km, list(perm)
    return best_km, best
