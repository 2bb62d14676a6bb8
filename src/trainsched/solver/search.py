"""Improve a greedy plan per component: one exact model when small, else neighbourhood search."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import zip_longest

from trainsched.solver.greedy import ORDERINGS, greedy
from trainsched.solver.model import solve_scope
from trainsched.solver.options import SolveOptions, StopFlag
from trainsched.solver.problem import NO_FUND, Problem
from trainsched.solver.residual import Placement, Residual
from trainsched.solver.soft import penalty
from trainsched.solver.variables import Scope

FULL_MODEL_MAX = 60  # classes; above this the exact model stalls and LNS wins (see docs)
ROUND_S = 2.0
Report = Callable[[str, int], None]
POLISH_SHARE = 0.15  # last part of an LNS run polishes soft goals at equal served value
# A neighbourhood of ~30 classes proves in about a second; more CP-SAT workers than this
# only share the cores and made rounds 2x slower on 2 cores (measured, docs/solver.md).
LNS_WORKERS = 2


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
) -> tuple[dict[int, Placement], bool, int]:
    """Re-solve the classes ``free`` with everything else of ``a`` fixed."""
    res = Residual.of(ctx.problem, a, skip=free)
    must = frozenset(c for c in free if c in ctx.must and c in a)
    floor = sum(ctx.problem.cohorts[c].value for c in free if c in a) if soft else 0
    scope = Scope(ctx.problem, free, res, must, ctx.previous, ctx.weights, soft, floor)
    hint = {c: a[c] for c in free if c in a}
    out = solve_scope(scope, hint, limit, options or ctx.options, stop=ctx.stop)
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


def _window_neighbourhood(
    ctx: Context, part: list[int], a: dict[int, Placement], rng: random.Random, size: int
) -> list[int]:
    p = ctx.problem
    centre = rng.randrange(p.n_days)

    def distance(ci: int) -> int:
        c = p.cohorts[ci]
        lo, hi = (
            (a[ci].start, a[ci].start + c.length)
            if ci in a
            else (c.starts[0], c.starts[-1] + c.length)
        )
        return 0 if lo <= centre <= hi else min(abs(lo - centre), abs(hi - centre))

    ranked = sorted(part, key=lambda ci: (distance(ci), rng.random()))
    return ranked[:size]


def _resource_neighbourhood(
    ctx: Context, part: list[int], a: dict[int, Placement], rng: random.Random, size: int
) -> list[int]:
    p = ctx.problem
    unplaced = [c for c in part if c not in a]
    seed = p.cohorts[rng.choice(unplaced or part)]
    trainers, venues = set(seed.trainers), set(seed.venues)
    lo, hi = seed.starts[0] - 10, seed.starts[-1] + seed.length + 10
    near = [
        ci for ci in part
        if (set(p.cohorts[ci].trainers) & trainers or set(p.cohorts[ci].venues) & venues)
        and p.cohorts[ci].starts[0] <= hi and p.cohorts[ci].starts[-1] + p.cohorts[ci].length >= lo
    ]  # fmt: skip
    rng.shuffle(near)
    chosen = [seed.index, *[c for c in near if c != seed.index]]
    return chosen[:size]


def _fund_neighbourhood(
    ctx: Context, part: list[int], a: dict[int, Placement], rng: random.Random, size: int
) -> list[int]:
    p = ctx.problem
    funds = sorted({f for c in part for f in p.cohorts[c].funds if f != NO_FUND})
    if not funds:
        return _window_neighbourhood(ctx, part, a, rng, size)
    f = rng.choice(funds)
    chosen = [c for c in part if f in p.cohorts[c].funds]
    rng.shuffle(chosen)
    return chosen[:size]


def _density(p: Problem, c: int) -> float:
    co = p.cohorts[c]
    return co.value / co.cost if co.cost else float(co.value)


def _swap_neighbourhood(
    ctx: Context, part: list[int], a: dict[int, Placement], rng: random.Random, size: int
) -> list[int]:
    """An unscheduled class worth much per yuan, the classes in its way and its fund's weakest."""
    p = ctx.problem
    unplaced = [c for c in part if c not in a]
    if not unplaced:
        return _window_neighbourhood(ctx, part, a, rng, size)
    seed = max(rng.sample(unplaced, min(3, len(unplaced))), key=lambda c: _density(p, c))
    sc = p.cohorts[seed]
    lo, hi = sc.starts[0], sc.starts[-1] + sc.length
    trainers, venues, funds = set(sc.trainers), set(sc.venues), set(sc.funds) - {NO_FUND}
    in_way = [
        c for c, pl in a.items()
        if pl.start < hi and pl.start + p.cohorts[c].length > lo
        and (trainers.intersection(pl.trainers) or pl.venue in venues)
    ]  # fmt: skip
    rng.shuffle(in_way)
    # Money for the seed comes from the fund's scheduled classes that buy least per yuan;
    # its other unscheduled classes that buy most may use what is left.
    mates = [c for c in part if c != seed and funds.intersection(p.cohorts[c].funds)]
    drop = sorted((c for c in mates if c in a), key=lambda c: (_density(p, c), rng.random()))
    add = sorted((c for c in mates if c not in a), key=lambda c: (-_density(p, c), rng.random()))
    mixed = [c for pair in zip_longest(drop, add) for c in pair if c is not None]
    chosen = dict.fromkeys([seed, *in_way[: size // 2], *mixed])
    return list(chosen)[:size]


NEIGHBOURHOODS = (
    _swap_neighbourhood,
    _resource_neighbourhood,
    _fund_neighbourhood,
    _window_neighbourhood,
)


class Picker:
    """Chooses the next neighbourhood kind, favouring the kinds that gained most per second."""

    def __init__(self, rng: random.Random, timed: bool) -> None:
        self.rng, self.timed = rng, timed  # untimed (one worker): per round, reproducible
        self.rate = [1.0] * len(NEIGHBOURHOODS)
        self.rounds = 0

    def pick(self) -> int:
        """A kind: the first round of each in turn, then in proportion to its recent rate."""
        self.rounds += 1
        if self.rounds <= len(NEIGHBOURHOODS):
            return self.rounds - 1
        floor = 0.15 * max(self.rate) + 1e-9  # every kind keeps a fair chance
        return self.rng.choices(range(len(self.rate)), [max(r, floor) for r in self.rate])[0]

    def record(self, kind: int, gain: int, seconds: float) -> None:
        """Fold one round's served-value gain into the kind's moving rate."""
        cost = max(seconds, 0.05) if self.timed else 1.0
        self.rate[kind] = 0.6 * self.rate[kind] + 0.4 * gain / cost


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
    while time.monotonic() < until - 0.2 and not ctx.stopped():
        kind = picker.pick()
        began = time.monotonic()
        free = NEIGHBOURHOODS[kind](ctx, part, a, rng, size)
        limit = min(ROUND_S, until - time.monotonic())
        soft = time.monotonic() >= polish_from
        new, optimal, _ = _resolve(ctx, a, free, limit, soft=soft, options=small)
        rounds += 1
        key = score(ctx, new)
        picker.record(kind, max(key[0] - best[0], 0), time.monotonic() - began)
        if key >= best:
            a, best = new, key
        size = min(len(part), int(size * 1.15) + 1) if optimal else max(10, int(size * 0.85))
        if ctx.report is not None:
            ctx.report(f"lns round {rounds}", best[0])
    return a
