"""What every search step shares: the problem, options, pins, previous plan and the clock."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from trainsched.solver.options import SolveOptions, StopFlag
from trainsched.solver.problem import Problem
from trainsched.solver.residual import Placement
from trainsched.solver.soft import penalty

# Told each step's name, the best served value and the best placement so far.
Report = Callable[[str, int, dict[int, Placement]], None]


@dataclass
class Context:
    """Everything a search needs besides the component: options, pins, previous plan, clock."""

    problem: Problem
    options: SolveOptions
    must: frozenset[int]
    previous: dict[int, Placement]
    weights: dict[str, int]
    deadline: float
    stop: StopFlag | None = None
    report: Report | None = None
    optimal: dict[int, bool] = field(default_factory=dict)

    def left(self) -> float:
        """Seconds left before the deadline."""
        return self.deadline - time.monotonic()

    def stopped(self) -> bool:
        """True when the caller asked to stop or time ran out."""
        return self.left() <= 0 or (self.stop is not None and self.stop.is_set())


def score(ctx: Context, a: dict[int, Placement]) -> tuple[int, int]:
    """Served value first, then minus the weighted soft penalty: bigger is better."""
    served = sum(ctx.problem.cohorts[c].value for c in a)
    return served, -penalty(ctx.problem, a, ctx.previous, ctx.weights)
