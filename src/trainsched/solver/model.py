"""Build one CP-SAT model for a scope (hard rules, served value, soft goals), solve it, read it."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from trainsched.solver.cpsat import cpsat_solver, solve_watched
from trainsched.solver.options import SolveOptions, StopFlag
from trainsched.solver.residual import Placement
from trainsched.solver.rules import HARD_RULES
from trainsched.solver.soft import SOFT_RULES, weight_of
from trainsched.solver.variables import Scope, Vars

OnSolution = Callable[[int], None]


@dataclass(frozen=True)
class ScopeResult:
    """The placements a model chose for its free classes and what it proved."""

    placements: dict[int, Placement]
    found: bool
    optimal: bool
    served_bound: int


@dataclass
class Built:
    """A built model with its variables and the weight that makes served value dominate."""

    model: cp_model.CpModel
    vars: Vars
    big: int


def build(scope: Scope) -> Built:
    """Post every hard rule, then the objective: served value first, weighted soft goals after."""
    model = cp_model.CpModel()
    vs = Vars(model, scope)
    for rule in HARD_RULES:
        rule(vs)
    problem = scope.problem
    served = cp_model.LinearExpr.weighted_sum(
        [vs.present(c) for c in vs.cohorts()], [problem.cohorts[c].value for c in vs.cohorts()]
    )
    if scope.min_served:
        model.add(served >= scope.min_served)
    if not scope.soft:
        model.maximize(served)
        return Built(model, vs, 1)
    penalties: list[cp_model.LinearExpr] = []
    worst = 0
    for soft in SOFT_RULES:
        w = weight_of(soft, scope.weights)
        if w <= 0:
            continue
        expr, ub = soft.post(vs)
        penalties.append(cp_model.LinearExpr.weighted_sum([expr], [w]))
        worst += w * ub
    big = worst + 1
    model.maximize(big * served - cp_model.LinearExpr.sum(penalties))
    return Built(model, vs, big)


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, built: Built, on_solution: OnSolution | None, floor: int) -> None:
        super().__init__()
        self._built, self._on = built, on_solution
        self.best, self.improved_at = floor, math.inf  # served value beating ``floor``, when

    def on_solution_callback(self) -> None:
        vs = self._built.vars
        problem = vs.scope.problem
        served = sum(problem.cohorts[c].value for c in vs.cohorts() if self.value(vs.present(c)))
        if served > self.best:
            self.best, self.improved_at = served, time.monotonic()
        if self._on is not None:
            self._on(served)


def read(solver: cp_model.CpSolver, vs: Vars) -> dict[int, Placement]:
    """The placements of a solved model."""
    out: dict[int, Placement] = {}
    for c in vs.cohorts():
        if not solver.boolean_value(vs.present(c)):
            continue
        venue = next(v for v, y in vs.venues_of(c) if solver.boolean_value(y))
        trainers = tuple(sorted(t for t, x in vs.trainers_of(c) if solver.boolean_value(x)))
        out[c] = Placement(solver.value(vs.start(c)), venue, trainers)
    return out


def solve_scope(
    scope: Scope,
    hint: dict[int, Placement],
    time_limit: float,
    options: SolveOptions,
    *,
    stop: StopFlag | None = None,
    on_solution: OnSolution | None = None,
    settle_s: float | None = None,
) -> ScopeResult:
    """Solve the scope's model from a hint; found is False when no solution came in time.

    With ``settle_s``, the solve also ends once a plan serving more than the hint has
    stood that long without a better one (not reproducible: only with several workers).
    """
    built = build(scope)
    vs = built.vars
    vs.hint(hint)
    solver = cpsat_solver(
        options.workers, options.seed, time_limit, log=options.log_search, deterministic=True
    )
    problem = scope.problem
    floor = sum(problem.cohorts[c].value for c in hint if c in vs.cands)
    callback = _Callback(built, on_solution, floor)

    def should_stop() -> bool:
        # Stop when the caller asks, or once a better plan has stood ``settle_s`` without
        # a further gain (a neighbourhood's proof of optimality is worth less than the next).
        asked = stop is not None and stop.is_set()
        settled = settle_s is not None and time.monotonic() - callback.improved_at > settle_s
        return asked or settled

    watched = stop is not None or settle_s is not None
    status = solve_watched(solver, built.model, should_stop if watched else None, callback=callback)
    top = sum(problem.cohorts[c].value for c in vs.cohorts())
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        infeasible = status == cp_model.INFEASIBLE
        return ScopeResult({}, False, infeasible, 0 if infeasible else top)
    bound = int(solver.best_objective_bound)
    served_bound = min(top, (bound + built.big - 1) // built.big)
    return ScopeResult(read(solver, vs), True, status == cp_model.OPTIMAL, served_bound)
