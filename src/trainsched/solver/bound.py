"""A proven upper bound on served value from a relaxation: money, trainer-days and venue-days."""

from __future__ import annotations

import math

from ortools.sat.python import cp_model

from trainsched.solver.options import SolveOptions
from trainsched.solver.problem import NO_FUND, Problem
from trainsched.solver.residual import Residual
from trainsched.solver.variables import Candidates, candidates


def _capacity(
    problem: Problem, busy: bytearray, month_cap: int | None, total: int | None
) -> tuple[int, list[int]]:
    """Days a resource can teach over the horizon and per month (absences and caps applied)."""
    per_month = [0] * len(problem.months)
    for d, b in enumerate(busy):
        if not b:
            per_month[problem.month_of_day[d]] += 1
    if month_cap is not None:
        per_month = [min(k, month_cap) for k in per_month]
    whole = sum(per_month)
    return (whole if total is None else min(whole, total)), per_month


Span = tuple[int, int]


def _month_span(problem: Problem, starts: list[int], length: int) -> Span:
    """First and last month any possible block of a class touches."""
    return problem.month_of_day[starts[0]], problem.month_of_day[starts[-1] + length - 1]


def relaxation_bound(
    problem: Problem, part: list[int], options: SolveOptions, time_limit: float
) -> int:
    """Upper bound on the served value of ``part``: a CP-SAT relaxation solved (near) to optimality.

    Kept: each class needs its trainers and one venue among its candidates, fund amounts,
    each trainer's and venue's available days over the horizon and per month. Dropped:
    the exact days (no-overlap), which is what makes the real model hard.
    """
    res = Residual(problem)
    cands: dict[int, Candidates] = {}
    for c in part:
        cand = candidates(res, problem.cohorts[c])
        if cand is not None:
            cands[c] = cand
    if not cands:
        return 0
    m = cp_model.CpModel()
    p = {c: m.new_bool_var(f"p{c}") for c in cands}
    t_load: dict[int, list[tuple[int, Span, cp_model.IntVar]]] = {}
    v_load: dict[int, list[tuple[int, Span, cp_model.IntVar]]] = {}
    spend: dict[int, list[cp_model.LinearExprT]] = {}
    for c, cand in cands.items():
        co = problem.cohorts[c]
        month = _month_span(problem, cand.starts, co.length)
        xs = [m.new_bool_var(f"x{c}_{t}") for t in cand.trainer_starts]
        for t, x in zip(cand.trainer_starts, xs, strict=True):
            t_load.setdefault(t, []).append((co.length, month, x))
        m.add(sum(xs) == co.required * p[c])
        ys = [m.new_bool_var(f"y{c}_{v}") for v in cand.venue_starts]
        for v, y in zip(cand.venue_starts, ys, strict=True):
            v_load.setdefault(v, []).append((co.length, month, y))
        m.add(sum(ys) == p[c])
        funds = {co.fund_at(s) for s in cand.starts}
        if len(funds) == 1:
            f = funds.pop()
            if f != NO_FUND:
                spend.setdefault(f, []).append(co.cost * p[c])
        else:
            gs = {f: m.new_bool_var(f"g{c}_{f}") for f in funds}
            m.add(sum(gs.values()) == p[c])
            for f, g in gs.items():
                if f != NO_FUND:
                    spend.setdefault(f, []).append(co.cost * g)
    for f, terms in spend.items():
        m.add(sum(terms) <= problem.funds[f].amount)
    for t, loads in t_load.items():
        tr = problem.trainers[t]
        _cap_loads(m, loads, _capacity(problem, res.trainer_busy[t], tr.month_cap, tr.total_cap))
    for v, loads in v_load.items():
        _cap_loads(m, loads, _capacity(problem, res.venue_busy[v], None, None))
    top = sum(problem.cohorts[c].value for c in cands)
    m.maximize(sum(problem.cohorts[c].value * p[c] for c in cands))
    solver = cp_model.CpSolver()
    solver.parameters.num_search_workers = options.workers
    solver.parameters.random_seed = options.seed
    solver.parameters.max_time_in_seconds = max(time_limit, 0.05)
    status = solver.solve(m)
    if status == cp_model.INFEASIBLE:
        return 0
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return top
    return min(top, math.floor(solver.best_objective_bound + 1e-6))


def _cap_loads(
    m: cp_model.CpModel,
    loads: list[tuple[int, Span, cp_model.IntVar]],
    cap: tuple[int, list[int]],
) -> None:
    """Classes whose every possible block lies in months m1..m2 fit the days free there."""
    whole, per_month = cap
    if sum(k for k, _, _ in loads) > whole:
        m.add(sum(k * x for k, _, x in loads) <= whole)
    n = len(per_month)
    for m1 in range(n):
        for m2 in range(m1, n):
            days = min(whole, sum(per_month[m1 : m2 + 1]))
            inside = [(k, x) for k, (a, b), x in loads if m1 <= a and b <= m2]
            if sum(k for k, _ in inside) > days:
                m.add(sum(k * x for k, x in inside) <= days)
