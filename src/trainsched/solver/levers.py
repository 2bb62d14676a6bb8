"""What would it take: for each class a plan leaves out, the smallest changes that place it.

Each kind of lever is searched around the plan as it is (every class it holds stays where it
is): one more trainer, more money in a fund, one more room, a wider window, or — only when
none of those works — dropping a class worth less. Every lever found is then applied and
proven by :func:`trainsched.solver.lever_apply.applied_plan` (solved again, checked) before it
is offered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from trainsched.formats import Message, Plan, Scenario
from trainsched.solver.changes import Change, CohortWithdrawn, FundChanged
from trainsched.solver.greedy import first_fit, venue_order
from trainsched.solver.lever_apply import applied_plan, residual_around
from trainsched.solver.lever_changes import LeverSpot, new_trainers, new_venue, wider_window
from trainsched.solver.lever_contest import contested, rivals
from trainsched.solver.lever_text import lever_message
from trainsched.solver.options import StopFlag
from trainsched.solver.problem import NO_FUND, CohortP, Problem, build_problem
from trainsched.solver.residual import Placement, Residual
from trainsched.solver.result import placements_of
from trainsched.workcal import scenario_calendar

LeverKind = Literal["trainer", "fund", "venue", "window", "several", "drop"]
LEVER_KINDS: tuple[LeverKind, ...] = ("trainer", "fund", "venue", "window", "several", "drop")
DROP_CANDIDATES = 20  # classes worth less tried for a "drop" lever, cheapest first
# A window widened by more than about a month is a different class, not a small change.
MAX_WIDENING_DAYS = 20


@dataclass(frozen=True)
class Lever:
    """One verified way to place a left-out class: the changes, what they place and gain."""

    cohort: str
    kind: LeverKind
    changes: tuple[Change, ...]
    places: tuple[str, ...]
    value_gain: int
    message: Message
    plan: Plan  # the checked plan with the changes applied


@dataclass
class _Search:
    scenario: Scenario
    plan: Plan
    problem: Problem
    a: dict[int, Placement]
    res: Residual
    wide: Problem  # the left-out classes may run anywhere in the horizon: window levers
    wide_res: Residual
    left_out: list[CohortP]


def _trainers_for(res: Residual, c: CohortP, start: int, region: str) -> int:
    """How many of the class's trainers could teach it at a room of ``region`` from ``start``."""
    if any(not res.trainer_can(c, t, start, region) for t in c.pinned_trainers):
        return -1
    return sum(1 for t in c.trainers if res.trainer_can(c, t, start, region))


def _free_rooms(res: Residual, c: CohortP, start: int) -> Iterator[int]:
    return (v for v in venue_order(res.problem, c) if res.venue_free(v, start, c.length))


@dataclass(frozen=True)
class _Spot:
    """One start and district for a class, and what it lacks there."""

    start: int
    region: str
    new_room: bool  # no free room of the district seats it
    missing: int  # trainers short
    fund: int  # fund charged (or NO_FUND)
    need: int  # yuan short in that fund

    @property
    def size(self) -> tuple[int, int, int, int]:
        """How big a change it takes: kinds of change first, then trainers, room, money."""
        kinds = (self.missing > 0) + self.new_room + (self.need > 0)
        return (kinds, self.missing, self.new_room, self.need)


def _spots(s: _Search, c: CohortP) -> Iterator[_Spot]:
    """Every start and district of the class's window, with what each lacks."""
    # Its own district first, then the others, in a fixed order: the same plan always gets
    # the same levers.
    rooms = sorted({s.problem.venues[v].region for v in c.venues})
    home = [c.region] if c.region in c.venue_regions else []
    regions = list(dict.fromkeys([*home, *c.venue_regions, *rooms]))
    for start in c.starts:
        f = c.fund_at(start)
        need = 0 if f == NO_FUND else max(0, c.cost - s.res.fund_left(f))
        free = {s.problem.venues[v].region for v in _free_rooms(s.res, c, start)}
        for region in regions:
            if region not in free and c.pinned:
                continue  # a pinned class keeps its room: a new one would not help
            have = _trainers_for(s.res, c, start, region)
            if have >= 0:
                yield _Spot(start, region, region not in free, c.required - have, f, need)


def _changes(s: _Search, c: CohortP, spot: _Spot) -> list[Change]:
    """The changes that make a spot work: trainers, a room, money (in that order)."""
    days = s.problem.block_dates(spot.start, c.length)
    where = LeverSpot(c.id, c.qual, spot.region, days[0], days[-1], c.size, spot.missing)
    out = new_trainers(s.scenario, where) if spot.missing > 0 else []
    if spot.new_room:
        out.append(new_venue(s.scenario, where))
    if spot.need > 0:
        fund = s.problem.funds[spot.fund]
        out.append(FundChanged(fund.id, fund.amount + spot.need))
    return out


SINGLE: dict[LeverKind, tuple[bool, bool, bool]] = {
    # kind: trainers short, room missing, money short
    "trainer": (True, False, False),
    "venue": (False, True, False),
    "fund": (False, False, True),
}


def _kind_of(spot: _Spot) -> tuple[bool, bool, bool]:
    return (spot.missing > 0, spot.new_room, spot.need > 0)


def _window_spot(s: _Search, c: CohortP) -> tuple[dt.date, dt.date] | None:
    """The placement just outside the class's window that widens it by the fewest working days."""
    wide, res = s.wide, s.wide_res
    w = wide.cohorts[c.index]
    inside = {s.problem.days[i] for i in c.starts}
    outside = [st for st in w.starts if wide.days[st] not in inside]
    first, last = c.window

    def widening(st: int) -> int:
        days = wide.block_dates(st, w.length)
        return sum(1 for d in wide.days if days[0] <= d < first or last < d <= days[-1])

    for st in sorted(outside, key=widening):
        if widening(st) > MAX_WIDENING_DAYS:
            break
        if first_fit(res, w, res.total_used, [st]) is not None:
            days = wide.block_dates(st, w.length)
            return min(days[0], first), max(days[-1], last)
    return None


