"""The coordinator-style baseline: best value per yuan first, earliest start, free venues first."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from trainsched.solver.problem import CohortP, Problem
from trainsched.solver.residual import Placement, Residual

OrderKey = Callable[[CohortP], tuple[float, ...]]


def by_value_density(c: CohortP) -> tuple[float, ...]:
    """Pinned classes first, then served value per yuan of subsidy, then value."""
    density = c.value / c.cost if c.cost else float("inf")
    return (0 if c.pinned else 1, -density, -c.value, len(c.starts))


def by_value_per_trainer_day(c: CohortP) -> tuple[float, ...]:
    """Pinned first, then value per trainer-day (when trainers, not money, are scarce)."""
    return (0 if c.pinned else 1, -c.value / (c.length * c.required), -c.value, len(c.starts))


def by_tight_window(c: CohortP) -> tuple[float, ...]:
    """Pinned first, then the classes with the fewest possible starts, then value."""
    return (0 if c.pinned else 1, len(c.starts), -c.value)


ORDERINGS: tuple[OrderKey, ...] = (by_value_density, by_value_per_trainer_day, by_tight_window)


def venue_order(problem: Problem, c: CohortP) -> list[int]:
    """Candidate venues, free incubation bases first, then cheapest."""
    return sorted(
        c.venues,
        key=lambda v: (problem.venues[v].daily_cost, not problem.venues[v].incubator, v),
    )


def pick_trainers(
    res: Residual, c: CohortP, start: int, venue: int, load: Sequence[int]
) -> tuple[int, ...] | None:
    """Pinned trainers plus the least-loaded free ones, home-region trainers first."""
    problem = res.problem
    region = problem.venues[venue].region
    chosen = list(c.pinned_trainers)
    if any(not res.trainer_can(c, t, start, region) for t in chosen):
        return None
    others = [t for t in c.trainers if t not in chosen and res.trainer_can(c, t, start, region)]
    others.sort(key=lambda t: (problem.trainers[t].region != region, load[t], t))
    chosen += others[: c.required - len(chosen)]
    return tuple(sorted(chosen)) if len(chosen) == c.required else None


def first_fit(
    res: Residual,
    c: CohortP,
    load: Sequence[int],
    starts: Iterable[int] | None = None,
) -> Placement | None:
    """The earliest start, cheapest venue and lightest trainers that fit what is left."""
    if c.pin_problem is not None:
        return None
    venues = venue_order(res.problem, c)
    for s in c.starts if starts is None else starts:
        if not res.fund_allows(c, s):
            continue
        for v in venues:
            if not res.venue_free(v, s, c.length):
                continue
            trainers = pick_trainers(res, c, s, v, load)
            if trainers is not None:
                return Placement(s, v, trainers)
    return None


def greedy_fill(
    problem: Problem, res: Residual, cohorts: Iterable[int], placed: dict[int, Placement]
) -> dict[int, Placement]:
    """Place each class of ``cohorts`` in turn where it first fits; returns the new placements."""
    load = [res.total_used[t] for t in range(len(problem.trainers))]
    added: dict[int, Placement] = {}
    for ci in cohorts:
        if ci in placed:
            continue
        c = problem.cohorts[ci]
        p = first_fit(res, c, load)
        if p is None:
            continue
        res.place(c, p)
        for t in p.trainers:
            load[t] += c.length
        added[ci] = p
    return added


def greedy(
    problem: Problem,
    cohorts: Iterable[int] | None = None,
    order: OrderKey = by_value_density,
    fixed: dict[int, Placement] | None = None,
) -> dict[int, Placement]:
    """Greedy plan for ``cohorts`` (default all), around already ``fixed`` placements."""
    base = dict(fixed or {})
    res = Residual.of(problem, base)
    pool = problem.cohorts if cohorts is None else [problem.cohorts[i] for i in cohorts]
    ordered = [c.index for c in sorted(pool, key=order)]
    base.update(greedy_fill(problem, res, ordered, base))
    return base
