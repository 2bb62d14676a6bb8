"""A proven upper bound on served value from a relaxation: money, trainer-days and venue-days."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from ortools.sat.python import cp_model

from trainsched.solver.cpsat import cpsat_solver, solve_watched
from trainsched.solver.options import SolveOptions, StopFlag
from trainsched.solver.problem import NO_FUND, Problem
from trainsched.solver.residual import BIG_CAP, Residual
from trainsched.solver.variables import Candidates, candidates


@dataclass(frozen=True)
class Load:
    """One class's possible use of a trainer or venue: its length, allowed starts, choice."""

    length: int
    starts: list[int]
    x: cp_model.IntVar


@dataclass(frozen=True)
class Capacity:
    """Days a trainer or venue can still teach: free days, monthly cap, total cap."""

    free_prefix: list[int]  # free working days before each day index
    month_cap: int | None
    total: int | None


def _free_prefix(busy: bytearray) -> list[int]:
    """Free working days before each day index (prefix sums of not-busy days)."""
    return [0, *accumulate(1 - b for b in busy)]


def _days_in(problem: Problem, cap: Capacity, a: int, b: int) -> int:
    """Most days the resource can teach within working days a..b (free days, caps)."""
    days = 0
    for m in range(problem.month_of_day[a], problem.month_of_day[b] + 1):
        lo, hi = max(a, problem.month_start[m]), min(b, problem.month_start[m + 1] - 1)
        k = cap.free_prefix[hi + 1] - cap.free_prefix[lo]
        days += k if cap.month_cap is None else min(k, cap.month_cap)
    return days if cap.total is None else min(days, cap.total)


def _least_overlap(load: Load, a: int, b: int) -> int:
    """Days of the class that fall in a..b wherever it starts (energetic reasoning)."""

    def inside(s: int) -> int:
        return max(0, min(s + load.length - 1, b) - max(s, a) + 1)

    # The overlap is quasi-concave in the start, so its minimum is at the first or last start.
    return min(inside(load.starts[0]), inside(load.starts[-1]))


def _intervals(problem: Problem, loads: list[Load]) -> set[tuple[int, int]]:
    """Day ranges worth a capacity row: each class's window, spans of 1-3 months, the horizon."""
    # Every span of months made the model 2x bigger and never moved the city bound.
    out = {(ld.starts[0], ld.starts[-1] + ld.length - 1) for ld in loads}
    edges, n = problem.month_start, len(problem.month_start) - 1
    out.update((edges[i], edges[j] - 1) for i in range(n) for j in range(i + 1, min(i + 4, n + 1)))
    out.add((0, problem.n_days - 1))
    return out


def _cap_loads(m: cp_model.CpModel, problem: Problem, loads: list[Load], cap: Capacity) -> None:
    """Per day range, the days classes must spend inside it fit the resource's days there."""
    for a, b in _intervals(problem, loads):
        terms = [(k, ld.x) for ld in loads if (k := _least_overlap(ld, a, b)) > 0]
        days = _days_in(problem, cap, a, b)
        if sum(k for k, _ in terms) > days:
            m.add(sum(k * x for k, x in terms) <= days)


def _serves_venue(
    m: cp_model.CpModel,
    problem: Problem,
    cand: Candidates,
    xs: list[cp_model.IntVar],
    ys: list[cp_model.IntVar],
) -> None:
    """A trainer is only chosen with a venue in a district they serve (as in the real model)."""
    venues = list(cand.venue_starts)
    for t, x in zip(cand.trainer_starts, xs, strict=True):
        serves = problem.trainers[t].serves
        ok = [y for v, y in zip(venues, ys, strict=True) if problem.venues[v].region in serves]
        if len(ok) < len(venues):
            m.add(sum(ok) >= x)


