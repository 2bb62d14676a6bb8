"""Neighbourhoods for the large-neighbourhood search, and the picker that chooses among them."""

from __future__ import annotations

import random
from collections.abc import Callable
from itertools import zip_longest

from trainsched.solver.context import Context
from trainsched.solver.problem import NO_FUND, Problem
from trainsched.solver.residual import Placement


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


Density = Callable[[Problem, int], float]


def _money_density(p: Problem, c: int) -> float:
    """Served value per yuan of subsidy (what counts when funds bind)."""
    co = p.cohorts[c]
    return co.value / co.cost if co.cost else float(co.value)


def _day_density(p: Problem, c: int) -> float:
    """Served value per trainer-day (what counts when trainers' day caps bind)."""
    co = p.cohorts[c]
    return co.value / (co.length * co.required)


def _swap(
    ctx: Context,
    part: list[int],
    a: dict[int, Placement],
    rng: random.Random,
    size: int,
    density: Density,
    mates_of: Callable[[int], list[int]],
) -> list[int]:
    """An unscheduled class worth much per unit of the scarce resource, the classes in its
    way, and the weakest scheduled and strongest unscheduled classes sharing that resource."""
    p = ctx.problem
    unplaced = [c for c in part if c not in a]
    if not unplaced:
        return _window_neighbourhood(ctx, part, a, rng, size)
    seed = max(rng.sample(unplaced, min(3, len(unplaced))), key=lambda c: density(p, c))
    sc = p.cohorts[seed]
    lo, hi = sc.starts[0], sc.starts[-1] + sc.length
    trainers, venues = set(sc.trainers), set(sc.venues)
    in_way = [
        c for c, pl in a.items()
        if pl.start < hi and pl.start + p.cohorts[c].length > lo
        and (trainers.intersection(pl.trainers) or pl.venue in venues)
    ]  # fmt: skip
    rng.shuffle(in_way)
    mates = [c for c in mates_of(seed) if c != seed]
    drop = sorted((c for c in mates if c in a), key=lambda c: (density(p, c), rng.random()))
    add = sorted((c for c in mates if c not in a), key=lambda c: (-density(p, c), rng.random()))
    mixed = [c for pair in zip_longest(drop, add) for c in pair if c is not None]
    chosen = dict.fromkeys([seed, *in_way[: size // 2], *mixed])
    return list(chosen)[:size]


def _money_swap_neighbourhood(
    ctx: Context, part: list[int], a: dict[int, Placement], rng: random.Random, size: int
) -> list[int]:
    """Trade classes within a fund: money for the seed comes from what buys least per yuan."""
    p = ctx.problem

    def mates(seed: int) -> list[int]:
        funds = set(p.cohorts[seed].funds) - {NO_FUND}
        return [c for c in part if funds.intersection(p.cohorts[c].funds)]

    return _swap(ctx, part, a, rng, size, _money_density, mates)


def _trainer_swap_neighbourhood(
    ctx: Context, part: list[int], a: dict[int, Placement], rng: random.Random, size: int
) -> list[int]:
    """Trade classes between the seed's trainers across the year (their day caps bind)."""
    p = ctx.problem

    def mates(seed: int) -> list[int]:
        trainers = set(p.cohorts[seed].trainers)
        return [c for c in part if trainers.intersection(p.cohorts[c].trainers)]

    return _swap(ctx, part, a, rng, size, _day_density, mates)


NEIGHBOURHOODS = (
    _money_swap_neighbourhood,
    _trainer_swap_neighbourhood,
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
