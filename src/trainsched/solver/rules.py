"""The hard rules of the cohort model, one function each, in one ordered list."""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from trainsched.solver.problem import NO_FUND
from trainsched.solver.variables import Vars

HardRule = Callable[[Vars], None]


def one_block_in_window(vs: Vars) -> None:
    """Hard: a class runs on `days` consecutive working days inside its window and span."""
    # The start variable's domain is exactly the blocks that fit window, span and pins;
    # nothing more to post, the rule is listed so the model reads like the spec.
    for c in vs.cohorts():
        vs.start_in(c, vs.cands[c].starts, vs.present(c))


def one_venue(vs: Vars) -> None:
    """Hard: a scheduled class has exactly one venue in its districts that seats everyone."""
    for c in vs.cohorts():
        vs.model.add(sum(y for _, y in vs.venues_of(c)) == vs.present(c))


def venue_open(vs: Vars) -> None:
    """Hard: the venue is open and not already booked on every day of the class."""
    for c in vs.cohorts():
        for v, y in vs.venues_of(c):
            vs.start_in(c, vs.cands[c].venue_starts[v], y)


def venue_one_class_a_day(vs: Vars) -> None:
    """Hard: a venue hosts at most one class a day."""
    for ivs in vs.venue_intervals().values():
        if len(ivs) > 1:
            vs.model.add_no_overlap(ivs)


def trainer_count(vs: Vars) -> None:
    """Hard: a scheduled class has exactly the number of distinct qualified trainers it needs."""
    problem = vs.scope.problem
    for c in vs.cohorts():
        need = problem.cohorts[c].required
        vs.model.add(sum(x for _, x in vs.trainers_of(c)) == need * vs.present(c))


def trainer_available(vs: Vars) -> None:
    """Hard: a trainer is available, unbooked and within day caps on every day of the class."""
    for c in vs.cohorts():
        for t, x in vs.trainers_of(c):
            vs.start_in(c, vs.cands[c].trainer_starts[t], x)


def trainer_serves_venue_region(vs: Vars) -> None:
    """Hard: a trainer only teaches at venues in the districts they serve."""
    problem = vs.scope.problem
    for c in vs.cohorts():
        venues = vs.venues_of(c)
        for t, x in vs.trainers_of(c):
            serves = problem.trainers[t].serves
            ok = [y for v, y in venues if problem.venues[v].region in serves]
            if len(ok) < len(venues):
                vs.model.add(sum(ok) >= x)


def institution_people_and_rooms(vs: Vars) -> None:
    """Hard: an institution's class uses its own or shared trainers, its own or public rooms."""
    # Rule 7 is kept when the problem is built: the trainers and venues a class may take
    # (``trainers_of``, ``venues_of``) are already only those; nothing more to post.


def trainer_one_class_a_day(vs: Vars) -> None:
    """Hard: a trainer teaches at most one class a day."""
    for ivs in vs.trainer_intervals().values():
        if len(ivs) > 1:
            vs.model.add_no_overlap(ivs)


def _month_days_var(
    vs: Vars, c: int, m: int, cache: dict[tuple[int, int], cp_model.IntVar]
) -> cp_model.IntVar:
    if (c, m) not in cache:
        length = vs.scope.problem.cohorts[c].length
        d = vs.model.new_int_var(0, length, f"md{c}_{m}")
        vs.model.add_element(vs.start(c), vs.scope.problem.month_table(length, m), d)
        cache[c, m] = d
    return cache[c, m]


def _most_per_month(vs: Vars, c: int, t: int) -> dict[int, int]:
    """Per month, the most days class ``c`` can put there on any start trainer ``t`` allows."""
    problem = vs.scope.problem
    length = problem.cohorts[c].length
    most: dict[int, int] = {}
    for s in vs.cands[c].trainer_starts[t]:
        for m, k in problem.month_days(s, length).items():
            if k > most.get(m, 0):
                most[m] = k
    return most


