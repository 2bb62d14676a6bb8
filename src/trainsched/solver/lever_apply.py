"""A lever applied: the plan with its changes made and the class placed, everything else kept.

The search in ``levers.py`` proposes a change; this module proves it by solving the changed
scenario again around the plan (every class it holds kept as it is, the left-out class placed
where it first fits) and by running the plan checker on the result. A lever that does not pass
both is never offered.
"""

from __future__ import annotations

from collections.abc import Sequence

from trainsched.checker import check_plan, fund_usage
from trainsched.formats import Plan, Scenario
from trainsched.formats.plan import FundUse, ScheduledCohort
from trainsched.solver.changes import Change, apply_changes
from trainsched.solver.greedy import first_fit
from trainsched.solver.problem import CohortP, Problem, build_problem
from trainsched.solver.residual import Placement, Residual
from trainsched.solver.result import placements_of
from trainsched.solver.solve import keep_valid
from trainsched.workcal import scenario_calendar


def block_visit_days(problem: Problem, scenario: Scenario, plan: Plan, res: Residual) -> None:
    """Mark trainers busy on the days they visit entrepreneurs as mentors (one person, one diary).

    The plan's visits are kept as they are, so a new class must not take those days.
    """
    tix = {t.id: t.index for t in problem.trainers}
    person = {m.id: tix[m.trainer] for m in scenario.mentors if m.trainer in tix}
    dix = {d: i for i, d in enumerate(problem.days)}
    for v in plan.visits:
        if v.mentor in person and v.date in dix:
            res.trainer_busy[person[v.mentor]][dix[v.date]] = 1


def residual_around(
    problem: Problem, scenario: Scenario, plan: Plan, kept: dict[int, Placement]
) -> Residual:
    """What is left once the kept classes and the plan's visits are booked."""
    res = Residual.of(problem, kept)
    block_visit_days(problem, scenario, plan, res)
    return res


def _with_class(
    changed: Scenario, plan: Plan, problem: Problem, c: CohortP, p: Placement, value: int
) -> Plan:
    """The plan with one more class (and without those the changes withdrew).

    Built from the plan itself rather than assembled again: its visits, reasons and the rest
    stay exactly as they were, and a plan of a few hundred classes is not re-explained for
    every lever.
    """
    requested = {co.id for co in changed.cohorts}
    new = ScheduledCohort(
        id=c.id,
        days=problem.block_dates(p.start, c.length),
        venue=problem.venues[p.venue].id,
        trainers=[problem.trainers[t].id for t in p.trainers],
    )
    draft = plan.model_copy(
        update={
            "cohorts": [*(sc for sc in plan.cohorts if sc.id in requested), new],
            "unscheduled_cohorts": [u for u in plan.unscheduled_cohorts if u.id != c.id],
            "objective": value,
            # Nothing proves this plan best: no bound, and feasible at most.
            "bound": None,
            "status": "feasible",
        }
    )
    used = fund_usage(changed, draft)
    funds = [FundUse(id=f.id, used=used.get(f.id, 0), amount=f.amount) for f in changed.funds]
    return draft.model_copy(update={"funds": funds})


def applied_plan(
    scenario: Scenario, plan: Plan, cohort_id: str, changes: Sequence[Change], dropped: int
) -> tuple[Scenario, Plan] | None:
    """The changed scenario and its plan with ``cohort_id`` placed, when that keeps every rule.

    None when the class still does not fit, when a class of the plan would have to move, or
    when the checker finds any broken rule: the lever is then not offered. ``dropped`` is the
    served value of the classes the changes withdraw from the plan.
    """
    changed = apply_changes(scenario, changes)
    problem = build_problem(changed, scenario_calendar(changed))
    ids = problem.cohort_by_id()
    if cohort_id not in ids:
        return None
    prev = placements_of(problem, plan)
    kept = keep_valid(problem, prev)
    if len(kept) != len(prev):
        return None
    res = residual_around(problem, changed, plan, kept)
    c = problem.cohorts[ids[cohort_id]]
    placement = first_fit(res, c, res.total_used)
    if placement is None:
        return None
    value = plan.objective + c.value - dropped
    new_plan = _with_class(changed, plan, problem, c, placement, value)
    if check_plan(changed, new_plan):
        return None
    return changed, new_plan
