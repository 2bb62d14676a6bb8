"""Job pieces needing no PostgreSQL: split, merge, stop flags, cancels, outcomes, logs, refusals."""

from __future__ import annotations

import json
import logging
import threading
import time

import pytest
from typer.testing import CliRunner

from tests import factories as f
from tests.distributed_support import two_district_doc
from trainsched.checker import check_plan
from trainsched.cli import app
from trainsched.formats import parse_scenario
from trainsched.formats.plan_text import cohort_reasons, plan_warnings, visit_reasons
from trainsched.jobs.control import CANCELLED_BEFORE_START, JobStop, cancel
from trainsched.jobs.guard import SolveStuckError, run_with_deadline
from trainsched.jobs.logs import JobIdFilter, JsonFormatter, job_context
from trainsched.jobs.merge import merged_result
from trainsched.jobs.split import part_scenario, plan_parts, split_cohorts
from trainsched.jobs.work import Outcome, load, record_outcome
from trainsched.settings import Settings
from trainsched.solver import Progress, SolveOptions, solve
from trainsched.store import repo
from trainsched.store.db import session_scope

FAST = SolveOptions(time_limit_s=2.0, workers=2, seed=1)


def test_districts_sharing_nothing_split_into_parts() -> None:
    scenario = parse_scenario(two_district_doc())
    parts = sorted(split_cohorts(scenario))
    assert parts == [["A1", "A2", "A3"], ["B1", "B2", "B3"]]


def test_a_shared_trainer_keeps_districts_together() -> None:
    doc = two_district_doc()
    doc["trainers"][0]["serves_regions"] = ["R01", "R02"]
    assert len(split_cohorts(parse_scenario(doc))) == 1


def test_parts_share_the_time_limit_by_their_classes() -> None:
    scenario = parse_scenario(two_district_doc(per_district=2))
    parts = plan_parts(scenario, SolveOptions(time_limit_s=40.0))
    # Visits get the rest of the limit after the classes of every part.
    assert [p.time_limit_s for p in parts] == pytest.approx([17.0, 17.0])


def test_merged_parts_make_one_plan_that_passes_the_checker_and_serves_as_much() -> None:
    scenario = parse_scenario(two_district_doc())
    plans = [solve(part_scenario(scenario, ids), FAST).plan for ids in split_cohorts(scenario)]
    merged = merged_result(scenario, FAST, plans, threading.Event()).plan
    assert check_plan(scenario, merged) == []
    assert {c.id for c in merged.cohorts} == {c.id for c in scenario.cohorts}
    assert len(merged.visits) == 2
    assert merged.objective == solve(scenario, FAST).plan.objective


def test_a_merged_plan_reads_like_a_whole_one() -> None:
    # The merge joins visits with the solver's own step: timings, reasons and warnings too.
    doc = two_district_doc()
    doc["cohorts"][0]["earliest"] = doc["cohorts"][0]["latest_end"]  # no block fits: a reason
    doc["calendar"] = {"official": "CN"}  # a year without official data: a warning
    scenario = parse_scenario(doc)
    plans = [solve(part_scenario(scenario, ids), FAST).plan for ids in split_cohorts(scenario)]
    merged = merged_result(scenario, FAST, plans, threading.Event()).plan
    whole = solve(scenario, FAST).plan
    assert any(k.startswith("visits_") for k in merged.x["timings"])
    assert cohort_reasons(merged) == cohort_reasons(whole) != {}
    assert visit_reasons(merged) == visit_reasons(whole)
    assert plan_warnings(merged) == plan_warnings(whole) != []


def test_a_replan_split_into_parts_keeps_the_previous_plan() -> None:
    scenario = parse_scenario(two_district_doc())
    previous = solve(scenario, FAST).plan
    plans = [
        solve(part_scenario(scenario, ids), FAST, previous=previous).plan
        for ids in split_cohorts(scenario)
    ]
    merged = merged_result(scenario, FAST, plans, threading.Event(), previous).plan
    assert check_plan(scenario, merged) == []
    assert {(c.id, tuple(c.days), c.venue) for c in merged.cohorts} == {
        (c.id, tuple(c.days), c.venue) for c in previous.cohorts
    }
    assert merged.visits == previous.visits


def test_stop_flag_trips_at_its_deadline(db_engine) -> None:
    stop = JobStop(db_engine, "no-such-job", deadline_s=0.2)
    assert not stop.is_set()
    time.sleep(0.25)
    assert stop.is_set() and stop.overran and not stop.cancelled


