"""The command line as a user meets it: exit codes, quiet pipes, schemas, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tests import factories as f
from trainsched.cli import app

runner = CliRunner()


def _write(tmp_path: Path, name: str, doc: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


def test_schema_of_scenario_is_json_schema_refusing_unknown_keys() -> None:
    result = runner.invoke(app, ["schema", "scenario"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["additionalProperties"] is False
    assert "cohorts" in schema["properties"]
    assert "from" in schema["$defs"]["Fund"]["properties"]


def test_schema_of_plan_names_the_plan_keys() -> None:
    schema = json.loads(runner.invoke(app, ["schema", "plan"]).output)
    assert {"cohorts", "visits", "unscheduled_cohorts", "funds"} <= set(schema["properties"])


def test_bad_input_from_the_real_command_shows_no_traceback(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.json", f.scenario_doc(cohorts=[f.cohort(course="SYBB")]))
    proc = subprocess.run(
        [sys.executable, "-m", "trainsched", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "cohorts[0].course: unknown course 'SYBB'" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_check_reports_a_dangling_reference_as_a_broken_rule(tmp_path: Path) -> None:
    scenario = _write(tmp_path, "s.json", f.scenario_doc())
    plan = f.plan_doc(
        cohorts=[{"id": "C01", "days": ["2027-03-01"], "venue": "V9", "trainers": []}]
    )
    result = runner.invoke(app, ["check", str(scenario), str(_write(tmp_path, "p.json", plan))])
    assert result.exit_code == 1
    assert "cohorts[0].venue: unknown venue 'V9'" in result.output


def test_solve_writes_a_plan_that_check_accepts(tmp_path: Path) -> None:
    from trainsched.resources import fixture_path

    scenario, plan = fixture_path("tiny.json"), tmp_path / "plan.json"
    args = ["solve", str(scenario), "-o", str(plan), "--time-limit", "3", "--workers", "1"]
    solved = runner.invoke(app, [*args, "--seed", "1"])
    assert solved.exit_code == 0, solved.output
    checked = runner.invoke(app, ["check", str(scenario), str(plan)])
    assert checked.exit_code == 0, checked.output
    assert json.loads(plan.read_text("utf-8"))["format"] == "trainsched.plan/1"


def test_replan_with_a_trainer_away_writes_a_checked_plan(tmp_path: Path) -> None:
    scenario = _write(tmp_path, "s.json", f.scenario_doc())
    first, second = tmp_path / "p1.json", tmp_path / "p2.json"
    base = ["--time-limit", "2"]
    assert runner.invoke(app, ["solve", str(scenario), "-o", str(first), *base]).exit_code == 0
    away = "T01:2027-03-01:2027-03-31"
    result = runner.invoke(
        app, ["replan", str(scenario), str(first), "-o", str(second), "--trainer-away", away]
    )
    assert result.exit_code == 0, result.output
    days = json.loads(second.read_text("utf-8"))["cohorts"][0]["days"]
    assert min(days) >= "2027-04-01"


def test_replan_refuses_a_malformed_change(tmp_path: Path) -> None:
    scenario = _write(tmp_path, "s.json", f.scenario_doc())
    plan = _write(tmp_path, "p.json", f.plan_doc())
    result = runner.invoke(
        app, ["replan", str(scenario), str(plan), "-o", str(tmp_path / "x"), "--fund", "F01:lots"]
    )
    assert result.exit_code == 2
    assert "--fund: expected ID:AMOUNT" in result.output
    assert not (tmp_path / "x").exists()


def test_export_and_import_round_trip_through_the_command_line(tmp_path: Path) -> None:
    scenario = _write(tmp_path, "s.json", f.scenario_doc())
    book, back = tmp_path / "s.xlsx", tmp_path / "back.json"
    exported = runner.invoke(app, ["export", "scenario", str(scenario), "-o", str(book)])
    assert exported.exit_code == 0, exported.output
    imported = runner.invoke(app, ["import", str(book), "-o", str(back)])
    assert imported.exit_code == 0, imported.output
    from trainsched.formats import load_scenario

    assert load_scenario(back) == load_scenario(scenario)


def test_import_of_a_non_spreadsheet_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    bogus = tmp_path / "list.xlsx"
    bogus.write_bytes(b"not a workbook at all")
    result = runner.invoke(app, ["import", str(bogus), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2
    assert not (tmp_path / "out.json").exists()


def test_the_command_line_starts_without_loading_the_solver_spreadsheets_or_server() -> None:
    # Each command imports what it needs when it runs, so --help and validate start quickly.
    heavy = ["ortools", "openpyxl", "fastapi", "sqlalchemy", "trainsched.solver"]
    code = f"import sys, trainsched.cli; print([m for m in {heavy!r} if m in sys.modules])"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