def _drop_candidates(s: _Search, c: CohortP) -> list[int]:
    """Placed classes worth less that use the class's fund, trainers or rooms; cheapest first."""
    trainers, venues, funds = set(c.trainers), set(c.venues), set(c.funds) - {NO_FUND}
    out = []
    for d, pl in s.a.items():
        dc = s.problem.cohorts[d]
        shares = pl.venue in venues or trainers & set(pl.trainers) or dc.fund_at(pl.start) in funds
        if dc.value < c.value and shares:
            out.append(d)
    return sorted(out, key=lambda d: (s.problem.cohorts[d].value, d))[:DROP_CANDIDATES]


def _least_contested(others: list[CohortP], c: CohortP, spots: list[_Spot]) -> _Spot | None:
    """The first of the smallest spots whose new trainers or room no class worth more could
    take (the first smallest when every one could)."""
    smallest = [p for p in spots if p.size == spots[0].size] if spots else []
    for p in smallest:
        if not contested(others, c, p.start, p.region, p.missing > 0, p.new_room):
            return p
    return smallest[0] if smallest else None


def _proposals(s: _Search, c: CohortP) -> Iterator[tuple[LeverKind, list[Change]]]:
    """The smallest change of each single kind; several kinds together only when none works."""
    spots = sorted(_spots(s, c), key=lambda p: (p.size, p.start))
    others = rivals(s.left_out, c)
    singles = 0
    for kind, shape in SINGLE.items():
        best = _least_contested(others, c, [p for p in spots if _kind_of(p) == shape])
        if best is not None:
            singles += 1
            yield kind, _changes(s, c, best)
    window = _window_spot(s, c)
    if window is not None:
        singles += 1
        yield "window", [wider_window(c.id, *window)]
    several = _least_contested(others, c, [p for p in spots if p.size[0] > 1])
    if not singles and several is not None:
        yield "several", _changes(s, c, several)


def _drops(s: _Search, c: CohortP) -> Iterator[list[Change]]:
    for d in _drop_candidates(s, c):
        res = residual_around(
            s.problem, s.scenario, s.plan, {k: v for k, v in s.a.items() if k != d}
        )
        if first_fit(res, c, res.total_used) is not None:
            yield [CohortWithdrawn(s.problem.cohorts[d].id)]


def _lever(s: _Search, c: CohortP, kind: LeverKind, changes: Sequence[Change]) -> Lever | None:
    ids = s.problem.cohort_by_id()
    gone = [ch.cohort_id for ch in changes if isinstance(ch, CohortWithdrawn)]
    dropped = sum(s.problem.cohorts[ids[i]].value for i in gone)
    applied = applied_plan(s.scenario, s.plan, c.id, changes, dropped)
    if applied is None:
        return None
    _, new_plan = applied
    gain = new_plan.objective - s.plan.objective
    message = lever_message(s.scenario, changes)
    return Lever(c.id, kind, tuple(changes), (c.id,), gain, message, new_plan)


def _cohort_levers(s: _Search, c: CohortP) -> list[Lever]:
    """Every verified lever for one left-out class.

    When no single kind of change places it, the smallest mix of them and the cheapest class
    worth less whose dropping would free its place.
    """
    found = [
        lever
        for kind, changes in _proposals(s, c)
        if (lever := _lever(s, c, kind, changes)) is not None
    ]
    if any(lever.kind != "several" for lever in found):
        return found
    for changes in _drops(s, c):
        lever = _lever(s, c, "drop", changes)
        if lever is not None:
            return [*found, lever]
    return found


def find_levers(
    scenario: Scenario,
    plan: Plan,
    *,
    cohorts: Sequence[str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    stop: StopFlag | None = None,
) -> list[Lever]:
    """Verified levers for the classes ``plan`` leaves out (or only ``cohorts`` of them).

    ``on_progress(done, total)`` is told after each class; ``stop`` ends the search early with
    the levers found so far.
    """
    cal = scenario_calendar(scenario)
    problem = build_problem(scenario, cal)
    a = placements_of(problem, plan)
    ids = problem.cohort_by_id()
    wanted = [c.id for c in problem.cohorts if c.index not in a] if cohorts is None else cohorts
    todo = [problem.cohorts[ids[i]] for i in wanted if i in ids and ids[i] not in a]
    todo = [c for c in todo if c.pin_problem is None]
    res = residual_around(problem, scenario, plan, a)
    wide = build_problem(wider_windows(scenario, [c.id for c in todo]), cal)
    wide_res = residual_around(wide, scenario, plan, a)
    # Every class left out is a rival for new trainers and rooms, not only those asked about.
    left_out = [c for c in problem.cohorts if c.index not in a and c.starts]
    search = _Search(scenario, plan, problem, a, res, wide, wide_res, left_out)
    out: list[Lever] = []
    for done, c in enumerate(todo, start=1):
        if stop is not None and stop.is_set():
            break
        out.extend(_cohort_levers(search, c))
        if on_progress is not None:
            on_progress(done, len(todo))
    return out


def wider_windows(scenario: Scenario, cohort_ids: Sequence[str]) -> Scenario:
    """The scenario with these classes' windows opened to the whole horizon."""
    wanted = set(cohort_ids)
    h = scenario.horizon
    window = {"earliest": h.start, "latest_end": h.end}
    cs = [c.model_copy(update=window) if c.id in wanted else c for c in scenario.cohorts]
    return scenario.model_copy(update={"cohorts": cs})
