"""Running CP-SAT: one way to set a solver up and one watcher that stops it from outside."""

from __future__ import annotations

import threading
from collections.abc import Callable

from ortools.sat.python import cp_model


def cpsat_solver(
    workers: int,
    seed: int,
    time_limit_s: float,
    *,
    least_s: float = 0.05,
    log: bool = False,
    deterministic: bool = False,
) -> cp_model.CpSolver:
    """A CP-SAT solver with its workers, seed and time limit (never below ``least_s``).

    With ``deterministic`` and one worker, the limit is CP-SAT's deterministic time: one
    worker with a seed is reproducible only if the stop point is too, and deterministic
    time does not depend on machine load (the wall clock then gets four times as long).
    """
    solver = cp_model.CpSolver()
    prm = solver.parameters
    limit = max(time_limit_s, least_s)
    prm.num_workers = workers
    prm.random_seed = seed
    prm.log_search_progress = log
    prm.max_time_in_seconds = limit
    if deterministic and workers == 1:
        prm.max_deterministic_time = limit
        prm.max_time_in_seconds = limit * 4
    return solver


def solve_watched(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    stop_when: Callable[[], bool] | None,
    *,
    callback: cp_model.CpSolverSolutionCallback | None = None,
    poll_s: float = 0.05,
) -> cp_model.CpSolverStatus:
    """Solve, asking ``stop_when`` every ``poll_s`` seconds whether to end the search now.

    CP-SAT only calls back on new solutions, so a long proof (or a solve that finds nothing
    new) would not notice a stop request or a stall: a thread beside the solve asks instead.
    """
    if stop_when is None:
        return solver.solve(model, callback)
    done = threading.Event()

    def watch() -> None:
        while not done.wait(poll_s):
            if stop_when():
                solver.stop_search()
                return

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        return solver.solve(model, callback)
    finally:
        done.set()
        thread.join()
