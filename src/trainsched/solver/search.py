"""Improve a greedy plan per component: one exact model when small, else neighbourhood search."""

from __future__ import annotations

import random
import time
from dataclasses import replace

from trainsched.solver.context import Context, score
from trainsched.solver.greedy import ORDERINGS, greedy
from trainsched.solver.model import solve_scope
from trainsched.solver.neighbourhoods import NEIGHBOURHOODS, Picker
from trainsched.solver.options import SolveOptions
from trainsched.solver.problem import Problem
from trainsched.solver.residual import Placement, Residual
from trainsched.solver.variables import Scope

FULL_MODEL_MAX = 60  # classes; above this the exact model stalls and LNS wins (see docs)
ROUND_S = 2.0
POLISH_SHARE = 0.15  # last part of an LNS run polishes soft goals at equal served value
# A neighbourhood of ~30 classes proves in about a second; more CP-SAT workers than this
# only share the cores and made rounds 2x slower on 2 cores (measured, docs/solver.md).
LNS_WORKERS = 2
# A round ends once a better plan has stood this long: the proof that nothing better is in
# the neighbourhood costs more than the next neighbourhood gains (docs/solver.md).
SETTLE_S = 0.3


def best_greedy(
    problem: Problem, part: list[int], fixed: dict[int, Placement]
) -> dict[int, Placement]:
    """The best of the greedy orderings for the classes of ``part``."""
    best: dict[int, Placement] | None = None
    best_key = (-1, 0)
    for order in ORDERINGS:
        a = greedy(problem, part, order, fixed)
        key = (sum(problem.cohorts[c].value for c in a), -len(a))
        if key > best_key:
            best, best_key = a, key
    return best or dict(fixed)


def _resolve(
    ctx: Context,
    a: dict[int, Placement],
    free: list[int],
    limit: float,
    *,
    soft: bool = True,
    options: SolveOptions | None = None,
    settle_s: float | None = None,
) -> tuple[dict[int, Placement], bool, int]:
    """Re-solve the classes ``free`` with everything else of ``a`` fixed."""
    res = Residual.of(ctx.problem, a, skip=free)
    must = frozenset(c for c in free if c in ctx.must and c in a)
    floor = sum(ctx.problem.cohorts[c].value for c in free if c in a) if soft else 0
    scope = Scope(ctx.problem, free, res, must, ctx.previous, ctx.weights, soft, floor)
    hint = {c: a[c] for c in free if c in a}
    out = solve_scope(scope, hint, limit, options or ctx.options, stop=ctx.stop, settle_s=settle_s)
    if not out.found:
        return a, False, out.served_bound
    new = {c: p for c, p in a.items() if c not in free}
    new.update(out.placements)
    return new, out.optimal, out.served_bound


def solve_part(
    ctx: Context, part: list[int], a: dict[int, Placement], share: float
) -> dict[int, Placement]:
    """Improve the placements of one component within ``share`` seconds."""
    until = min(ctx.deadline, time.monotonic() + share)
    if len(part) <= FULL_MODEL_MAX:
        # Served value first (proves fast), then soft goals without losing served value.
        first = (until - time.monotonic()) * (1 - POLISH_SHARE)
        new, optimal, _ = _resolve(ctx, a, part, max(first, 0.05), soft=False)
        if score(ctx, new)[0] > score(ctx, a)[0]:
            a = new
        ctx.optimal[part[0]] = optimal
        new, _, _ = _resolve(ctx, a, part, max(until - time.monotonic(), 0.05))
        if score(ctx, new) >= score(ctx, a):
            a = new
        if optimal or ctx.stopped():
            return a
    return lns(ctx, part, a, until)


def _next_size(size: int, most: int, optimal: bool, gained: bool) -> int:
    """Grow a neighbourhood that proved fast, keep one that gained, shrink one that stalled."""
    if optimal:
        return min(most, int(size * 1.15) + 1)
    return size if gained else max(10, int(size * 0.85))


def lns(
    ctx: Context, part: list[int], a: dict[int, Placement], until: float
) -> dict[int, Placement]:
    """Large-neighbourhood search: free a window or some resources, re-solve, keep the better."""
    rng = random.Random(ctx.options.seed + part[0])
    size = min(len(part), 30)
    best = score(ctx, a)
    rounds = 0
    small = replace(ctx.options, workers=min(ctx.options.workers, LNS_WORKERS))
    picker = Picker(rng, timed=ctx.options.workers > 1)
    polish_from = until - POLISH_SHARE * max(until - time.monotonic(), 0.0)
    settle = SETTLE_S if ctx.options.workers > 1 else None  # one worker: reproducible
    while time.monotonic() < until - 0.2 and not ctx.stopped():
        kind = picker.pick()
        began = time.monotonic()
        free = NEIGHBOURHOODS[kind](ctx, part, a, rng, size)
        limit = min(ROUND_S, until - time.monotonic())
        soft = time.monotonic() >= polish_from
        new, optimal, _ = _resolve(
            ctx, a, free, limit, soft=soft, options=small, settle_s=None if soft else settle
        )
        rounds += 1
        key = score(ctx, new)
        gain = key[0] - best[0]
        picker.record(kind, max(gain, 0), time.monotonic() - began)
        if key >= best:
            a, best = new, key
        size = _next_size(size, len(part), optimal, gain > 0)
        if ctx.report is not None:
            ctx.report(f"lns round {rounds}", best[0], a)
    return a
