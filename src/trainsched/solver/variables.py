"""Decision variables of one CP-SAT model and the candidates they were built from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from trainsched.solver.problem import CohortP, Problem
from trainsched.solver.residual import Placement, Residual


@dataclass
class Scope:
    """Which classes a model decides, around the bookings of everything else."""

    problem: Problem
    free: list[int]
    res: Residual
    must: frozenset[int] = frozenset()
    previous: dict[int, Placement] = field(default_factory=dict)
    weights: dict[str, int] = field(default_factory=dict)
    soft: bool = True  # False: served value only (LNS phase 1, proves much faster)
    min_served: int = 0  # polishing soft goals must not lose served value


@dataclass
class Candidates:
    """Per class: starts still possible, and the starts each venue and trainer allows."""

    starts: list[int]
    venue_starts: dict[int, list[int]]
    trainer_starts: dict[int, list[int]]


def candidates(res: Residual, c: CohortP) -> Candidates | None:
    """What is left for class ``c`` given the bookings in ``res``, or None if nothing is."""
    if c.pin_problem is not None:
        return None
    starts = [s for s in c.starts if res.fund_allows(c, s)]
    vs = {v: [s for s in starts if res.venue_free(v, s, c.length)] for v in c.venues}
    vs = {v: ss for v, ss in vs.items() if ss}
    regions = {res.problem.venues[v].region for v in vs}
    ts = {
        t: [
            s for s in starts if res.trainer_free(t, s, c.length) and res.caps_allow(t, s, c.length)
        ]
        for t in c.trainers
        if res.problem.trainers[t].serves & regions
    }
    ts = {t: ss for t, ss in ts.items() if ss}
    if any(t not in ts for t in c.pinned_trainers):
        return None
    venue_ok = set().union(*vs.values()) if vs else set()
    count: dict[int, int] = {}
    for ss in ts.values():
        for s in ss:
            count[s] = count.get(s, 0) + 1
    ok = [s for s in starts if s in venue_ok and count.get(s, 0) >= c.required]
    if not ok:
        return None
    okset = set(ok)
    vs = {v: [s for s in ss if s in okset] for v, ss in vs.items()}
    ts = {t: [s for s in ss if s in okset] for t, ss in ts.items()}
    return Candidates(
        ok, {v: ss for v, ss in vs.items() if ss}, {t: ss for t, ss in ts.items() if ss}
    )


class Vars:
    """The model's variables with query methods: presence, start, venue and trainer choices."""

    def __init__(self, model: cp_model.CpModel, scope: Scope) -> None:
        self.model = model
        self.scope = scope
        self.cands: dict[int, Candidates] = {}
        self._present: dict[int, cp_model.IntVar] = {}
        self._start: dict[int, cp_model.IntVar] = {}
        self._venue: dict[tuple[int, int], cp_model.IntVar] = {}
        self._trainer: dict[tuple[int, int], cp_model.IntVar] = {}
        self._venue_iv: dict[int, list[cp_model.IntervalVar]] = {}
        self._trainer_iv: dict[int, list[cp_model.IntervalVar]] = {}
        for ci in scope.free:
            cand = candidates(scope.res, scope.problem.cohorts[ci])
            if cand is not None:
                self.cands[ci] = cand
                self._add_cohort(scope.problem.cohorts[ci], cand)

    def _add_cohort(self, c: CohortP, cand: Candidates) -> None:
        m, i = self.model, c.index
        p = m.new_bool_var(f"p{i}")
        s = m.new_int_var_from_domain(cp_model.Domain.from_values(cand.starts), f"s{i}")
        self._present[i], self._start[i] = p, s
        for v in cand.venue_starts:
            y = m.new_bool_var(f"y{i}_{v}")
            self._venue[i, v] = y
            iv = m.new_optional_fixed_size_interval_var(s, c.length, y, f"iy{i}_{v}")
            self._venue_iv.setdefault(v, []).append(iv)
        for t in cand.trainer_starts:
            x = m.new_bool_var(f"x{i}_{t}")
            self._trainer[i, t] = x
            iv = m.new_optional_fixed_size_interval_var(s, c.length, x, f"ix{i}_{t}")
            self._trainer_iv.setdefault(t, []).append(iv)

    def cohorts(self) -> list[int]:
        """Classes that have a chance in this model."""
        return list(self._present)

    def present(self, c: int) -> cp_model.IntVar:
        """True when class ``c`` is scheduled."""
        return self._present[c]

    def start(self, c: int) -> cp_model.IntVar:
        """Working-day index of class ``c``'s first day."""
        return self._start[c]

    def venue(self, c: int, v: int) -> cp_model.IntVar | None:
        """True when class ``c`` is held at venue ``v`` (None when impossible)."""
        return self._venue.get((c, v))

    def trainer(self, c: int, t: int) -> cp_model.IntVar | None:
        """True when trainer ``t`` teaches class ``c`` (None when impossible)."""
        return self._trainer.get((c, t))

    def venues_of(self, c: int) -> list[tuple[int, cp_model.IntVar]]:
        """Candidate venues of class ``c`` with their choice variables."""
        return [(v, self._venue[c, v]) for v in self.cands[c].venue_starts]

    def trainers_of(self, c: int) -> list[tuple[int, cp_model.IntVar]]:
        """Candidate trainers of class ``c`` with their choice variables."""
        return [(t, self._trainer[c, t]) for t in self.cands[c].trainer_starts]

    def venue_intervals(self) -> dict[int, list[cp_model.IntervalVar]]:
        """Optional teaching intervals per venue."""
        return self._venue_iv

    def trainer_intervals(self) -> dict[int, list[cp_model.IntervalVar]]:
        """Optional teaching intervals per trainer."""
        return self._trainer_iv

    def start_in(self, c: int, starts: Iterable[int], when: cp_model.IntVar) -> None:
        """Restrict class ``c``'s start to ``starts`` whenever ``when`` holds."""
        allowed = sorted(set(starts))
        if set(allowed) >= set(self.cands[c].starts):
            return
        dom = cp_model.Domain.from_values(allowed)
        self.model.add_linear_expression_in_domain(self._start[c], dom).only_enforce_if(when)

    def hint(self, placements: dict[int, Placement]) -> None:
        """Give CP-SAT a complete hint: every variable of every class."""
        for c, p in self._present.items():
            pl = placements.get(c)
            usable = pl is not None and pl.start in self.cands[c].starts
            self.model.add_hint(p, usable)
            start = pl.start if pl is not None and usable else self.cands[c].starts[0]
            self.model.add_hint(self._start[c], start)
            for v, y in self.venues_of(c):
                self.model.add_hint(y, usable and pl is not None and pl.venue == v)
            for t, x in self.trainers_of(c):
                self.model.add_hint(x, usable and pl is not None and t in pl.trainers)
