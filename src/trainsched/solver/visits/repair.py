"""Stage 3: give missing visits to other mentors, then make room by moving or bumping visits."""

from __future__ import annotations

from collections.abc import Callable

from trainsched.solver.visits.daysched import best_day, insert_visits, most_visits
from trainsched.solver.visits.problem import monday
from trainsched.solver.visits.state import Schedule

EJECT_MENTORS = 8  # nearest mentors tried when making room for a missing visit


def rehome(s: Schedule, reqs: list[int], alpha: float, stopped: Callable[[], bool]) -> None:
    """Give each request the nearest mentor who can make all its visits, if any."""
    for r in sorted(reqs, key=lambda r: (-s.prob.reqs[r].weight, r)):
        want, most = s.prob.reqs[r].want, most_visits(s.prob, r)
        for m, _ in s.prob.cands[r]:
            if stopped() or s.count(r) >= most:
                break
            before = list(s.of_req[r])
            insert_visits(s, r, m, want - s.count(r), alpha)
            if s.count(r) < most:
                for day, mm in s.of_req[r][len(before) :]:
                    s.remove(r, mm, day)


def repair(s: Schedule, alpha: float, stopped: Callable[[], bool]) -> set[int]:
    """Give visits still missing to any mentor in reach with the topic; returns mentors touched."""
    touched: set[int] = set()
    for req in sorted(s.prob.reqs, key=lambda q: (-q.weight, q.idx)):
        if stopped():
            break
        for m, _ in s.prob.cands[req.idx]:
            missing = req.want - s.count(req.idx)
            if missing <= 0:
                break
            if insert_visits(s, req.idx, m, missing, alpha):
                touched.add(m)
    return touched


def _replace(s: Schedule, r: int, alpha: float) -> bool:
    """Put one visit of ``r`` back anywhere it fits, its own mentors first."""
    own = {m for _, m in s.of_req[r]}
    cands = sorted(s.prob.cands[r], key=lambda c: (c[0] not in own, c[1]))
    for m, _ in cands:
        found = best_day(s, r, m, alpha, 1)
        if found is not None:
            s.place(r, m, found[1])
            return True
    return False


def _victims(s: Schedule, m: int, day: int) -> list[tuple[int, int]]:
    """Visits (request, day) of ``m`` whose removal could free ``day``: that day, or its week."""
    here = [(r, day) for r in s.day.get((m, day), [])]
    if s.week.get((m, monday(day)), 0) < s.prob.mentors[m].per_week:
        return here
    week = monday(day)
    near = [(r, d) for d in range(week, week + 7) for r in s.day.get((m, d), []) if d != day]
    return here + near


def _try_bump(s: Schedule, r: int, m: int, day: int, alpha: float) -> bool:
    """Make room for ``r`` on ``day`` by moving one visit, or dropping one worth less."""
    weight = s.prob.reqs[r].weight
    for v, vday in _victims(s, m, day):
        if (v, vday, m) in s.fixed or v == r:
            continue
        s.remove(v, m, vday)
        if s.can_place(r, m, day):
            s.place(r, m, day)
            if _replace(s, v, alpha) or s.prob.reqs[v].weight < weight:
                return True
            s.remove(r, m, day)
        s.place(v, m, vday)
    return False


def _rebuild(s: Schedule, r: int, alpha: float) -> None:
    """Place ``r``'s movable visits again, earliest first, making room where needed."""
    req = s.prob.reqs[r]
    for day, m in list(s.of_req[r]):
        if (r, day, m) not in s.fixed:
            s.remove(r, m, day)
    for day in s.prob.window(r):
        if s.count(r) >= req.want:
            break
        for m, _ in s.prob.cands[r][:EJECT_MENTORS]:
            if s.can_place(r, m, day):
                s.place(r, m, day)
                break
            free = day in s.prob.mentors[m].free and s.gap_ok(r, day)
            if free and _try_bump(s, r, m, day, alpha):
                break


def eject(s: Schedule, alpha: float, stopped: Callable[[], bool]) -> int:
    """Serve missing visits by moving or bumping cheaper visits; returns value gained."""
    gained = 0
    for req in sorted(s.prob.reqs, key=lambda q: (-q.weight, q.idx)):
        if s.count(req.idx) >= req.want or not s.prob.cands[req.idx]:
            continue
        if stopped():
            break
        before, snap = s.value(), s.snapshot()
        _rebuild(s, req.idx, alpha)
        if s.value() > before:
            gained += s.value() - before
        else:
            s.restore(snap)
    return gained
