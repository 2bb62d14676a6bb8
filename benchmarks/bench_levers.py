"""Levers for every class a plan leaves out: time to find them all, and how many of them
placed their class when posted alone to the public re-plan (``replan_changes``); with
``--money``, the plan's money curves and trainer ranking instead (the ``money`` job's work).

    python benchmarks/bench_levers.py                      # demo city and generated city
    python benchmarks/bench_levers.py --scales demo --solve-s 10 --replan-sample 0
    python benchmarks/bench_levers.py --money --scales city --point-s 2

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
from trainsched.solver import (
    SolveOptions,
    find_levers,
    key_groups,
    money_curves,
    per_10k_message,
    replan_changes,
    solve,
    trainer_values,
)


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


def money(scale: str, solve_s: float, point_s: float) -> None:
    s = scenario_of(scale)
    plan = solve(s, SolveOptions(time_limit_s=solve_s, workers=2, seed=1)).plan
    options = SolveOptions(time_limit_s=point_s, workers=2)
    started, load = time.perf_counter(), os.getloadavg()[0]
    curves = money_curves(s, plan, options)
    took = time.perf_counter() - started
    points = sum(len(c.points) - 1 for c in curves)
    print(f"{scale}: {len(s.funds)} funds, {len(curves)} curves, {points} re-plans in "
          f"{took:.0f} s (load {load:.1f} → {os.getloadavg()[0]:.1f})")  # fmt: skip
    for p in curves[0].points:
        people = sum(p.trainees.values())
        print(f"  {p.step:+.0%}: {p.amount:,} yuan, value {p.value}, {people} trainees")
    print(" ", per_10k_message(*curves[0].per_10k(key_groups(s))).zh)
    started = time.perf_counter()
    ranked = trainer_values(s, plan, options)
    took = time.perf_counter() - started
    best = [(t.qualification, t.region, t.value_gain) for t in ranked[:3]]
    print(f"  trainer ranking: {len(ranked)} re-plans in {took:.0f} s; best {best}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", nargs="*", default=["demo", "city"])
    ap.add_argument("--solve-s", type=float, default=20)
    ap.add_argument("--replan-sample", type=int, default=20)
    ap.add_argument("--money", action="store_true", help="money curves and trainer ranking")
    ap.add_argument("--point-s", type=float, default=2, help="search per money-curve point")
    args = ap.parse_args()
    for scale in args.scales:
        if args.money:
            money(scale, args.solve_s, args.point_s)
        else:
            run(scale, args.solve_s, args.replan_sample)


if __name__ == "__main__":
    main()
