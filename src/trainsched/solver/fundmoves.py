"""Fund-aware LNS neighbourhoods: where money binds, which classes the money goes to decides.

Both pick a **binding** fund (the strongest class it could still pay for does not fit in
what is left) and free classes across the fund's whole period, not only around one seed:

- repack: every class the fund could pay for, alternating the scheduled ones that buy
  least per yuan with the unscheduled ones that buy most, plus what stands in the way of
  the strongest unscheduled ones (their trainers and rooms in their windows);
- boundary: the classes whose windows cross the boundary between the fund and the next or
  previous fund of the same districts (moving one across moves its cost to the other fund),
  then the weakest scheduled and strongest unscheduled classes of both funds.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from itertools import zip_longest

from trainsched.solver.context import Context
from trainsched.solver.problem import NO_FUND, Problem
from trainsched.solver.residual import Placement

IN_WAY_SHARE = 3  # a third of a repack neighbourhood may be classes in the way

Density = Callable[[Problem, int], float]


def money_density(p: Problem, c: int) -> float:
    """Served value per yuan of subsidy (what counts when funds bind)."""
    co = p.cohorts[c]
    return co.value / co.cost if co.cost else float(co.value)


def weakest_and_strongest(
    p: Problem,
    classes: Iterable[int],
    a: dict[int, Placement],
    rng: random.Random,
    density: Density = money_density,
) -> list[int]:
    """Scheduled classes that buy least (per yuan) alternating with unscheduled that buy most."""
    pool = list(classes)
    drop = sorted((c for c in pool if c in a), key=lambda c: (density(p, c), rng.random()))
    add = sorted((c for c in pool if c not in a), key=lambda c: (-density(p, c), rng.random()))
    return [c for pair in zip_longest(drop, add) for c in pair if c is not None]


def _binding_funds(p: Problem, part: list[int], a: dict[int, Placement]) -> dict[int, float]:
    """Per fund that binds, the value per yuan its best waiting class would buy (its weight)."""
    used: dict[int, int] = {}
    for c, pl in a.items():
        f = p.cohorts[c].fund_at(pl.start)
        if f != NO_FUND:
            used[f] = used.get(f, 0) + p.cohorts[c].cost
    out: dict[int, float] = {}
    for c in part:
        if c in a:
            continue
        for f in set(p.cohorts[c].funds) - {NO_FUND}:
            if p.funds[f].amount - used.get(f, 0) < p.cohorts[c].cost:
                out[f] = max(out.get(f, 0.0), money_density(p, c))
    return out


def _pick_fund(
    p: Problem, part: list[int], a: dict[int, Placement], rng: random.Random
) -> int | None:
    binding = _binding_funds(p, part, a)
    if not binding:
        return None
    funds = sorted(binding)
    return rng.choices(funds, weights=[binding[f] for f in funds])[0]


def _in_way(p: Problem, seeds: list[int], a: dict[int, Placement]) -> list[int]:
    """Scheduled classes on a seed's candidate trainers or rooms within the seed's window."""
    out: dict[int, None] = {}
    for s in seeds:
        sc = p.cohorts[s]
        lo, hi = sc.starts[0], sc.starts[-1] + sc.length
        trainers, venues = set(sc.trainers), set(sc.venues)
        for c, pl in a.items():
            if (
                pl.start < hi
                and pl.start + p.cohorts[c].length > lo
                and (trainers.intersection(pl.trainers) or pl.venue in venues)
            ):
                out[c] = None
    return list(out)


def _fallback(part: list[int], rng: random.Random, size: int) -> list[int]:
    return rng.sample(part, min(size, len(part)))


def fund_repack_neighbourhood(
    ctx: Context, part: list[int], a: dict[int, Placement], rng: random.Random, size: int
) -> list[int]:
    """A binding fund's classes over its whole period, repacked by value per yuan."""
    p = ctx.problem
    f = _pick_fund(p, part, a, rng)
    if f is None:
        return _fallback(part, rng, size)
    mates = weakest_and_strongest(p, (c for c in part if f in p.cohorts[c].funds), a, rng)
    strongest = [c for c in mates if c not in a][:3]
    way = _in_way(p, strongest, a)
    rng.shuffle(way)
    chosen = dict.fromkeys([*mates[: size - size // IN_WAY_SHARE], *way, *mates])
    return list(chosen)[:size]


def _neighbour_funds(p: Problem, part: list[int], f: int) -> set[int]:
    """Funds a class of ``part`` may be charged to instead of ``f`` (its window crosses)."""
    return {g for c in part if f in p.cohorts[c].funds for g in p.cohorts[c].funds} - {f, NO_FUND}


def fund_boundary_neighbourhood(
    ctx: Context, part: list[int], a: dict[int, Placement], rng: random.Random, size: int
) -> list[int]:
    """Classes crossing a binding fund's boundary, and both funds' weakest and strongest."""
    p = ctx.problem
    f = _pick_fund(p, part, a, rng)
    others = sorted(_neighbour_funds(p, part, f)) if f is not None else []
    if f is None or not others:
        return fund_repack_neighbourhood(ctx, part, a, rng, size)
    g = rng.choice(others)
    both = {f, g}
    crossing = [c for c in part if both <= set(p.cohorts[c].funds)]
    rng.shuffle(crossing)
    mates = weakest_and_strongest(p, (c for c in part if both & set(p.cohorts[c].funds)), a, rng)
    chosen = dict.fromkeys([*crossing[: size // 2], *mates])
    return list(chosen)[:size]
