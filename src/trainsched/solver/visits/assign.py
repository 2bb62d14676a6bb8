"""Stage 1: one mentor per request (continuity), by CP-SAT on capacity per month range."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from trainsched.solver.cpsat import cpsat_solver
from trainsched.solver.options import StopFlag
from trainsched.solver.visits.daysched import most_visits
from trainsched.solver.visits.problem import VisitProblem, monday
from trainsched.solver.visits.stall import run_with_stall

CANDIDATES = 6  # nearest mentors offered per request; farther ones rarely pay off
VALUE_SCALE = 100_000  # one unit of served value outweighs any km saving
BASE_VISIT = 5_000  # a visit of a weight-0 group still beats leaving it out
SCALE = 10  # capacities in tenths of a visit
STALL_SHARE = 0.1  # stop when the best assignment has not improved for this share of the budget
RANGE_MONTHS = 4  # capacity rows cover month ranges up to this long (windows are shorter)


@dataclass(frozen=True)
class AssignWeights:
    """Soft-goal weights of the assignment, in km per unit."""

    fair_km_per_visit: int = 2
    fair_slack: float = 1.5  # load above this multiple of the fair share is penalised


def _month(day: int) -> int:
    d = dt.date.fromordinal(day)
    return d.year * 12 + d.month


def mentor_capacity(prob: VisitProblem, m: int) -> dict[int, int]:
    """Tenths of visits mentor ``m`` can make per month (weekly caps spread by free days)."""
    mt = prob.mentors[m]
    weeks: dict[int, list[int]] = defaultdict(list)
    for d in mt.free:
        weeks[monday(d)].append(d)
    cap: dict[int, int] = defaultdict(int)
    for days in weeks.values():
        week_cap = min(mt.per_week, mt.per_day * len(days))
        for d in days:
            cap[_month(d)] += week_cap * SCALE // len(days)
    return cap


def span(prob: VisitProblem, r: int) -> tuple[int, int]:
    """First and last month of request ``r``'s window."""
    req = prob.reqs[r]
    return _month(req.lo), _month(req.hi)


def _first_choice(prob: VisitProblem, r: int, prefer: Mapping[int, int]) -> int:
    """The previous plan's mentor when still a candidate, else the nearest."""
    if r in prefer and any(m == prefer[r] for m, _ in prob.cands[r]):
        return prefer[r]
    return prob.cands[r][0][0]


