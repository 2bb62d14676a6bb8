"""Re-planning: keep the previous plan's visits that still keep every rule."""

from __future__ import annotations

from collections import Counter

from trainsched.formats.plan import Plan
from trainsched.solver.visits.state import Schedule


def keep_previous(s: Schedule, previous: Plan | None) -> dict[int, int]:
    """Place still-valid previous visits as fixed; map each request to its previous mentor."""
    if previous is None:
        return {}
    req_idx = {r.id: r.idx for r in s.prob.reqs}
    mentor_idx = {m.id: m.idx for m in s.prob.mentors}
    by_req: dict[int, Counter[int]] = {}
    for v in sorted(previous.visits, key=lambda v: (v.date, v.mentor, v.order)):
        r, m = req_idx.get(v.request), mentor_idx.get(v.mentor)
        if r is None or m is None:
            continue
        by_req.setdefault(r, Counter())[m] += 1
        day = v.date.toordinal()
        if s.count(r) < s.prob.reqs[r].want and s.can_place(r, m, day):
            s.place(r, m, day)
            s.fixed.add((r, day, m))
    return {r: c.most_common(1)[0][0] for r, c in by_req.items()}
