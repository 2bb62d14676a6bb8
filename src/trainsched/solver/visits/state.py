"""Visits placed so far, with the counters every visit rule needs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from trainsched.solver.visits.problem import VisitProblem, monday
from trainsched.solver.visits.routes import best_order

# Routes are compared against km limits with this margin so float noise never breaks one.
KM_EPS = 1e-6


@dataclass(frozen=True)
class Snapshot:
    """Placements saved for an undo."""

    day: dict[tuple[int, int], list[int]]
    week: dict[tuple[int, int], int]
    of_req: list[list[tuple[int, int]]]


class Schedule:
    """Mentor days, weekly counts and each request's visits, kept consistent on every change."""

    def __init__(self, prob: VisitProblem) -> None:
        self.prob = prob
        self.day: dict[tuple[int, int], list[int]] = {}  # (mentor, day) -> request idxs
        self.week: dict[tuple[int, int], int] = {}  # (mentor, monday) -> visits
        self.of_req: list[list[tuple[int, int]]] = [[] for _ in prob.reqs]  # (day, mentor)
        self.fixed: set[tuple[int, int, int]] = set()  # (request, day, mentor) kept as given
        self._routes: dict[tuple[int, frozenset[int]], tuple[float, tuple[int, ...]]] = {}

    def route(self, m: int, reqs: Iterable[int]) -> tuple[float, tuple[int, ...]]:
        """Shortest round trip (km, request order) of mentor ``m`` over ``reqs``."""
        key = (m, frozenset(reqs))
        hit = self._routes.get(key)
        if hit is None:
            stops = sorted(key[1])
            km, order = best_order(
                self.prob.mentors[m].home, [self.prob.reqs[r].point for r in stops]
            )
            hit = (km, tuple(stops[i] for i in order))
            if len(self._routes) > 2_000_000:  # bound memory on huge runs
                self._routes.clear()
            self._routes[key] = hit
        return hit

    def km(self, m: int, reqs: Iterable[int]) -> float:
        """Round-trip km of the best order."""
        return self.route(m, reqs)[0]

    def days_of(self, r: int) -> list[int]:
        """Days request ``r`` is visited, ascending."""
        return sorted(d for d, _ in self.of_req[r])

    def gap_ok(self, r: int, day: int) -> bool:
        """True when a visit of ``r`` on ``day`` keeps the gap to its other visits."""
        gap = self.prob.reqs[r].gap
        return all(abs(day - d) >= gap for d, _ in self.of_req[r])

    def can_place(self, r: int, m: int, day: int) -> bool:
        """Every visit rule for one more visit of ``r`` by ``m`` on ``day``."""
        req, mt = self.prob.reqs[r], self.prob.mentors[m]
        if not (req.lo <= day <= req.hi) or day not in mt.free or req.topic not in mt.topics:
            return False
        here = self.day.get((m, day), [])
        if r in here or len(here) >= mt.per_day:
            return False
        if self.week.get((m, monday(day)), 0) >= mt.per_week:
            return False
        if not self.gap_ok(r, day):
            return False
        return mt.km_limit is None or self.km(m, [*here, r]) <= mt.km_limit - KM_EPS

    def place(self, r: int, m: int, day: int) -> None:
        """Add a visit (the caller has checked ``can_place``)."""
        self.day.setdefault((m, day), []).append(r)
        wk = (m, monday(day))
        self.week[wk] = self.week.get(wk, 0) + 1
        self.of_req[r].append((day, m))

    def remove(self, r: int, m: int, day: int) -> None:
        """Take a visit away."""
        here = self.day[(m, day)]
        here.remove(r)
        if not here:
            del self.day[(m, day)]
        wk = (m, monday(day))
        self.week[wk] -= 1
        self.of_req[r].remove((day, m))

    def snapshot(self) -> Snapshot:
        """A copy of the placements to go back to."""
        day = {k: list(v) for k, v in self.day.items()}
        return Snapshot(day, dict(self.week), [list(v) for v in self.of_req])

    def restore(self, snap: Snapshot) -> None:
        """Go back to a snapshot (which must not be restored twice)."""
        self.day, self.week, self.of_req = snap.day, snap.week, snap.of_req

    def value(self) -> int:
        """Served value of the visits placed."""
        return sum(req.weight * len(v) for req, v in zip(self.prob.reqs, self.of_req, strict=True))

    def count(self, r: int) -> int:
        """Visits request ``r`` has."""
        return len(self.of_req[r])

    def mentor_days(self, m: int) -> list[int]:
        """Days mentor ``m`` goes out, ascending."""
        return sorted(d for (mm, d) in self.day if mm == m)
