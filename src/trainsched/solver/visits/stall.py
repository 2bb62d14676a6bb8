"""Run CP-SAT until the time limit, a stall in improvement, or the caller's stop flag."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from trainsched.solver.cpsat import solve_watched
from trainsched.solver.options import StopFlag


class _Watch(cp_model.CpSolverSolutionCallback):
    """Notes when the last better solution came."""

    def __init__(self) -> None:
        super().__init__()
        self.last = time.monotonic()

    def on_solution_callback(self) -> None:
        self.last = time.monotonic()


def run_with_stall(
    solver: cp_model.CpSolver, model: cp_model.CpModel, stall_s: float, stop: StopFlag | None
) -> cp_model.CpSolverStatus:
    """Solve, stopping early once no better solution came for ``stall_s`` seconds."""
    watch = _Watch()

    def should_stop() -> bool:
        # The fairness tie-breaker makes optimality slow to prove while the solution
        # itself stops changing early; waiting out the whole budget buys nothing.
        stalled = time.monotonic() - watch.last > stall_s
        return stalled or (stop is not None and stop.is_set())

    return solve_watched(solver, model, should_stop, callback=watch)
