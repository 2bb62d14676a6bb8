"""Benchmark the cohort solver: cpsat vs greedy per scale and profile, old code vs new.

Each solve runs in its own child process so its peak memory (ru_maxrss) is its own.
Every plan is checked with this checkout's plan checker; a broken plan fails the run.

    python benchmarks/run_cohorts.py [--scales small city province] [--seed 1] [--joint]
                                     [--profiles standard money]
                                     [--institutions with|without|both]
                                     [--baseline OLD/src] [--replan]

Scenarios are generated once by this checkout (``generate_scenario(scale, seed,
institutions=…, profile=…)``) and written as JSON, so old and new code solve the same file.
``--baseline`` names the ``src`` directory of an older checkout (e.g. ``git archive <commit>
src | tar -x -C /tmp/base``): its CP-SAT solve runs beside this checkout's, on the same
scenario, one after the other. By default the cohort solver alone gets the whole time
limit (the issue's gap targets are about it; only the "visits not reported" rule is then
left unchecked); ``--joint`` runs ``trainsched.solver.solve`` (classes, then visits) and
checks every rule. ``--replan`` adds a city re-plan (busiest trainer ill two weeks). The
"load" column is the 1-minute load average when the solve ended (2 cores: above 2 is busy).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainsched.formats import Scenario

LIMITS = {"tiny": 5.0, "small": 30.0, "city": 60.0, "province": 300.0}
ILL_DAYS = 14
# A cohort-only plan places no visits; every other rule is checked.
COHORTS_ONLY_IGNORED = {"unscheduled-visits-reported"}


def _load(path: Path) -> Scenario:
    from trainsched.formats import parse_scenario

    return parse_scenario(json.loads(path.read_text()))


def _check(scenario: object, plan: object, joint: bool) -> list[str]:
    from trainsched.checker import check_plan

    ignored = set() if joint else COHORTS_ONLY_IGNORED
    return [str(v) for v in check_plan(scenario, plan) if v.rule not in ignored]  # type: ignore[arg-type]


def _check_file(scenario_path: Path, plan_path: Path, joint: bool) -> list[str]:
    from trainsched.formats import parse_plan

    s = _load(scenario_path)
    return _check(s, parse_plan(json.loads(plan_path.read_text()), s), joint)


def child_solve(
    scenario_path: Path, method: str, seed: int, limit: float, out: Path, joint: bool
) -> dict[str, object]:
    from trainsched.solver import SolveOptions, solve_cohorts
    from trainsched.solver import solve as solve_joint

    solve = solve_joint if joint else solve_cohorts
    s = _load(scenario_path)
    started = time.monotonic()
    r = solve(s, SolveOptions(time_limit_s=limit, seed=seed, method=method))  # type: ignore[arg-type]
    wall = time.monotonic() - started
    out.write_text(r.plan.to_json())
    return {"value": r.value, "bound": r.bound, "status": r.status, "wall_s": wall,
            "placed": len(r.plan.cohorts), "cohorts": len(s.cohorts)}  # fmt: skip


def _ill_trainer(plan: object, scenario: object) -> tuple[str, dt.date, dt.date]:
    """The trainer teaching most days in the busiest two weeks starting on a Monday."""
    best: tuple[int, str, dt.date] = (0, "", dt.date.min)
    cohorts = plan.cohorts  # type: ignore[attr-defined]
    start = scenario.horizon.start  # type: ignore[attr-defined]
    monday = start + dt.timedelta(days=(7 - start.weekday()) % 7)
    for week in range(0, 40, 2):
        lo = monday + dt.timedelta(weeks=week)
        hi = lo + dt.timedelta(days=ILL_DAYS - 1)
        load: dict[str, int] = {}
        for c in cohorts:
            n = sum(1 for d in c.days if lo <= d <= hi)
            for t in c.trainers:
                load[t] = load.get(t, 0) + n
        for t, n in load.items():
            best = max(best, (n, t, lo))
    return best[1], best[2], best[2] + dt.timedelta(days=ILL_DAYS - 1)


def child_replan(
    scenario_path: Path, seed: int, limit: float, plan_path: Path, joint: bool
) -> dict[str, object]:
    from trainsched.formats import parse_plan
    from trainsched.solver import SolveOptions, TrainerUnavailable, apply_changes, replan_changes
    from trainsched.solver.options import UNWATCHED
    from trainsched.solver.replan import replan_cohorts

    def replan_joint(s, before, changes, options):  # type: ignore[no-untyped-def]
        return replan_changes(s, before, changes, options).result

    def replan_classes(s, before, changes, options):  # type: ignore[no-untyped-def]
        # The class stage alone takes the scenario with the changes already applied.
        return replan_cohorts(apply_changes(s, changes), before, changes, options, UNWATCHED)

    replan = replan_joint if joint else replan_classes

    s = _load(scenario_path)
    before = parse_plan(json.loads(plan_path.read_text()), s)
    trainer, lo, hi = _ill_trainer(before, s)
    change = TrainerUnavailable(trainer, lo, hi)
    started = time.monotonic()
    r = replan(s, before, [change], SolveOptions(time_limit_s=limit, seed=seed))
    wall = time.monotonic() - started
    hit = {
        c.id for c in before.cohorts if trainer in c.trainers and any(lo <= d <= hi for d in c.days)
    }
    changed = r.diff.changed if r.diff else set()
    return {"value": r.value, "before": before.objective, "wall_s": wall, "trainer": trainer,
            "from": str(lo), "to": str(hi), "hit": len(hit), "changed": len(changed),
            "outside": sorted(changed - hit), "moved": len(r.diff.moved) if r.diff else 0,
            "restaffed": len(r.diff.restaffed) if r.diff else 0,
            "dropped": len(r.diff.dropped) if r.diff else 0,
            "violations": _check(apply_changes(s, [change]), r.plan, joint)}  # fmt: skip


def run_child(args: list[str], src: str | None = None) -> dict[str, object]:
    """Run one solve in a child process (with ``src`` first on its path: the old code)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        report = Path(tmp.name)
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    subprocess.run([sys.executable, __file__, "--child", str(report), *args], check=True, env=env)
    return dict(json.loads(report.read_text()))


