"""Levers for every class a plan leaves out: time to find them all, and how many of them
placed their class when posted alone to the public re-plan (``replan_changes``).

    python benchmarks/bench_levers.py                      # demo city and generated city
    python benchmarks/bench_levers.py --scales demo --solve-s 10 --replan-sample 0

The plan is solved first (``--solve-s``, 2 CP-SAT workers, seed 1); the levers are then found
on it as the ``levers`` job does. ``--replan-sample N`` re-plans N levers (all when 0 or
fewer than N) with a 2 s limit each and counts those whose class is in the new plan.
"""

from __future__ import annotations

import argparse
import os
import time

from trainsched.formats import Scenario, load_scenario
from trainsched.generate import generate_scenario
from trainsched.resources import fixture_path
from trainsched.solver import SolveOptions, find_levers, replan_changes, solve


def scenario_of(scale: str) -> Scenario:
    if scale == "demo":
        return load_scenario(fixture_path("demo-city.json"))
    return generate_scenario("city", 1)


def run(scale: str, solve_s: float, sample: int) -> None:
    s = scenario_of(scale)
    plan = solve(s, SolveOptions(time_limit_s=solve_s, workers=2, seed=1)).plan
    left_out = len(plan.unscheduled_cohorts)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    levers = find_levers(s, plan)
    took = time.perf_counter() - started
    covered = len({lv.cohort for lv in levers})
    kinds: dict[str, int] = {}
    for lv in levers:
        kinds[lv.kind] = kinds.get(lv.kind, 0) + 1
    print(f"{scale}: {len(s.cohorts)} classes, {left_out} left out by a {solve_s:g} s solve")
    print(f"  levers found in {took:.1f} s (load {load:.1f}): {len(levers)} levers for "
          f"{covered}/{left_out} classes; kinds {kinds}")  # fmt: skip
    picked = levers if sample <= 0 or sample >= len(levers) else levers[:: len(levers) // sample]
    placed = 0
    started = time.perf_counter()
    for lv in picked:
        result = replan_changes(s, plan, lv.changes, SolveOptions(time_limit_s=2, workers=2))
        placed += lv.cohort in {c.id for c in result.result.plan.cohorts}
    if picked:
        took = time.perf_counter() - started
        load = os.getloadavg()[0]
        share = f"{placed}/{len(picked)}"
        print(f"  re-planned alone: {share} placed their class ({took:.0f} s, load {load:.1f})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", nargs="*", default=["demo", "city"])
    ap.add_argument("--solve-s", type=float, default=20)
    ap.add_argument("--replan-sample", type=int, default=20)
    args = ap.parse_args()
    for scale in args.scales:
        run(scale, args.solve_s, args.replan_sample)


if __name__ == "__main__":
    main()
