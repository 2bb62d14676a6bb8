"""Money curves of a plan: time for the whole budget and every fund at 5 amounts each.

    python benchmarks/bench_money.py --scale city --solve-s 20 --point-s 2

Solves the plan first (2 CP-SAT workers, seed 1), then runs ``money_curves`` as the ``money``
job does (each point a re-plan with ``--point-s`` seconds, one after another).
"""

from __future__ import annotations

import argparse
import os
import time

from trainsched.formats import Scenario, load_scenario
from trainsched.generate import generate_scenario
from trainsched.resources import fixture_path
from trainsched.solver import SolveOptions, key_groups, money_curves, per_10k_message, solve


def scenario_of(scale: str) -> Scenario:
    if scale == "demo":
        return load_scenario(fixture_path("demo-city.json"))
    return generate_scenario("city", 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="city", choices=["demo", "city"])
    ap.add_argument("--solve-s", type=float, default=20)
    ap.add_argument("--point-s", type=float, default=2)
    args = ap.parse_args()
    s = scenario_of(args.scale)
    plan = solve(s, SolveOptions(time_limit_s=args.solve_s, workers=2, seed=1)).plan
    started, load = time.perf_counter(), os.getloadavg()[0]
    curves = money_curves(s, plan, SolveOptions(time_limit_s=args.point_s, workers=2))
    took = time.perf_counter() - started
    points = sum(len(c.points) - 1 for c in curves)
    print(f"{args.scale}: {len(s.funds)} funds, {len(curves)} curves, {points} re-plans in "
          f"{took:.0f} s (load {load:.1f} → {os.getloadavg()[0]:.1f})")  # fmt: skip
    whole = curves[0]
    for p in whole.points:
        print(
            f"  {p.step:+.0%}: {p.amount:,} yuan, value {p.value}, "
            f"{sum(p.trainees.values())} trainees"
        )
    print(" ", per_10k_message(*whole.per_10k(key_groups(s))).zh)


if __name__ == "__main__":
    main()
