"""The ``trainsched`` command line: validate, check, solve, generate, schema, serve, users."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from trainsched import cli_more, cli_ops
from trainsched.formats import FormatError, Plan, Scenario, load_plan, load_scenario

app = typer.Typer(
    name="trainsched",
    help="Plans entrepreneurship-training classes and mentor visits within subsidy funds.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
users_app = typer.Typer(help="Coordinator accounts for the API.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(cli_more.export_app, name="export")
app.command("replan")(cli_more.replan)
app.command("import")(cli_more.import_sheet)
app.command("worker")(cli_ops.worker)

EXIT_BROKEN = 1
EXIT_BAD_INPUT = 2


class Scale(StrEnum):
    """Sizes the generator knows."""

    tiny = "tiny"
    small = "small"
    city = "city"
    province = "province"


class Method(StrEnum):
    """Solving methods."""

    cpsat = "cpsat"
    greedy = "greedy"


class Schema(StrEnum):
    """Documents with a JSON Schema."""

    scenario = "scenario"
    plan = "plan"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _refuse(exc: FormatError) -> NoReturn:
    _err(f"{exc.what} refused ({len(exc.problems)} problem(s)):")
    for problem in exc.problems:
        _err(f"  {problem}")
    raise typer.Exit(EXIT_BAD_INPUT)


def load_scenario_or_exit(path: Path) -> Scenario:
    try:
        return load_scenario(path)
    except FormatError as exc:
        _refuse(exc)


def load_plan_or_exit(path: Path, scenario: Scenario | None) -> Plan:
    try:
        return load_plan(path, scenario)
    except FormatError as exc:
        _refuse(exc)


def write_output(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text + "\n")
        return
    tmp = output.with_name(output.name + ".part")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(output)  # never leave a half-written file behind


ScenarioArg = Annotated[Path, typer.Argument(help="Scenario JSON file.", show_default=False)]


@app.command()
def validate(scenario: ScenarioArg) -> None:
    """Check a scenario against the format; exit 2 with one line per problem."""
    from trainsched.workcal import scenario_calendar

    s = load_scenario_or_exit(scenario)
    cal = scenario_calendar(s)
    for warning in cal.warnings:
        _err(f"warning: {warning.en} ({warning.zh})")
    typer.echo(
        f"OK: {s.name}: {len(s.cohorts)} cohorts, {len(s.trainers)} trainers, "
        f"{len(s.venues)} venues, {len(s.funds)} funds, {len(s.mentors)} mentors, "
        f"{len(s.visit_requests)} visit requests, {len(cal.days)} working days"
    )


@app.command()
def check(
    scenario: ScenarioArg,
    plan: Annotated[Path, typer.Argument(help="Plan JSON file.", show_default=False)],
) -> None:
    """Check a plan against every hard rule of the spec; exit 1 when any is broken."""
    # The plan's references are resolved by the checker, so they show up as rule lines.
    from trainsched.checker import check_plan, format_report

    s = load_scenario_or_exit(scenario)
    p = load_plan_or_exit(plan, None)
    violations = check_plan(s, p)
    typer.echo(format_report(violations))
    if violations:
        raise typer.Exit(EXIT_BROKEN)


@app.command()
def solve(
    scenario: ScenarioArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the plan.")],
    time_limit: Annotated[float, typer.Option(help="Seconds of search.", min=0.1)] = 60.0,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    workers: Annotated[int, typer.Option(help="CP-SAT search workers.", min=1)] = 8,
    method: Annotated[Method, typer.Option(help="cpsat, or the greedy baseline.")] = Method.cpsat,
    previous: Annotated[
        Path | None, typer.Option(help="Previous plan to re-plan from (few changes).")
    ] = None,
) -> None:
    """Place cohorts and mentor visits; write the plan as JSON."""
    from trainsched.progress import progress_reporter
    from trainsched.solver import solve as run_solve
    from trainsched.solver.options import SolveOptions

    s = load_scenario_or_exit(scenario)
    prev = load_plan_or_exit(previous, s) if previous is not None else None
    options = SolveOptions(time_limit_s=time_limit, workers=workers, seed=seed, method=method.value)
    with progress_reporter(time_limit, enabled=sys.stderr.isatty()) as report:
        result = run_solve(s, options, previous=prev, on_progress=report)
    for warning in result.warnings:
        _err(f"warning: {warning.en} ({warning.zh})")
    write_output(result.plan.to_json(), output)
    bound = "" if result.bound is None else f", bound {result.bound}"
    _err(
        f"{result.status}: served value {result.value}{bound}; "
        f"{len(result.plan.cohorts)} cohorts placed, "
        f"{len(result.plan.unscheduled_cohorts)} not; {len(result.plan.visits)} visits → {output}"
    )


@app.command()
def generate(
    scale: Annotated[Scale, typer.Option(help="Size of the scenario.")] = Scale.small,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same file).")] = 1,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
) -> None:
    """Generate a realistic synthetic scenario, deterministic for a seed."""
    from trainsched.generate import generate_scenario

    write_output(generate_scenario(scale.value, seed).to_json(), output)


@app.command()
def schema(document: Annotated[Schema, typer.Argument(help="scenario or plan")]) -> None:
    """Print the JSON Schema of the scenario or plan format."""
    model = Scenario if document is Schema.scenario else Plan
    text = json.dumps(model.model_json_schema(by_alias=True), ensure_ascii=False, indent=2)
    write_output(text, None)


@app.command()
def serve(
    demo: Annotated[
        bool, typer.Option(help="Load, solve and publish the demo city first.")
    ] = False,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes (above 1 needs distributed mode).")
    ] = 1,
) -> None:
    """Run the HTTP API and web pages."""
    from trainsched.server.run import run_server

    settings = cli_ops.settings_or_exit()
    if workers > 1 and settings.mode != "distributed":
        _err(
            "refusing to start: --workers above 1 needs TRAINSCHED_MODE=distributed "
            "(embedded mode keeps SQLite and its solves in one process)"
        )
        raise typer.Exit(EXIT_BROKEN)
    run_server(settings, host=host, port=port, demo=demo, workers=workers)


@users_app.command("add")
def users_add(name: Annotated[str, typer.Argument(help="Coordinator's login name.")]) -> None:
    """Create a coordinator and print their bearer token once (it is stored only hashed)."""
    from trainsched.server.run import add_coordinator_cli
    from trainsched.settings import InsecureSettingsError, Settings
    from trainsched.store.errors import ConflictError

    try:
        typer.echo(add_coordinator_cli(Settings(), name))
    except (ConflictError, InsecureSettingsError) as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_BROKEN) from None


def main() -> None:
    """Entry point for ``python -m trainsched``."""
    app()
