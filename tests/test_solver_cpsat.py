"""The one CP-SAT runner: a watcher ends a long solve when asked, and stays out of the way."""

from __future__ import annotations

import random
import time

from ortools.sat.python import cp_model

from trainsched.solver.cpsat import cpsat_solver, solve_watched


def _hard_model() -> cp_model.CpModel:
    # A multi-dimensional knapsack: feasible at once, slow to prove optimal.
    rng = random.Random(7)
    m = cp_model.CpModel()
    xs = [m.new_bool_var(f"x{i}") for i in range(300)]
    for _ in range(30):
        m.add(sum(rng.randint(1, 50) * x for x in xs) <= 2000)
    m.maximize(sum(rng.randint(1, 60) * x for x in xs))
    return m


def test_a_stop_request_ends_a_long_solve_with_the_best_so_far() -> None:
    solver = cpsat_solver(workers=2, seed=1, time_limit_s=60.0)
    asked = time.monotonic() + 0.5
    started = time.monotonic()
    status = solve_watched(solver, _hard_model(), lambda: time.monotonic() > asked)
    assert time.monotonic() - started < 10.0
    assert status in (cp_model.FEASIBLE, cp_model.OPTIMAL)


def test_without_a_watcher_the_time_limit_ends_the_solve() -> None:
    # 1.5 s rather than less: on a loaded machine presolve alone can use a few tenths of a second
    # of wall time, and the solve would then end before its first solution (UNKNOWN).
    solver = cpsat_solver(workers=1, seed=1, time_limit_s=1.5)
    status = solve_watched(solver, _hard_model(), None)
    assert status in (cp_model.FEASIBLE, cp_model.OPTIMAL)


def test_one_worker_stops_on_deterministic_time_when_asked() -> None:
    solver = cpsat_solver(workers=1, seed=1, time_limit_s=2.0, deterministic=True)
    assert solver.parameters.max_deterministic_time == 2.0
    assert solver.parameters.max_time_in_seconds == 8.0
    assert cpsat_solver(1, 1, 0.01).parameters.max_time_in_seconds == 0.05
