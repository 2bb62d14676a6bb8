"""Progress, results and the final merge of split jobs' parts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from trainsched.formats import Plan, Scenario
from trainsched.jobs import control
from trainsched.jobs.split import merge_cohort_plans
from trainsched.solver import Progress, SolveOptions, SolveResult, StopFlag
from trainsched.store import repo
from trainsched.store.tables import SolvePartRow


def part_rows(session: Session, job_id: str) -> list[SolvePartRow]:
    """The parts of a job, in order."""
    query = select(SolvePartRow).where(col(SolvePartRow.job_id) == job_id)
    return list(session.exec(query.order_by(col(SolvePartRow.index))))


def job_elapsed(session: Session, job_id: str) -> float:
    """Seconds the job's parts have been solved: they run side by side, so the longest one's."""
    return max((r.elapsed_s for r in part_rows(session, job_id)), default=0.0)


def _report_whole(session: Session, job_id: str, rows: Sequence[SolvePartRow]) -> None:
    # The job shows the sum over its parts: one progress line for the whole province.
    value = sum(r.value or 0 for r in rows)
    bounds = [r.bound for r in rows]
    bound = None if any(b is None for b in bounds) else sum(b or 0 for b in bounds)
    elapsed = job_elapsed(session, job_id)
    repo.update_job_progress(session, job_id, Progress(elapsed, value, bound, "parts"))


class PartProgress(control.ThrottledProgress):
    """Progress of one part, written to its row and summed into the job's."""

    def __init__(self, engine: Engine, job_id: str, index: int) -> None:
        super().__init__(engine, job_id)
        self._index = index

    def store(self, session: Session, progress: Progress) -> None:
        """Record the part's best value and bound, then the job's sums."""
        control.locked_job(session, self._job_id)
        rows = part_rows(session, self._job_id)
        for row in rows:
            if row.index == self._index and not row.done:
                row.value, row.bound = progress.value, progress.bound
                row.elapsed_s = progress.elapsed_s
                session.add(row)
        session.flush()
        _report_whole(session, self._job_id, rows)


def store_part(
    session: Session, job_id: str, index: int, result: SolveResult, elapsed_s: float
) -> bool:
    """Keep a part's plan (once); True when it was the last part to finish."""
    control.locked_job(session, job_id)
    rows = part_rows(session, job_id)
    row = next(r for r in rows if r.index == index)
    if row.done:
        return False  # an earlier attempt stored it, and queued the merge if it was last
    row.done = True
    row.document, row.checkpoint = result.plan.to_json(), None
    row.value, row.bound, row.elapsed_s = result.value, result.bound, elapsed_s
    session.add(row)
    session.flush()
    _report_whole(session, job_id, rows)
    return all(r.done for r in rows)


def merged_result(
    scenario: Scenario,
    options: SolveOptions,
    plans: Sequence[Plan],
    stop: StopFlag,
    previous: Plan | None = None,
) -> SolveResult:
    """The parts' classes in one plan, with the visits placed around their teaching days."""
    from trainsched.solver import add_visits

    classes = merge_cohort_plans(scenario, plans)
    result = SolveResult(classes, classes.status, classes.objective, classes.bound)
    return add_visits(scenario, result, options, previous=previous, stop=stop)


def violations(scenario: Scenario, plan: Plan) -> str:
    """The checker's complaints about a merged plan, empty when it keeps every rule."""
    from trainsched.checker import check_plan

    broken = check_plan(scenario, plan)
    return "; ".join(str(v) for v in broken[:5])
