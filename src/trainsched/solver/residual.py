"""Placements and what is left of trainers, venues, day caps and funds once some are made."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trainsched.solver.problem import NO_FUND, CohortP, Problem

BIG_CAP = 10**6


@dataclass(frozen=True)
class Placement:
    """Where one class goes: first working-day index, venue index, trainer indices."""

    start: int
    venue: int
    trainers: tuple[int, ...]


Assignment = Mapping[int, Placement]


class Residual:
    """Mutable booking state: busy days per trainer and venue, day caps used, money spent."""

    def __init__(self, problem: Problem) -> None:
        n, n_months = problem.n_days, len(problem.months)
        self.problem = problem
        self.trainer_busy = [bytearray(n) for _ in problem.trainers]
        self.venue_busy = [bytearray(n) for _ in problem.venues]
        for t in problem.trainers:
            for d in t.away:
                self.trainer_busy[t.index][d] = 1
        for v in problem.venues:
            for d in v.closed:
                self.venue_busy[v.index][d] = 1
        self.month_used = [[0] * n_months for _ in problem.trainers]
        self.total_used = [0] * len(problem.trainers)
        self.fund_used = [0] * len(problem.funds)

    @classmethod
    def of(cls, problem: Problem, assignment: Assignment, skip: Iterable[int] = ()) -> Residual:
        """The state after placing every class of ``assignment`` except those in ``skip``."""
        res = cls(problem)
        skipped = set(skip)
        for c, p in assignment.items():
            if c not in skipped:
                res.place(problem.cohorts[c], p)
        return res

    def place(self, c: CohortP, p: Placement) -> None:
        """Book a placement."""
        span = range(p.start, p.start + c.length)
        for d in span:
            self.venue_busy[p.venue][d] = 1
        for t in p.trainers:
            for d in span:
                self.trainer_busy[t][d] = 1
            for m, k in self.problem.month_days(p.start, c.length).items():
                self.month_used[t][m] += k
            self.total_used[t] += c.length
        f = c.fund_at(p.start)
        if f != NO_FUND:
            self.fund_used[f] += c.cost

    def venue_free(self, v: int, start: int, length: int) -> bool:
        """True when venue ``v`` is open and unbooked on the whole block."""
        return self.venue_busy[v].find(1, start, start + length) == -1

    def trainer_free(self, t: int, start: int, length: int) -> bool:
        """True when trainer ``t`` is available and unbooked on the whole block."""
        return self.trainer_busy[t].find(1, start, start + length) == -1

    def month_left(self, t: int, m: int) -> int:
        """Teaching days trainer ``t`` may still take in month ``m``."""
        cap = self.problem.trainers[t].month_cap
        return BIG_CAP if cap is None else cap - self.month_used[t][m]

    def total_left(self, t: int) -> int:
        """Teaching days trainer ``t`` may still take over the horizon."""
        cap = self.problem.trainers[t].total_cap
        return BIG_CAP if cap is None else cap - self.total_used[t]

    def caps_allow(self, t: int, start: int, length: int) -> bool:
        """True when the block fits trainer ``t``'s monthly and total day caps."""
        if self.total_left(t) < length:
            return False
        months = self.problem.month_days(start, length)
        return all(self.month_left(t, m) >= k for m, k in months.items())

    def fund_left(self, f: int) -> int:
        """Yuan left in fund ``f``."""
        return self.problem.funds[f].amount - self.fund_used[f]

    def fund_allows(self, c: CohortP, start: int) -> bool:
        """True when the fund charged for this start still has the class's cost."""
        f = c.fund_at(start)
        return f == NO_FUND or self.fund_left(f) >= c.cost

    def trainer_can(self, c: CohortP, t: int, start: int, region: str) -> bool:
        """True when trainer ``t`` may teach class ``c`` at a venue of ``region`` from ``start``."""
        tr = self.problem.trainers[t]
        return (
            region in tr.serves
            and self.trainer_free(t, start, c.length)
            and self.caps_allow(t, start, c.length)
        )
