"""What one more certified trainer would buy, per course and district, ranked.

Candidates are the (qualification, district) pairs of the classes a plan leaves out, the
``limit`` pairs with the most left-out value first: a trainer where no class is waiting buys
nothing, so only those are re-solved. Each candidate is a re-plan of the plan with one new
trainer, free over the whole horizon, holding that qualification and serving that district.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from trainsched.formats import Plan, Scenario
from trainsched.formats.scenario import Trainer
from trainsched.solver.changes import TrainerAdded
from trainsched.solver.joint import replan_changes
from trainsched.solver.money import trainees
from trainsched.solver.options import SolveOptions, StopFlag
from trainsched.solver.problem import build_problem
from trainsched.workcal import scenario_calendar

CANDIDATES = 10  # pairs re-solved, most left-out value first


@dataclass(frozen=True)
class TrainerValue:
    """One more trainer of ``qualification`` in ``region``: what the re-plan gained."""

    qualification: str
    region: str
    value_gain: int
    trainees_gain: int
    left_out_value: int  # value of the classes waiting there (why it was a candidate)


def _candidates(scenario: Scenario, plan: Plan, limit: int) -> list[tuple[str, str, int]]:
    problem = build_problem(scenario, scenario_calendar(scenario))
    out = {c.id for c in plan.unscheduled_cohorts}
    waiting: dict[tuple[str, str], int] = {}
    for c in problem.cohorts:
        if c.id in out and c.pin_problem is None and c.starts:
            for region in dict.fromkeys(c.venue_regions):
                waiting[(c.qual, region)] = waiting.get((c.qual, region), 0) + c.value
    ranked = sorted(waiting.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [(q, r, v) for (q, r), v in ranked]


def trainer_values(
    scenario: Scenario,
    plan: Plan,
    options: SolveOptions,
    *,
    limit: int = CANDIDATES,
    on_progress: Callable[[int, int], None] | None = None,
    stop: StopFlag | None = None,
) -> list[TrainerValue]:
    """The candidates' gains, largest first (each a re-plan with ``options``)."""
    taken = {t.id for t in scenario.trainers}
    base = sum(trainees(scenario, plan).values())
    found: list[TrainerValue] = []
    candidates = _candidates(scenario, plan, limit)
    for done, (qual, region, waiting) in enumerate(candidates, start=1):
        if stop is not None and stop.is_set():
            break
        tid = next(f"NEW-T{n}" for n in range(1, len(taken) + 2) if f"NEW-T{n}" not in taken)
        new = Trainer(id=tid, name=tid, region=region, qualifications=[qual])
        result = replan_changes(scenario, plan, [TrainerAdded(new)], options, stop=stop)
        after = result.result.plan
        gained = sum(trainees(scenario, after).values()) - base
        found.append(TrainerValue(qual, region, after.objective - plan.objective, gained, waiting))
        if on_progress is not None:
            on_progress(done, len(candidates))
    return sorted(found, key=lambda t: (-t.value_gain, -t.trainees_gain, t.qualification))
