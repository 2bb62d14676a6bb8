"""Placing a mentor's visits on days: cheapest insertion, then relocation moves."""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence

from trainsched.solver.visits.problem import Req, VisitProblem
from trainsched.solver.visits.state import Schedule


def bunching(req: Req, days: Sequence[int]) -> float:
    """Days by which consecutive visits fall short of an even spread over the window."""
    n = len(days)
    if n < 2:
        return 0.0
    ideal = (req.hi - req.lo + 1) / req.want
    ds = sorted(days)
    return sum(max(0.0, ideal - (b - a)) for a, b in itertools.pairwise(ds))


def pack(days: Sequence[int], gap: int, fixed: Sequence[int]) -> int:
    """Most visits that fit on ``days`` (ascending) keeping ``gap`` to each other and ``fixed``."""
    count, last = 0, -(10**9)
    for d in days:
        if d - last >= gap and all(abs(d - f) >= gap for f in fixed):
            count, last = count + 1, d
    return count


def _options(s: Schedule, r: int, m: int, alpha: float) -> list[tuple[float, int, int]]:
    """(cost, week load, day) of every day a visit of ``r`` by ``m`` may go on now."""
    req = s.prob.reqs[r]
    have = s.days_of(r)
    base_bunch = bunching(req, have)
    alone = s.km(m, [r])
    out: list[tuple[float, int, int]] = []
    for d in s.prob.window(r):
        if not s.can_place(r, m, d):
            continue
        here = s.day.get((m, d))
        delta = s.km(m, [*here, r]) - s.km(m, here) if here else alone
        spread = alpha * (bunching(req, [*have, d]) - base_bunch) if have else 0.0
        week = s.week.get((m, d - (d - 1) % 7), 0)
        out.append((delta + spread, week, d))
    out.sort()
    return out


def best_day(s: Schedule, r: int, m: int, alpha: float, need: int) -> tuple[float, int] | None:
    """Cheapest day for one more visit that still leaves room for ``need`` - 1 more, if any."""
    opts = _options(s, r, m, alpha)
    if not opts:
        return None
    if need > 1:
        gap = s.prob.reqs[r].gap
        have = s.days_of(r)
        days = sorted(d for _, _, d in opts)
        need = min(need, pack(days, gap, have))
        for cost, _, d in opts:
            rest = [x for x in days if abs(x - d) >= gap]
            if pack(rest, gap, [*have, d]) >= need - 1:
                return cost, d
    cost, _, d = opts[0]
    return cost, d


def most_visits(prob: VisitProblem, r: int) -> int:
    """Visits a request can get at most, by its window's working days and its gap alone."""
    req = prob.reqs[r]
    return min(req.want, pack(prob.window(r), req.gap, []))


def insert_visits(s: Schedule, r: int, m: int, count: int, alpha: float) -> int:
    """Place up to ``count`` more visits of ``r`` with mentor ``m``; returns how many."""
    placed = 0
    while placed < count:
        found = best_day(s, r, m, alpha, count - placed)
        if found is None:
            break
        s.place(r, m, found[1])
        placed += 1
    return placed


def _current_cost(s: Schedule, r: int, m: int, day: int, alpha: float) -> float:
    here = s.day[(m, day)]
    others = [x for x in here if x != r]
    req = s.prob.reqs[r]
    have = s.days_of(r)
    rest = [d for d in have if d != day]
    spread = alpha * (bunching(req, have) - bunching(req, rest)) if rest else 0.0
    return s.km(m, here) - s.km(m, others) + spread


def relocate_pass(s: Schedule, m: int, alpha: float, deadline: float) -> int:
    """Move each of ``m``'s visits to its cheapest day; returns how many moved."""
    moved = 0
    visits = [(d, r) for d in s.mentor_days(m) for r in list(s.day[(m, d)])]
    for d, r in visits:
        if time.monotonic() > deadline:
            break
        if (r, d, m) in s.fixed or r not in s.day.get((m, d), []):
            continue
        cur = _current_cost(s, r, m, d, alpha)
        s.remove(r, m, d)
        found = best_day(s, r, m, alpha, 1)
        if found is not None and found[0] < cur - 1e-6:
            s.place(r, m, found[1])
            moved += 1
        else:
            s.place(r, m, d)
    return moved


def tightness(s: Schedule, r: int, m: int) -> float:
    """Free days of ``m`` in ``r``'s window per wanted visit (small = hard to place)."""
    free = s.prob.mentors[m].free
    return sum(1 for d in s.prob.window(r) if d in free) / s.prob.reqs[r].want


def schedule_mentor(
    s: Schedule, m: int, reqs: Sequence[int], alpha: float, deadline: float
) -> list[int]:
    """Place the requests assigned to ``m``, then relocate; returns those that did not fit whole.

    A request that cannot get all its visits here is taken off again, so that
    another mentor may serve it whole (continuity) before visits are split.
    """
    order = sorted(reqs, key=lambda r: (-s.prob.reqs[r].weight, tightness(s, r, m), r))
    short = []
    for r in order:
        missing = s.prob.reqs[r].want - s.count(r)
        insert_visits(s, r, m, missing, alpha)
        if s.count(r) < most_visits(s.prob, r):
            short.append(r)
            for day, mm in list(s.of_req[r]):
                if (r, day, mm) not in s.fixed:
                    s.remove(r, mm, day)
    while time.monotonic() < deadline and relocate_pass(s, m, alpha, deadline):
        pass
    return short