def _relaxation(problem: Problem, part: list[int]) -> tuple[cp_model.CpModel, int] | None:
    """The relaxation model of ``part`` and the value of all its placeable classes."""
    res = Residual(problem)
    cands: dict[int, Candidates] = {}
    for c in part:
        cand = candidates(res, problem.cohorts[c])
        if cand is not None:
            cands[c] = cand
    if not cands:
        return None
    m = cp_model.CpModel()
    p = {c: m.new_bool_var(f"p{c}") for c in cands}
    t_load: dict[int, list[Load]] = {}
    v_load: dict[int, list[Load]] = {}
    spend: dict[int, list[cp_model.LinearExprT]] = {}
    for c, cand in cands.items():
        co = problem.cohorts[c]
        xs = [m.new_bool_var(f"x{c}_{t}") for t in cand.trainer_starts]
        for (t, ss), x in zip(cand.trainer_starts.items(), xs, strict=True):
            t_load.setdefault(t, []).append(Load(co.length, ss, x))
        m.add(sum(xs) == co.required * p[c])
        ys = [m.new_bool_var(f"y{c}_{v}") for v in cand.venue_starts]
        for (v, ss), y in zip(cand.venue_starts.items(), ys, strict=True):
            v_load.setdefault(v, []).append(Load(co.length, ss, y))
        m.add(sum(ys) == p[c])
        _serves_venue(m, problem, cand, xs, ys)
        _charge(m, problem, c, cand, p[c], spend)
    for f, terms in spend.items():
        m.add(sum(terms) <= problem.funds[f].amount)
    for t, loads in t_load.items():
        tr = problem.trainers[t]
        total = None if res.total_left(t) >= BIG_CAP else res.total_left(t)
        cap = Capacity(_free_prefix(res.trainer_busy[t]), tr.month_cap, total)
        _cap_loads(m, problem, loads, cap)
    for v, loads in v_load.items():
        _cap_loads(m, problem, loads, Capacity(_free_prefix(res.venue_busy[v]), None, None))
    m.maximize(sum(problem.cohorts[c].value * p[c] for c in cands))
    return m, sum(problem.cohorts[c].value for c in cands)


def _charge(
    m: cp_model.CpModel,
    problem: Problem,
    c: int,
    cand: Candidates,
    present: cp_model.IntVar,
    spend: dict[int, list[cp_model.LinearExprT]],
) -> None:
    """The class's cost goes to the fund of its start (one pick when its window crosses two)."""
    co = problem.cohorts[c]
    funds = {co.fund_at(s) for s in cand.starts}
    if len(funds) == 1:
        f = funds.pop()
        if f != NO_FUND:
            spend.setdefault(f, []).append(co.cost * present)
        return
    gs = {f: m.new_bool_var(f"g{c}_{f}") for f in funds}
    m.add(sum(gs.values()) == present)
    for f, g in gs.items():
        if f != NO_FUND:
            spend.setdefault(f, []).append(co.cost * g)


OnBound = Callable[[int], None]
STALL_TOL = 0.001  # a bound falling by less than 0.1 % is stalling


def relaxation_bound(
    problem: Problem,
    part: list[int],
    options: SolveOptions,
    time_limit: float,
    *,
    on_bound: OnBound | None = None,
    stop: StopFlag | None = None,
    stall_cpu_s: float | None = None,
) -> int:
    """Upper bound on the served value of ``part``: a CP-SAT relaxation solved (near) to optimality.

    Kept: each class needs its trainers and one venue among its candidates, a trainer only
    with a venue in a district they serve, fund amounts, and per trainer and venue, for day
    ranges (each class window, each month, the horizon), the days classes must spend in the
    range fit the days free there. Dropped: the exact days (no-overlap), which is what makes
    the real model hard. ``on_bound`` hears every improvement (each one a valid bound);
    the solve ends at ``time_limit``, when ``stop`` is set, or once the process has used
    ``stall_cpu_s`` CPU seconds since the bound last fell by 0.1 %.
    """
    built = _relaxation(problem, part)
    if built is None:
        return 0
    m, top = built
    # [bound, process CPU time when it last fell by STALL_TOL, the bound then]. CPU time,
    # not wall time: on a busy machine the first LP bound sits long before the next step.
    # Creeping by a few units a minute does not count (the province ran its bound all along).
    best = [top, math.inf, top]

    def improved(b: float) -> None:
        value = min(top, math.floor(b + 1e-6))
        if value < best[0]:
            best[0] = value
            if best[1] == math.inf or value < best[2] * (1 - STALL_TOL):
                best[1], best[2] = time.process_time(), value
            if on_bound is not None:
                on_bound(value)

    solver = cpsat_solver(options.workers, options.seed, time_limit)
    solver.best_bound_callback = improved

    def should_stop() -> bool:
        # The bound only matters while the search runs, and once it stalls it rarely moves.
        stalled = stall_cpu_s is not None and time.process_time() - best[1] > stall_cpu_s
        return (stop is not None and stop.is_set()) or stalled

    status = solve_watched(solver, m, should_stop, poll_s=0.2)
    if status == cp_model.INFEASIBLE:
        return 0
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        improved(solver.best_objective_bound)
    return int(best[0])
