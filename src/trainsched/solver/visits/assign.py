"""Stage 1: one mentor per request (continuity), by CP-SAT on monthly capacity."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from trainsched.solver.visits.daysched import pack
from trainsched.solver.visits.problem import VisitProblem, monday

CANDIDATES = 6  # nearest mentors offered per request; farther ones rarely pay off
VALUE_SCALE = 100_000  # one unit of served value outweighs any km saving
BASE_VISIT = 5_000  # a visit of a weight-0 group still beats leaving it out
SCALE = 10  # capacities in tenths of a visit


@dataclass(frozen=True)
class AssignWeights:
    """Soft-goal weights of the assignment, in km per unit."""

    fair_km_per_visit: int = 2
    fair_slack: float = 1.5  # load above this multiple of the fair share is penalised


def _month(day: int) -> int:
    d = dt.date.fromordinal(day)
    return d.year * 12 + d.month


def effective_want(prob: VisitProblem, r: int) -> int:
    """Visits a request can get at most in its window, by its gap alone."""
    req = prob.reqs[r]
    return min(req.want, pack(prob.window(r), req.gap, []))


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


def request_load(prob: VisitProblem, r: int, want: int) -> dict[int, int]:
    """Tenths of visits request ``r`` needs per month, spread over its window's working days."""
    days = prob.window(r)
    per: dict[int, int] = defaultdict(int)
    for d in days:
        per[_month(d)] += 1
    return {b: -(-want * SCALE * n // len(days)) for b, n in per.items()}


def _first_choice(prob: VisitProblem, r: int, prefer: Mapping[int, int]) -> int:
    """The previous plan's mentor when still a candidate, else the nearest."""
    if r in prefer and any(m == prefer[r] for m, _ in prob.cands[r]):
        return prefer[r]
    return prob.cands[r][0][0]


@dataclass
class _Loads:
    """Monthly capacity, fair targets and the load already fixed, per mentor."""

    caps: dict[int, dict[int, int]]
    target: dict[int, int]
    month: dict[tuple[int, int], int] = field(default_factory=lambda: defaultdict(int))
    total: dict[int, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, prob: VisitProblem, r: int, m: int, want: int) -> None:
        for b, n in request_load(prob, r, want).items():
            self.month[m, b] += n
        self.total[m] += want

    def over(self, m: int) -> bool:
        cap = self.caps[m]
        months = (n > cap.get(b, 0) for (mm, b), n in self.month.items() if mm == m)
        return any(months) or self.total[m] > self.target[m]


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
) -> dict[int, int]:
    """Map request index → mentor index for the requests (``only`` these) the model can serve.

    Requests whose first choice has room in every month and stays within its fair share
    keep it (the model could not do better for them); the rest go to CP-SAT.
    """
    want = [effective_want(prob, r) for r in range(len(prob.reqs))]
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
    if rest:
        fixed.update(_solve(prob, rest, want, loads, prefer, weights, time_limit_s, workers, seed))
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
) -> dict[int, int]:
    """CP-SAT over the contested requests, on what the fixed ones leave of each mentor."""
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    rows: dict[tuple[int, int], list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
    load: dict[int, list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
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
            for b, n in request_load(prob, r, want[r]).items():
                rows[m, b].append((v, n))
        model.add_at_most_one(mine)
    for (m, b), terms in rows.items():
        room = max(0, loads.caps[m].get(b, 0) - loads.month.get((m, b), 0))
        model.add(
            cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [n for _, n in terms]) <= room
        )
    for m, items in load.items():
        # Load above the fair share costs a little: a tie-breaker after km, by design.
        target = max(0, loads.target[m] - loads.total.get(m, 0))
        excess = model.new_int_var(0, sum(n for _, n in items), f"excess{m}")
        total = cp_model.LinearExpr.weighted_sum([v for v, _ in items], [n for _, n in items])
        model.add(excess >= total - target)
        gain.append((excess, -weights.fair_km_per_visit))
    model.maximize(cp_model.LinearExpr.weighted_sum([v for v, _ in gain], [g for _, g in gain]))
    hint = _hint(model, prob, x, rows, loads)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit_s)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return dict(hint)
    return {r: m for (r, m), v in x.items() if solver.boolean_value(v)}


def _hint(
    model: cp_model.CpModel,
    prob: VisitProblem,
    x: Mapping[tuple[int, int], cp_model.IntVar],
    rows: Mapping[tuple[int, int], list[tuple[cp_model.IntVar, int]]],
    loads: _Loads,
) -> set[tuple[int, int]]:
    """Nearest mentor with monthly room left, as a start for the search (and a fallback)."""
    used: dict[tuple[int, int], int] = defaultdict(int, loads.month)
    per_var: dict[int, list[tuple[tuple[int, int], int]]] = defaultdict(list)
    for key, terms in rows.items():
        for v, n in terms:
            per_var[v.index].append((key, n))
    chosen: set[tuple[int, int]] = set()
    by_req: dict[int, list[int]] = defaultdict(list)
    for r, m in x:
        by_req[r].append(m)
    for r in sorted(by_req, key=lambda r: -prob.reqs[r].weight):
        for m in by_req[r]:
            need = per_var[x[r, m].index]
            if all(used[k] + n <= loads.caps[k[0]].get(k[1], 0) for k, n in need):
                for k, n in need:
                    used[k] += n
                chosen.add((r, m))
                break
    for key, v in x.items():
        model.add_hint(v, key in chosen)
    return chosen
