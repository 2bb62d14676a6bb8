"""Split classes into independent parts: no shared candidate trainer, venue or fund."""

from __future__ import annotations

from trainsched.formats.scenario import Scenario
from trainsched.solver.problem import NO_FUND, Problem, build_problem
from trainsched.workcal import scenario_calendar


def components(problem: Problem, cohorts: list[int]) -> list[list[int]]:
    """Groups of classes linked by a shared candidate trainer, venue or fund, largest first."""
    parent = {c: c for c in cohorts}

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    owner: dict[tuple[str, int], int] = {}
    for ci in cohorts:
        c = problem.cohorts[ci]
        keys = [("t", t) for t in c.trainers] + [("v", v) for v in c.venues]
        keys += [("f", f) for f in set(c.funds) if f != NO_FUND]
        for key in keys:
            if key in owner:
                ra, rb = find(owner[key]), find(ci)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
            else:
                owner[key] = ci
    groups: dict[int, list[int]] = {}
    for ci in cohorts:
        groups.setdefault(find(ci), []).append(ci)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def independent_parts(scenario: Scenario) -> list[list[str]]:
    """Class ids grouped so that no two groups can use the same trainer, venue or fund.

    Largest group first; inside a group the scenario's order, so a part's plan reads like
    the whole one's. Each group can be solved on its own (e.g. as a job of its own).
    """
    problem = build_problem(scenario, scenario_calendar(scenario))
    groups = components(problem, list(range(len(problem.cohorts))))
    ids = [c.id for c in scenario.cohorts]
    return [[ids[i] for i in sorted(group)] for group in groups]
