"""The visit stage's answer: plan visits with their order, reasons, value and soft scores."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import Counter
from dataclasses import dataclass, field

from trainsched.formats import Message
from trainsched.formats.plan import PlanStatus, UnscheduledVisits, Visit
from trainsched.solver.visits.reasons import reach_max, reason, window_max
from trainsched.solver.visits.state import Schedule


@dataclass(frozen=True)
class VisitResult:
    """Visits of one solve, the requests short of visits, served value and soft scores."""

    visits: list[Visit]
    unscheduled: list[UnscheduledVisits]
    value: int
    bound: int | None
    status: PlanStatus
    scores: dict[str, int | float] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, Message] = field(default_factory=dict)  # by request id, both languages


def plan_visits(s: Schedule) -> list[Visit]:
    """Every visit with its ``order`` in the mentor's shortest round trip of the day."""
    out: list[Visit] = []
    for (m, day), reqs in s.day.items():
        _, order = s.route(m, reqs)
        date = dt.date.fromordinal(day)
        mid = s.prob.mentors[m].id
        for k, r in enumerate(order, start=1):
            out.append(Visit(request=s.prob.reqs[r].id, date=date, mentor=mid, order=k))
    out.sort(key=lambda v: (v.date, v.mentor, v.order))
    return out


def shortfalls(s: Schedule) -> dict[str, tuple[int, Message]]:
    """Requests with fewer visits than asked: visits missing and the computed reason."""
    out = {}
    for req in s.prob.reqs:
        got = s.count(req.idx)
        if got < req.want:
            out[req.id] = (req.want - got, reason(s.prob, req.idx, got))
    return out


def served_value(s: Schedule) -> int:
    """The spec's visit part of the served value."""
    return sum(req.weight * s.count(req.idx) for req in s.prob.reqs)


def value_bound(s: Schedule) -> int:
    """Upper bound: each request capped by window, gap and free days of mentors in reach."""
    total = 0
    for req in s.prob.reqs:
        if s.prob.cands[req.idx]:
            most = min(req.want, window_max(s.prob, req.idx), reach_max(s.prob, req.idx))
            total += req.weight * most
    return total


def _spread(s: Schedule) -> float:
    shares = []
    for req in s.prob.reqs:
        days = s.days_of(req.idx)
        if len(days) < 2:
            continue
        ideal = (req.hi - req.lo + 1) / req.want
        gaps = [min(ideal, b - a) for a, b in itertools.pairwise(days)]
        shares.append(sum(gaps) / (ideal * len(gaps)))
    return round(statistics.fmean(shares), 4) if shares else 1.0


def scores(s: Schedule) -> dict[str, int | float]:
    """Soft-goal breakdown under stable labels."""
    prob = s.prob
    visits = sum(len(v) for v in s.of_req)
    km = sum(s.km(m, reqs) for (m, _), reqs in s.day.items())
    multi = [v for v in s.of_req if len(v) >= 2]
    same = sum(1 for v in multi if len({m for _, m in v}) == 1)
    load = Counter(m for v in s.of_req for _, m in v)
    eligible = {m for cands in prob.cands for m, _ in cands}
    loads = [load.get(m, 0) for m in eligible]
    mean = statistics.fmean(loads) if loads else 0.0
    cv = statistics.pstdev(loads) / mean if mean > 0 else 0.0
    return {
        "visits": visits,
        "visits_requested": sum(r.want for r in prob.reqs),
        "continuity_share": round(same / len(multi), 4) if multi else 1.0,
        "km_total": round(km, 1),
        "km_per_visit": round(km / visits, 2) if visits else 0.0,
        "load_cv": round(cv, 4),
        "load_max": max(loads, default=0),
        "spread": _spread(s),
        "kept_from_previous": len(s.fixed),
    }


def build_result(
    s: Schedule, status: PlanStatus, bound: int | None, timings: dict[str, float]
) -> VisitResult:
    """Assemble the result from a finished schedule (a plan's ``reason`` is the Chinese text)."""
    short = shortfalls(s)
    return VisitResult(
        visits=plan_visits(s),
        unscheduled=[
            UnscheduledVisits(request=rid, missing=n, reason=why.zh)
            for rid, (n, why) in short.items()
        ],
        value=served_value(s),
        bound=bound,
        status=status,
        scores=scores(s),
        timings={k: round(v, 3) for k, v in timings.items()},
        reasons={rid: why for rid, (_, why) in short.items()},
    )