def _ranges(spans: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Month ranges worth a capacity row: from a window's start to a window's end."""
    spans = set(spans)
    starts, ends = {a for a, _ in spans}, {b for _, b in spans}
    return {(a, b) for a in starts for b in ends if 0 <= b - a < RANGE_MONTHS}


@dataclass
class _Loads:
    """Monthly capacity, fair targets and the load already fixed, per mentor."""

    caps: dict[int, dict[int, int]]  # tenths of visits per month
    target: dict[int, int]
    spans: dict[int, dict[tuple[int, int], int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    total: dict[int, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, prob: VisitProblem, r: int, m: int, want: int) -> None:
        self.spans[m][span(prob, r)] += want
        self.total[m] += want

    def room(self, m: int, first: int, last: int) -> int:
        """Visits ``m`` can still make in months ``first``..``last`` beyond the fixed load."""
        cap = sum(n for b, n in self.caps[m].items() if first <= b <= last) // SCALE
        used = sum(n for (a, b), n in self.spans[m].items() if first <= a and b <= last)
        return cap - used

    def over(self, m: int) -> bool:
        rows = _ranges(self.spans[m])
        return any(self.room(m, a, b) < 0 for a, b in rows) or self.total[m] > self.target[m]


def _loads(
    prob: VisitProblem, reqs: Sequence[int], want: Sequence[int], w: AssignWeights
) -> _Loads:
    mentors = {m for r in reqs for m, _ in prob.cands[r]}
    caps = {m: mentor_capacity(prob, m) for m in mentors}
    total_cap = sum(sum(c.values()) for c in caps.values()) or 1
    demand = sum(want[r] for r in reqs)
    target = {
        m: int(w.fair_slack * demand * sum(c.values()) / total_cap) + 1 for m, c in caps.items()
    }
    return _Loads(caps, target)


def assign(
    prob: VisitProblem,
    time_limit_s: float,
    workers: int,
    seed: int,
    prefer: Mapping[int, int],
    weights: AssignWeights = AssignWeights(),
    only: Sequence[int] | None = None,
    stop: StopFlag | None = None,
) -> dict[int, int]:
    """Map request index → mentor index for the requests (``only`` these) the model can serve.

    Requests whose first choice has room in every month and stays within its fair share
    keep it (the model could not do better for them); the rest go to CP-SAT.
    """
    want = [most_visits(prob, r) for r in range(len(prob.reqs))]
    todo = range(len(prob.reqs)) if only is None else only
    reqs = [r for r in todo if want[r] > 0 and prob.cands[r]]
    first = {r: _first_choice(prob, r, prefer) for r in reqs}
    probe = _loads(prob, reqs, want, weights)
    for r in reqs:
        probe.add(prob, r, first[r], want[r])
    contested = {m for m in set(first.values()) if probe.over(m)}
    fixed = {r: first[r] for r in reqs if first[r] not in contested}
    loads = _loads(prob, reqs, want, weights)
    for r, m in fixed.items():
        loads.add(prob, r, m, want[r])
    rest = [r for r in reqs if r not in fixed]
    if rest and time_limit_s > 0:
        chosen = _solve(prob, rest, want, loads, prefer, weights, time_limit_s, workers, seed, stop)
        fixed.update(chosen)
    else:
        fixed.update({r: first[r] for r in rest})
    return fixed


def _solve(
    prob: VisitProblem,
    reqs: Sequence[int],
    want: Sequence[int],
    loads: _Loads,
    prefer: Mapping[int, int],
    weights: AssignWeights,
    time_limit_s: float,
    workers: int,
    seed: int,
    stop: StopFlag | None,
) -> dict[int, int]:
    """CP-SAT over the contested requests, on what the fixed ones leave of each mentor."""
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    load: dict[int, list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
    terms: dict[int, list[tuple[cp_model.IntVar, int, tuple[int, int]]]] = defaultdict(list)
    gain: list[tuple[cp_model.IntVar, int]] = []
    for r in reqs:
        cands = list(prob.cands[r][:CANDIDATES])
        if r in prefer and all(m != prefer[r] for m, _ in cands):
            cands += [c for c in prob.cands[r] if c[0] == prefer[r]]
        mine = []
        for m, km in cands:
            v = model.new_bool_var(f"a{r}_{m}")
            x[r, m] = v
            mine.append(v)
            keep = BASE_VISIT * want[r] if prefer.get(r) == m else 0
            per_visit = VALUE_SCALE * prob.reqs[r].weight + BASE_VISIT - round(2 * km)
            gain.append((v, per_visit * want[r] + keep))
            load[m].append((v, want[r]))
            terms[m].append((v, want[r], span(prob, r)))
        model.add(sum(mine) <= 1)  # linear, so the LP relaxation sees it
    for m, rows in terms.items():
        _capacity_rows(model, m, rows, loads)
    for m, items in load.items():
        # Load above the fair share costs a little: a tie-breaker after km, by design.
        target = max(0, loads.target[m] - loads.total.get(m, 0))
        excess = model.new_int_var(0, sum(n for _, n in items), f"excess{m}")
        total = cp_model.LinearExpr.weighted_sum([v for v, _ in items], [n for _, n in items])
        model.add(excess >= total - target)
        gain.append((excess, -weights.fair_km_per_visit))
    model.maximize(cp_model.LinearExpr.weighted_sum([v for v, _ in gain], [g for _, g in gain]))
    hint = _hint(model, prob, x, want)
    solver = cpsat_solver(workers, seed, time_limit_s, least_s=0.1)
    status = run_with_stall(solver, model, max(1.0, STALL_SHARE * time_limit_s), stop)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return dict(hint)
    return {r: m for (r, m), v in x.items() if solver.boolean_value(v)}


def _capacity_rows(
    model: cp_model.CpModel,
    m: int,
    items: Sequence[tuple[cp_model.IntVar, int, tuple[int, int]]],
    loads: _Loads,
) -> None:
    """Requests whose windows lie in a month range fit in what ``m`` has left there."""
    for first, last in _ranges([sp for _, _, sp in items] + list(loads.spans[m])):
        inside = [(v, n) for v, n, (a, b) in items if first <= a and b <= last]
        if inside:
            expr = cp_model.LinearExpr.weighted_sum([v for v, _ in inside], [n for _, n in inside])
            model.add(expr <= max(0, loads.room(m, first, last)))


def _hint(
    model: cp_model.CpModel,
    prob: VisitProblem,
    x: Mapping[tuple[int, int], cp_model.IntVar],
    want: Sequence[int],
) -> set[tuple[int, int]]:
    """Nearest mentor for every request as a start for the search (and the fallback)."""
    chosen: set[tuple[int, int]] = set()
    for r, m in x:
        if not any(key[0] == r for key in chosen):
            chosen.add((r, m))
    for key, v in x.items():
        model.add_hint(v, key in chosen)
    return chosen
