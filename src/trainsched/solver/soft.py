"""Soft goals after the served value: each posts its objective share and measures plans."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from trainsched.solver.problem import CohortP, Problem, VenueP
from trainsched.solver.residual import Assignment, Placement
from trainsched.solver.variables import Vars

Expr = cp_model.LinearExprT


@dataclass(frozen=True)
class SoftRule:
    """A soft goal: a penalty in its own unit, a default weight and a bilingual label."""

    key: str
    label: str
    weight: int
    post: Callable[[Vars], tuple[Expr, int]]
    measure: Callable[[Problem, Assignment, Mapping[int, Placement]], int]


def venue_units(v: VenueP, c: CohortP) -> int:
    """Penalty units of holding class ``c`` at ``v``: hundreds of yuan, plus 1 off an incubator."""
    return v.daily_cost * c.length // 100 + (0 if v.incubator else 1)


def _post_free_venue(vs: Vars) -> tuple[Expr, int]:
    """Soft: hold classes in free incubation bases first, then the cheapest rooms."""
    p = vs.scope.problem
    terms, ub = [], 0
    for c in vs.cohorts():
        units = {v: venue_units(p.venues[v], p.cohorts[c]) for v, _ in vs.venues_of(c)}
        terms += [units[v] * y for v, y in vs.venues_of(c)]
        ub += max(units.values(), default=0)
    return sum(terms), ub


def _measure_free_venue(p: Problem, a: Assignment, _: Mapping[int, Placement]) -> int:
    return sum(venue_units(p.venues[pl.venue], p.cohorts[c]) for c, pl in a.items())


def _post_less_travel(vs: Vars) -> tuple[Expr, int]:
    """Soft: trainers teach in their home district rather than travel."""
    p, m = vs.scope.problem, vs.model
    terms, ub = [], 0
    for c in vs.cohorts():
        length = p.cohorts[c].length
        venues = vs.venues_of(c)
        for t, x in vs.trainers_of(c):
            home = p.trainers[t].region
            away = [y for v, y in venues if p.venues[v].region != home]
            if not away:
                continue
            ub += length
            if len(away) == len(venues):
                terms.append(length * x)
                continue
            a = m.new_bool_var(f"tr{c}_{t}")
            m.add(a >= x + sum(away) - 1)
            terms.append(length * a)
    return sum(terms), ub


def _measure_less_travel(p: Problem, a: Assignment, _: Mapping[int, Placement]) -> int:
    total = 0
    for c, pl in a.items():
        region = p.venues[pl.venue].region
        total += sum(p.cohorts[c].length for t in pl.trainers if p.trainers[t].region != region)
    return total


def _post_fair_load(vs: Vars) -> tuple[Expr, int]:
    """Soft: the busiest trainer is as light as possible."""
    p, res = vs.scope.problem, vs.scope.res
    fixed = res.total_used
    top = p.n_days
    busiest = vs.model.new_int_var(min(max(fixed, default=0), top), top, "busiest")
    load: dict[int, list[Expr]] = {}
    for c in vs.cohorts():
        for t, x in vs.trainers_of(c):
            load.setdefault(t, []).append(p.cohorts[c].length * x)
    for t, terms in load.items():
        vs.model.add(busiest >= fixed[t] + sum(terms))
    return busiest, top


def _measure_fair_load(p: Problem, a: Assignment, _: Mapping[int, Placement]) -> int:
    load = [0] * len(p.trainers)
    for c, pl in a.items():
        for t in pl.trainers:
            load[t] += p.cohorts[c].length
    return max(load, default=0)


def _post_early(vs: Vars) -> tuple[Expr, int]:
    """Soft: classes start early in their windows (trainees wait less)."""
    p = vs.scope.problem
    terms, ub = [], 0
    for c in vs.cohorts():
        first = p.cohorts[c].starts[0]
        terms.append(vs.start(c) - first)
        ub += p.cohorts[c].starts[-1] - first
    return sum(terms), ub


def _measure_early(p: Problem, a: Assignment, _: Mapping[int, Placement]) -> int:
    return sum(pl.start - p.cohorts[c].starts[0] for c, pl in a.items())


DROP, MOVE = 3, 2


def _post_few_changes(vs: Vars) -> tuple[Expr, int]:
    """Soft: in re-planning, keep published classes on their days, venues and trainers."""
    m = vs.model
    terms: list[Expr] = []
    ub = 0
    for c in vs.scope.free:
        prev = vs.scope.previous.get(c)
        if prev is None:
            continue
        ub += DROP + MOVE + 1 + len(prev.trainers)
        if c not in vs.cands:
            terms.append(DROP)
            continue
        present = vs.present(c)
        terms.append(DROP * (1 - present))
        same = m.new_bool_var(f"same{c}")
        m.add(vs.start(c) == prev.start).only_enforce_if(same)
        m.add(same <= present)
        terms.append(MOVE * (present - same))
        y = vs.venue(c, prev.venue)
        terms.append(present - y if y is not None else present)
        for t in prev.trainers:
            x = vs.trainer(c, t)
            terms.append(present - x if x is not None else present)
    return sum(terms), ub


def _measure_few_changes(p: Problem, a: Assignment, prev: Mapping[int, Placement]) -> int:
    total = 0
    for c, old in prev.items():
        new = a.get(c)
        if new is None:
            total += DROP
            continue
        total += MOVE * (new.start != old.start) + (new.venue != old.venue)
        total += len(set(old.trainers) - set(new.trainers))
    return total


SOFT_RULES: tuple[SoftRule, ...] = (
    SoftRule("free_venue", "优先使用免费孵化基地 / free venues first", 1,
             _post_free_venue, _measure_free_venue),
    SoftRule("less_travel", "讲师少跨区出行 / less trainer travel", 2,
             _post_less_travel, _measure_less_travel),
    SoftRule("fair_load", "讲师负担均衡 / fair trainer load", 5,
             _post_fair_load, _measure_fair_load),
    SoftRule("early", "尽早开班 / earlier classes", 1, _post_early, _measure_early),
    SoftRule("few_changes", "尽量少改动已发布的班 / fewest changes to the published plan", 200,
             _post_few_changes, _measure_few_changes),
)  # fmt: skip


def weight_of(rule: SoftRule, weights: Mapping[str, int]) -> int:
    """The rule's weight, overridden by the scenario's ``weights`` when it names the key."""
    return weights.get(rule.key, rule.weight)


def breakdown(
    p: Problem, a: Assignment, prev: Mapping[int, Placement], weights: Mapping[str, int]
) -> list[dict[str, object]]:
    """Per soft goal: key, label, raw amount, weight and weighted penalty of a plan."""
    out: list[dict[str, object]] = []
    for rule in SOFT_RULES:
        amount = rule.measure(p, a, prev)
        w = weight_of(rule, weights)
        out.append({"key": rule.key, "label": rule.label, "amount": amount, "weight": w,
                    "penalty": amount * w})  # fmt: skip
    return out


def penalty(
    p: Problem, a: Assignment, prev: Mapping[int, Placement], weights: Mapping[str, int]
) -> int:
    """Total weighted soft penalty of a plan."""
    return sum(weight_of(r, weights) * r.measure(p, a, prev) for r in SOFT_RULES)
