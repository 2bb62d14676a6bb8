"""Each LNS neighbourhood kind alone, from the best greedy plan, in CPU rather than wall time.

    python benchmarks/bench_neighbourhoods.py [--scale city] [--profile money] [--seed 1]
                                              [--institutions with|without] [--rounds 40]
                                              [--kinds _money_swap_neighbourhood ...]

Sub-solves run on one CP-SAT worker with a 1 s deterministic limit (as a seeded
``workers=1`` solve does), so the served value each kind reaches after ``--rounds`` rounds
does not depend on how busy the machine is; the process CPU seconds it took are printed
beside it. Uses the search's internals on purpose: it measures the neighbourhoods, not a solve.
"""

from __future__ import annotations

import argparse
import random
import time

from trainsched.generate import generate_scenario
from trainsched.solver import SolveOptions
from trainsched.solver.context import Context, score
from trainsched.solver.neighbourhoods import NEIGHBOURHOODS
from trainsched.solver.problem import build_problem
from trainsched.solver.search import _resolve, best_greedy
from trainsched.workcal import scenario_calendar

SIZE = 30  # the search's starting neighbourhood size
ROUND_S = 1.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="city")
    ap.add_argument("--profile", default="money")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--institutions", choices=("with", "without"), default="with")
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--kinds", nargs="*", help="neighbourhood function names (default: all)")
    a = ap.parse_args()
    s = generate_scenario(a.scale, a.seed, institutions=a.institutions == "with", profile=a.profile)
    p = build_problem(s, scenario_calendar(s))
    part = [c.index for c in p.cohorts if c.starts and c.venues and len(c.trainers) >= c.required]
    options = SolveOptions(time_limit_s=3600, workers=1, seed=a.seed)
    ctx = Context(p, options, frozenset(), {}, {}, time.monotonic() + 3600)
    start = best_greedy(p, part, {})
    first = score(ctx, start)[0]
    print(f"{a.scale} {a.profile} {a.institutions} institutions: best greedy {first}")
    print("| kind | served value | gain | improving rounds | CPU s |\n|---|---|---|---|---|")
    for kind in NEIGHBOURHOODS:
        if a.kinds and kind.__name__ not in a.kinds:
            continue
        plan, rng, cpu, better = dict(start), random.Random(a.seed), time.process_time(), 0
        for _ in range(a.rounds):
            new, _, _ = _resolve(ctx, plan, kind(ctx, part, plan, rng, SIZE), ROUND_S, soft=False)
            if score(ctx, new)[0] > score(ctx, plan)[0]:
                plan, better = new, better + 1
        value = score(ctx, plan)[0]
        print(f"| {kind.__name__} | {value} | +{value - first} | {better}/{a.rounds} | "
              f"{time.process_time() - cpu:.1f} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