def _gap(value: int, bound: object) -> str:
    return "-" if not bound else f"{100 * (int(bound) - value) / int(bound):.2f}%"  # type: ignore[call-overload]


def _scenario_file(plans: Path, scale: str, profile: str, inst: str, seed: int) -> Path:
    from trainsched.generate import generate_scenario

    path = plans / f"{scale}-{profile}-{inst}.scenario.json"
    s = generate_scenario(scale, seed, institutions=inst == "with", profile=profile)  # type: ignore[arg-type]
    path.write_text(s.to_json())
    return path


def _bench_scale(
    plans: Path, case: tuple[str, str, str], seed: int, part: str, baseline: str | None
) -> bool:
    """Greedy, old and new CP-SAT on one scenario; print rows; True when a plan breaks a rule."""
    scale, profile, inst = case
    scenario = _scenario_file(plans, scale, profile, inst, seed)
    runs = [("new", "greedy", None), *([("old", "cpsat", baseline)] if baseline else []),
            ("new", "cpsat", None)]  # fmt: skip
    failed, greedy = False, 0
    for code, method, src in runs:
        plan = plans / f"{scale}-{profile}-{inst}-{code}-{method}.json"
        args = ["solve", str(scenario), method, str(seed), str(LIMITS[scale]), str(plan), part]
        r = run_child(args, src)
        load = os.getloadavg()[0]
        bad = _check_file(scenario, plan, part == "joint")
        v, b = int(r["value"]), r["bound"]  # type: ignore[call-overload]
        greedy = greedy or max(v, 1)
        failed |= bool(bad)
        print(f"| {scale} | {profile} | {inst} | {code} | {method} | {r['placed']}/{r['cohorts']} "
              f"| {v} | {100 * (v - greedy) / greedy:+.1f}% | {b if b is not None else '-'} | "
              f"{_gap(v, b)} | {r['wall_s']:.1f} | {r['peak_mb']:.0f} | {load:.1f} | "
              f"{'OK' if not bad else f'{len(bad)} broken'} |", flush=True)  # fmt: skip
    return failed


def _replan_city(plans: Path, profile: str, inst: str, seed: int, part: str) -> bool:
    scenario = plans / f"city-{profile}-{inst}.scenario.json"
    plan = plans / f"city-{profile}-{inst}-new-cpsat.json"
    r = run_child(["replan", str(scenario), str(seed), "10", str(plan), part])
    print(f"\nre-plan city ({profile}, {inst} institutions): trainer {r['trainer']} ill "
          f"{r['from']}..{r['to']}: "
          f"{r['hit']} cohorts involved; changed {r['changed']} (moved {r['moved']}, "
          f"re-staffed {r['restaffed']}, dropped {r['dropped']}); changed outside: "
          f"{r['outside'] or 'none'}; served {r['before']} → {r['value']}; "
          f"wall {r['wall_s']:.1f} s; peak {r['peak_mb']:.0f} MB; "
          f"checker {'OK' if not r['violations'] else r['violations']}")  # fmt: skip
    return bool(r["violations"])


def _child(args: list[str]) -> None:
    report, kind, scenario, *rest, part = args
    joint = part == "joint"
    if kind == "replan":
        out = child_replan(Path(scenario), int(rest[0]), float(rest[1]), Path(rest[2]), joint)
    else:
        method, seed, limit, plan = rest
        out = child_solve(Path(scenario), method, int(seed), float(limit), Path(plan), joint)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(report).write_text(json.dumps(out))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", nargs="*", default=["small", "city", "province"])
    ap.add_argument("--profiles", nargs="*", default=["standard", "money"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--joint", action="store_true", help="classes and visits via solve()")
    ap.add_argument(
        "--institutions", choices=("with", "without", "both"), default="with",
        help="generate the scales with training institutions, without, or both side by side",
    )  # fmt: skip
    ap.add_argument("--baseline", help="src directory of the old code to run beside this one")
    ap.add_argument("--replan", action="store_true", help="also re-plan the city plans")
    ap.add_argument("--child", nargs="+")
    a = ap.parse_args()
    if a.child:
        _child(a.child)
        return
    plans = Path(tempfile.mkdtemp(prefix="trainsched-bench-"))
    part = "joint" if a.joint else "cohorts"
    modes = ("with", "without") if a.institutions == "both" else (a.institutions,)
    print(f"plans in {plans}; load at start {os.getloadavg()[0]:.1f}")
    print("| scale | profile | institutions | code | method | placed | served value "
          "| gain over greedy | bound | gap | wall s | peak MB | load | checker |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    failed = False
    for scale in a.scales:
        for profile in a.profiles:
            for inst in modes:
                failed |= _bench_scale(plans, (scale, profile, inst), a.seed, part, a.baseline)
    for profile in a.profiles if a.replan and "city" in a.scales else ():
        for inst in modes:
            failed |= _replan_city(plans, profile, inst, a.seed, part)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