def test_cancel_request_in_the_store_stops_a_solve_elsewhere(db_engine) -> None:
    with session_scope(db_engine) as session:
        scenario_id = repo.save_scenario(session, f.scenario()).id
        job_id = repo.create_job(session, scenario_id, FAST).id
        # Running in another process: the cancel leaves it open for that process to stop.
        repo.update_job_progress(session, job_id, Progress(0.0, 0, None, "start"))
    stop = JobStop(db_engine, job_id)
    assert not stop.is_set()
    with session_scope(db_engine) as session:
        cancel(session, job_id)
    time.sleep(0.6)
    assert stop.is_set() and stop.cancelled
    with session_scope(db_engine) as session:
        job = repo.get_job(session, job_id)
        assert job is not None and job.state == "running"


def _stored_job(engine) -> str:
    with session_scope(engine) as session:
        scenario_id = repo.save_scenario(session, f.scenario()).id
        return repo.create_job(session, scenario_id, FAST).id


def test_cancelling_a_queued_job_ends_it_at_once(db_engine) -> None:
    job_id = _stored_job(db_engine)
    with session_scope(db_engine) as session:
        cancel(session, job_id)
    with session_scope(db_engine) as session:
        job = repo.get_job(session, job_id)
        assert job is not None and job.state == "cancelled"
        assert job.error == CANCELLED_BEFORE_START and job.cancel_requested_at is not None
    # Nothing is left to run: neither mode's runner takes the job up.
    assert load(db_engine, job_id, resume=True) is None


def test_a_cancelled_solve_keeps_its_plan_and_ends_cancelled(db_engine) -> None:
    job_id = _stored_job(db_engine)
    work = load(db_engine, job_id, resume=False)
    assert work is not None
    # Running now: the embedded runner does not take it again, a queue retry does.
    assert load(db_engine, job_id, resume=False) is None
    assert load(db_engine, job_id, resume=True) is not None
    with session_scope(db_engine) as session:
        cancel(session, job_id)
    plan = f.plan()
    outcome = Outcome(plan, Progress(1.0, plan.objective, plan.bound, "done"))
    with session_scope(db_engine) as session:
        plan_id = record_outcome(session, work, outcome)
    with session_scope(db_engine) as session:
        # A second attempt (a queue retry) changes nothing.
        assert record_outcome(session, work, outcome) == plan_id
        job = repo.get_job(session, job_id)
        assert job is not None and (job.state, job.plan_id) == ("cancelled", plan_id)


def test_a_solve_cut_short_by_a_shutdown_ends_interrupted_with_its_plan(db_engine) -> None:
    job_id = _stored_job(db_engine)
    work = load(db_engine, job_id, resume=False)
    assert work is not None
    plan = f.plan()
    outcome = Outcome(plan, Progress(1.0, plan.objective, plan.bound, "done"), stopped_here=True)
    with session_scope(db_engine) as session:
        plan_id = record_outcome(session, work, outcome, interrupted=True)
        job = repo.get_job(session, job_id)
        assert job is not None and (job.state, job.plan_id) == ("interrupted", plan_id)


def test_a_solve_that_ignores_its_stop_is_abandoned_at_the_hard_deadline() -> None:
    release = threading.Event()
    started = time.monotonic()
    with pytest.raises(SolveStuckError):
        run_with_deadline(lambda: release.wait(30), 0.3)
    assert time.monotonic() - started < 2
    release.set()


def test_json_log_lines_carry_the_job_id() -> None:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "solving %s", ("p",), None)
    with job_context("job-123"):
        JobIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["job_id"] == "job-123" and line["message"] == "solving p"
    assert line["level"] == "info"


def test_distributed_mode_refuses_sqlite() -> None:
    with pytest.raises(ValueError, match="postgresql"):
        Settings(mode="distributed", database_url="sqlite:///x.db")


def test_worker_refuses_to_start_in_embedded_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRAINSCHED_MODE", raising=False)
    result = CliRunner().invoke(app, ["worker"])
    assert result.exit_code == 1
    assert "TRAINSCHED_MODE=distributed" in result.output


def test_serve_refuses_several_processes_in_embedded_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRAINSCHED_MODE", raising=False)
    result = CliRunner().invoke(app, ["serve", "--workers", "2"])
    assert result.exit_code == 1
    assert "--workers above 1" in result.output
