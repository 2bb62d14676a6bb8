"""Truthful jobs: stalled when nobody vouches for them, stored solving time, checked checkpoints."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import anyio
from sqlalchemy import Engine

from tests.distributed_support import two_district_doc
from trainsched.checker import check_plan
from trainsched.formats import Plan, Scenario, parse_scenario
from trainsched.jobs.control import cancel
from trainsched.jobs.embedded import JobRunner
from trainsched.jobs.work import load
from trainsched.services import jobs
from trainsched.solver import Progress, SolveOptions, solve
from trainsched.store import joblife, repo
from trainsched.store.db import session_scope
from trainsched.store.repo import INTERRUPTED_MESSAGE
from trainsched.store.tables import utcnow

FAST = SolveOptions(time_limit_s=2.0, workers=2, seed=1)


def running_job(engine: Engine) -> tuple[str, Scenario]:
    scenario = parse_scenario(two_district_doc())
    with session_scope(engine) as session:
        scenario_id = repo.save_scenario(session, scenario).id
        job_id = repo.create_job(session, scenario_id, FAST).id
    assert load(engine, job_id, resume=False) is not None
    return job_id, scenario


def set_row(engine: Engine, job_id: str, **values: object) -> None:
    with session_scope(engine) as session:
        row = repo.get_job(session, job_id)
        assert row is not None
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)


def shown(engine: Engine, job_id: str) -> jobs.JobStatus:
    with session_scope(engine) as session:
        row = repo.get_job(session, job_id)
        assert row is not None
        return jobs.status(row)


def keep(engine: Engine, job_id: str, plan: Plan) -> bool:
    with session_scope(engine) as session:
        return joblife.keep_checkpoint(session, job_id, plan)


def test_a_running_job_nobody_vouches_for_is_shown_stalled_until_its_solver_speaks_again(
    db_engine: Engine,
) -> None:
    job_id, _ = running_job(db_engine)
    assert shown(db_engine, job_id).state == "running"
    set_row(db_engine, job_id, alive_until=utcnow() - dt.timedelta(seconds=1))
    assert shown(db_engine, job_id).state == "stalled"
    with session_scope(db_engine) as session:
        assert joblife.beat(session, job_id, 5.0, 12.5)
    again = shown(db_engine, job_id)
    assert (again.state, again.elapsed_s) == ("running", 12.5)


def test_the_solving_time_shown_is_the_stored_one_however_long_ago_the_job_started(
    db_engine: Engine,
) -> None:
    job_id, _ = running_job(db_engine)
    set_row(db_engine, job_id, started_at=utcnow() - dt.timedelta(hours=1), elapsed_s=3.0)
    assert shown(db_engine, job_id).elapsed_s == 3.0


def test_a_requeued_job_waits_again_and_its_next_run_keeps_its_time_and_best_plan(
    db_engine: Engine,
) -> None:
    job_id, scenario = running_job(db_engine)
    best = solve(scenario, FAST).plan
    assert keep(db_engine, job_id, best)
    lost = utcnow() - dt.timedelta(seconds=1)
    set_row(db_engine, job_id, elapsed_s=7.0, alive_until=lost)
    with session_scope(db_engine) as session:
        assert joblife.requeue(session, job_id)
    waiting = shown(db_engine, job_id)
    assert (waiting.state, waiting.requeued) == ("queued", 1)
    work = load(db_engine, job_id, resume=True)
    assert work is not None and work.solved_s == 7.0
    assert work.start_from is not None and work.start_from.objective == best.objective
    assert shown(db_engine, job_id).state == "running"


def test_a_worse_checkpoint_does_not_replace_a_better_one(db_engine: Engine) -> None:
    job_id, scenario = running_job(db_engine)
    best = solve(scenario, FAST).plan
    assert keep(db_engine, job_id, best)
    assert not keep(db_engine, job_id, best.model_copy(update={"objective": best.objective - 1}))


def test_after_a_crash_the_job_ends_interrupted_with_its_checked_checkpoint_as_its_plan(
    db_engine: Engine,
) -> None:
    job_id, scenario = running_job(db_engine)
    best = solve(scenario, FAST).plan
    keep(db_engine, job_id, best)
    runner = JobRunner(db_engine)
    try:
        assert runner.recover() == 1
    finally:
        runner.shutdown()
    ended = shown(db_engine, job_id)
    assert ended.state == "interrupted" and ended.plan_id is not None
    assert ended.value == best.objective


def test_a_checkpoint_that_breaks_a_rule_is_not_offered_after_a_crash(db_engine: Engine) -> None:
    job_id, scenario = running_job(db_engine)
    plan = solve(scenario, FAST).plan
    broken = plan.model_copy(update={"objective": plan.objective + 1})
    assert check_plan(scenario, broken)
    keep(db_engine, job_id, broken)
    runner = JobRunner(db_engine)
    try:
        runner.recover()
    finally:
        runner.shutdown()
    ended = shown(db_engine, job_id)
    assert (ended.state, ended.plan_id) == ("interrupted", None)


def test_the_solver_hands_whole_plans_that_keep_every_rule_to_its_plan_sink() -> None:
    scenario = parse_scenario(two_district_doc())
    got: list[Plan] = []
    solve(scenario, FAST, on_plan=got.append)
    assert got
    for plan in got:
        assert check_plan(scenario, plan) == []
        # Taken while classes are placed: every visit is listed as not placed yet.
        assert not plan.visits
        assert {u.request for u in plan.unscheduled_visits} == {
            r.id for r in scenario.visit_requests
        }


def test_the_watcher_is_told_first_that_the_job_stalled(db_engine: Engine) -> None:
    job_id, _ = running_job(db_engine)
    set_row(db_engine, job_id, alive_until=utcnow() - dt.timedelta(seconds=1))

    async def first_two() -> list[str]:
        kinds = []
        async for kind, _, _ in jobs.watch(db_engine, job_id, poll_s=0.05):
            kinds.append(kind)
            if len(kinds) == 2:
                break
        return kinds

    # In its own thread: the browser tests' Playwright keeps an event loop in the main one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(anyio.run, first_two).result() == ["stalled", "progress"]


def test_a_job_a_worker_took_up_again_is_not_shown_queued_by_a_late_hand_back(
    db_engine: Engine,
) -> None:
    job_id, _ = running_job(db_engine)
    with session_scope(db_engine) as session:
        assert joblife.requeue(session, job_id)
    again = shown(db_engine, job_id)
    assert (again.state, again.requeued) == ("running", 1)


def test_a_crash_without_a_checkpoint_leaves_the_job_interrupted_planless_and_others_as_they_were(
    db_engine: Engine,
) -> None:
    job_id, _ = running_job(db_engine)
    with session_scope(db_engine) as session:
        repo.update_job_progress(session, job_id, Progress(1.5, 40, 90))
        scenario_id = repo.save_scenario(session, parse_scenario(two_district_doc())).id
        done = repo.create_job(session, scenario_id, FAST).id
        repo.finish_job(session, done, "succeeded")
    runner = JobRunner(db_engine)
    try:
        assert runner.recover() == 1
    finally:
        runner.shutdown()
    ended = shown(db_engine, job_id)
    assert (ended.state, ended.plan_id, ended.error) == ("interrupted", None, INTERRUPTED_MESSAGE)
    assert ended.finished_at is not None and (ended.value, ended.bound) == (40, 90)
    assert shown(db_engine, done).state == "succeeded"


def test_cancelling_a_job_nobody_runs_ends_it_now_with_its_checkpoint(db_engine: Engine) -> None:
    job_id, scenario = running_job(db_engine)
    best = solve(scenario, FAST).plan
    keep(db_engine, job_id, best)
    set_row(db_engine, job_id, alive_until=utcnow() - dt.timedelta(seconds=1))
    with session_scope(db_engine) as session:
        cancel(session, job_id)
    ended = shown(db_engine, job_id)
    assert ended.state == "cancelled" and ended.plan_id is not None
    assert ended.value == best.objective
