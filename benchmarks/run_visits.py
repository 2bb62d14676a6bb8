"""Benchmark mentor visits: the visit solver vs the coordinator-style greedy, per scale.

Each solve runs in its own forked child so its peak memory (ru_maxrss) is its own.
Teaching days come from a simple hand-made map (each trainer teaches every fifth
working day, offset by the trainer's number), so mentors who are trainers lose days.
Every plan is checked with the plan checker (on the scenario without cohorts and
funds) and against the teaching map; a broken plan fails the run.

    python benchmarks/run_visits.py [--scales small city province] [--seed 1] [--ablation]
                                    [--week-caps 0.25]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import platform
import resource
import sys
import time
from typing import Any

from trainsched.checker import check_plan
from trainsched.formats import Plan, Scenario
from trainsched.generate import generate_scenario
from trainsched.solver.options import SolveOptions
from trainsched.solver.visits import greedy_visits
from trainsched.solver.visits.solve import Tuning, solve_tuned
from trainsched.workcal import scenario_calendar

LIMITS = {"tiny": 5.0, "small": 30.0, "city": 60.0, "province": 300.0}
VARIANTS = {
    "solver": Tuning(),
    "nearest-assign": Tuning(assign_model=False),
    "no-relocate": Tuning(relocate=False),
    "no-eject": Tuning(eject=False),
}


def teaching_map(s: Scenario) -> dict[str, frozenset[dt.date]]:
    """Every trainer teaches every fifth working day, offset by the trainer's number."""
    days = scenario_calendar(s).days
    out = {}
    for k, t in enumerate(s.trainers):
        out[t.id] = frozenset(d for i, d in enumerate(days) if (i + k) % 5 == 0)
    return out


def _verify(s: Scenario, teaching: dict[str, frozenset[dt.date]], res: Any) -> None:
    bare = s.model_copy(update={"cohorts": [], "funds": []})
    plan = Plan(
        scenario=s.name,
        status=res.status,
        objective=res.value,
        bound=res.bound,
        visits=res.visits,
        unscheduled_visits=res.unscheduled,
    )
    problems = [str(v) for v in check_plan(bare, plan)]
    trainer_of = {m.id: m.trainer for m in s.mentors}
    for v in res.visits:
        t = trainer_of[v.mentor]
        if t is not None and v.date in teaching.get(t, frozenset()):
            problems.append(f"{v.mentor} visits on teaching day {v.date}")
    if problems:
        raise SystemExit("broken plan:\n" + "\n".join(problems[:20]))


def tighten(s: Scenario, keep: float) -> Scenario:
    """The scenario with every mentor's weekly cap cut to ``keep`` of it (at least 1)."""
    if keep >= 1:
        return s
    mentors = [
        m.model_copy(update={"max_visits_per_week": max(1, int(m.max_visits_per_week * keep))})
        for m in s.mentors
    ]
    return s.model_copy(update={"mentors": mentors})


def _run(scale: str, seed: int, variant: str, keep: float, out: Any) -> None:
    s = tighten(generate_scenario(scale, seed), keep)  # type: ignore[arg-type]
    teaching = teaching_map(s)
    cal = scenario_calendar(s)
    opts = SolveOptions(time_limit_s=LIMITS[scale], workers=2, seed=seed)
    t0 = time.monotonic()
    if variant == "greedy":
        res = greedy_visits(s, cal, teaching)
    else:
        res = solve_tuned(s, cal, teaching, opts, VARIANTS[variant])
    elapsed = time.monotonic() - t0
    _verify(s, teaching, res)
    sc = res.scores
    out.put(
        {
            "scale": scale,
            "method": variant,
            "requests": len(s.visit_requests),
            "mentors": len(s.mentors),
            "asked": sc["visits_requested"],
            "visits": sc["visits"],
            "value": res.value,
            "bound": res.bound,
            "km_per_visit": sc["km_per_visit"],
            "continuity": sc["continuity_share"],
            "spread": sc["spread"],
            "load_cv": sc["load_cv"],
            "time_s": round(elapsed, 1),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        }
    )


def run(scale: str, seed: int, variant: str, keep: float) -> dict[str, Any]:
    """One solve in a fresh child process."""
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_run, args=(scale, seed, variant, keep, q))
    p.start()
    row: dict[str, Any] = q.get()
    p.join()
    if p.exitcode:
        raise SystemExit(f"{scale}/{variant} failed")
    return row


COLUMNS = (
    "scale", "method", "requests", "mentors", "asked", "visits", "value", "bound",
    "km_per_visit", "continuity", "spread", "load_cv", "time_s", "peak_mb",
)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", nargs="+", default=["small", "city", "province"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ablation", action="store_true", help="also run each stage switched off")
    ap.add_argument(
        "--week-caps", type=float, default=1.0, help="keep this share of weekly caps (tight runs)"
    )
    args = ap.parse_args()
    variants = list(VARIANTS) if args.ablation else ["solver"]
    print(f"# {dt.date.today()} {platform.node()} {platform.processor() or platform.machine()}")
    print(
        f"# python {sys.version.split()[0]}, {mp.cpu_count()} cores, seed {args.seed}, "
        f"weekly caps x{args.week_caps}"
    )
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for scale in args.scales:
        keep = args.week_caps
        rows = [run(scale, args.seed, v, keep) for v in ["greedy", *variants]]
        base = rows[0]["km_per_visit"] or 1
        for row in rows:
            print("| " + " | ".join(str(row[c]) for c in COLUMNS) + " |", flush=True)
        best = rows[1]
        saving = 100 * (1 - best["km_per_visit"] / base)
        print(
            f"# {scale}: visits solver-greedy "
            f"{best['visits'] - rows[0]['visits']:+d}, km/visit {saving:.1f} % fewer",
            flush=True,
        )


if __name__ == "__main__":
    main()