def trainer_month_cap(vs: Vars) -> None:
    """Hard: a trainer teaches no more than their monthly day cap in any calendar month."""
    problem, res = vs.scope.problem, vs.scope.res
    cache: dict[tuple[int, int], cp_model.IntVar] = {}
    by_trainer: dict[int, list[int]] = {}
    for c in vs.cohorts():
        for t, _ in vs.trainers_of(c):
            if problem.trainers[t].month_cap is not None:
                by_trainer.setdefault(t, []).append(c)
    for t, cs in sorted(by_trainer.items()):
        touching: dict[int, list[tuple[int, int]]] = {}  # month -> (class, most days there)
        for c in cs:
            for m, k in _most_per_month(vs, c, t).items():
                touching.setdefault(m, []).append((c, k))
        for m, loads in sorted(touching.items()):
            if sum(k for _, k in loads) <= res.month_left(t, m):
                continue  # the cap cannot bind in this month: no variables needed
            terms = []
            for c, k in loads:
                x = vs.trainer(c, t)
                assert x is not None
                length = problem.cohorts[c].length
                z = vs.model.new_int_var(0, k, f"mz{c}_{t}_{m}")
                vs.model.add(z >= _month_days_var(vs, c, m, cache) - length * (1 - x))
                terms.append(z)
            vs.model.add(sum(terms) <= res.month_left(t, m))


def trainer_total_cap(vs: Vars) -> None:
    """Hard: a trainer teaches no more than their total day cap over the horizon."""
    problem, res = vs.scope.problem, vs.scope.res
    for t, tr in enumerate(problem.trainers):
        if tr.total_cap is None:
            continue
        terms = [(problem.cohorts[c].length, vs.trainer(c, t)) for c in vs.cohorts()]
        used = [k * x for k, x in terms if x is not None]
        if sum(k for k, x in terms if x is not None) > res.total_left(t):
            vs.model.add(sum(used) <= res.total_left(t))


def pins_kept(vs: Vars) -> None:
    """Hard: pinned days, venue and trainers of a published class are kept."""
    # Pinned days and venue already narrowed the candidates; trainers are posted here.
    for c in vs.cohorts():
        cohort = vs.scope.problem.cohorts[c]
        for t in cohort.pinned_trainers:
            x = vs.trainer(c, t)
            assert x is not None
            vs.model.add(x == vs.present(c))
        if c in vs.scope.must:
            vs.model.add(vs.present(c) == 1)


def fund_not_overspent(vs: Vars) -> None:
    """Hard: the classes charged to a fund cost no more than what is left in it."""
    problem, res = vs.scope.problem, vs.scope.res
    spend: dict[int, list[cp_model.LinearExprT]] = {}
    for c in vs.cohorts():
        cohort = problem.cohorts[c]
        starts = vs.cands[c].starts
        by_fund: dict[int, list[int]] = {}
        for s in starts:
            by_fund.setdefault(cohort.fund_at(s), []).append(s)
        if len(by_fund) == 1:
            (f,) = by_fund
            if f != NO_FUND and cohort.cost:
                spend.setdefault(f, []).append(cohort.cost * vs.present(c))
            continue
        picks = []
        for f, ss in by_fund.items():
            g = vs.model.new_bool_var(f"g{c}_{f}")
            vs.start_in(c, ss, g)
            picks.append(g)
            if f != NO_FUND and cohort.cost:
                spend.setdefault(f, []).append(cohort.cost * g)
        vs.model.add(sum(picks) == vs.present(c))
    for f, terms in spend.items():
        vs.model.add(sum(terms) <= res.fund_left(f))


HARD_RULES: tuple[HardRule, ...] = (
    one_block_in_window,
    one_venue,
    venue_open,
    venue_one_class_a_day,
    trainer_count,
    trainer_available,
    trainer_serves_venue_region,
    institution_people_and_rooms,
    trainer_one_class_a_day,
    trainer_month_cap,
    trainer_total_cap,
    pins_kept,
    fund_not_overspent,
)
