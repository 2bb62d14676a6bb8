"""Commands on scenario and plan files: validate, check, solve, replan, generate, schema."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trainsched.cli.files import (
    EXIT_BROKEN,
    Lang,
    LangOpt,
    ScenarioArg,
    fail,
    load_plan_or_exit,
    load_scenario_or_exit,
    problems_line,
    say,
    say_each,
    write_output,
)
from trainsched.formats import FormatError, Plan, Scenario
from trainsched.formats.plan_text import cohort_reasons

if TYPE_CHECKING:
    from trainsched.solver import Change


class Scale(StrEnum):
    """Sizes the generator knows."""

    tiny = "tiny"
    small = "small"
    city = "city"
    province = "province"


class GenProfile(StrEnum):
    """Generator profiles: today's funding, or tight money that decides the plan."""

    standard = "standard"
    money = "money"


class Method(StrEnum):
    """Solving methods."""

    cpsat = "cpsat"
    greedy = "greedy"


class Schema(StrEnum):
    """Documents with a JSON Schema."""

    scenario = "scenario"
    plan = "plan"


Ranges = Annotated[
    list[str] | None,
    typer.Option(help="ID:FROM:TO, e.g. T07:2027-03-01:2027-03-14 (repeatable)."),
]
TimeLimit = Annotated[float, typer.Option(help="Seconds of search.", min=0.1)]
Seed = Annotated[int, typer.Option(help="Random seed.")]


def validate(scenario: ScenarioArg, lang: LangOpt = Lang.en) -> None:
    """Check a scenario against the format; exit 2 with one line per problem."""
    from trainsched.workcal import scenario_calendar

    s = load_scenario_or_exit(scenario)
    cal = scenario_calendar(s)
    say_each("warning", cal.warnings, lang)
    typer.echo(
        f"OK: {s.name}: {len(s.cohorts)} cohorts, {len(s.trainers)} trainers, "
        f"{len(s.venues)} venues, {len(s.funds)} funds, {len(s.mentors)} mentors, "
        f"{len(s.visit_requests)} visit requests, {len(cal.days)} working days"
    )


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


def solve(
    scenario: ScenarioArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the plan.")],
    time_limit: TimeLimit = 60.0,
    seed: Seed = 0,
    workers: Annotated[int, typer.Option(help="CP-SAT search workers.", min=1)] = 8,
    method: Annotated[Method, typer.Option(help="cpsat, or the greedy baseline.")] = Method.cpsat,
    previous: Annotated[
        Path | None, typer.Option(help="Previous plan to re-plan from (few changes).")
    ] = None,
    lang: LangOpt = Lang.en,
    reasons: Annotated[bool, typer.Option(help="Say why each class was left out.")] = False,
) -> None:
    """Place cohorts and mentor visits; write the plan as JSON."""
    from trainsched.progress import progress_reporter
    from trainsched.solver import SolveOptions
    from trainsched.solver import solve as run_solve

    s = load_scenario_or_exit(scenario)
    prev = load_plan_or_exit(previous, s) if previous is not None else None
    options = SolveOptions(time_limit_s=time_limit, workers=workers, seed=seed, method=method.value)
    with progress_reporter(time_limit, enabled=sys.stderr.isatty()) as report:
        result = run_solve(s, options, previous=prev, on_progress=report)
    say_each("warning", result.warnings, lang)
    write_output(result.plan.to_json(), output)
    bound = "" if result.bound is None else f", bound {result.bound}"
    say(
        f"{result.status}: served value {result.value}{bound}; "
        f"{len(result.plan.cohorts)} cohorts placed, "
        f"{len(result.plan.unscheduled_cohorts)} not; {len(result.plan.visits)} visits → {output}"
    )
    if reasons:
        for cid, why in cohort_reasons(result.plan).items():
            say_each(f"left out {cid}", [why], lang)


def _range(text: str, option: str) -> tuple[str, dt.date, dt.date]:
    try:
        ident, start, end = text.rsplit(":", 2)
        return ident, dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        raise fail(f"{option}: expected ID:YYYY-MM-DD:YYYY-MM-DD, got {text!r}") from None


def changes_from_options(
    trainer_away: list[str], venue_closed: list[str], withdraw: list[str], fund: list[str]
) -> list[Change]:
    """Turn the replan command's options into the solver's typed changes."""
    from trainsched.solver import CohortWithdrawn, FundChanged, TrainerUnavailable, VenueClosed

    changes: list[Change] = []
    for text in trainer_away:
        changes.append(TrainerUnavailable(*_range(text, "--trainer-away")))
    for text in venue_closed:
        changes.append(VenueClosed(*_range(text, "--venue-closed")))
    changes.extend(CohortWithdrawn(c) for c in withdraw)
    for text in fund:
        ident, _, amount = text.partition(":")
        if not amount.isdigit():
            raise fail(f"--fund: expected ID:AMOUNT in whole yuan, got {text!r}")
        changes.append(FundChanged(ident, int(amount)))
    return changes


def replan(
    scenario: ScenarioArg,
    previous: Annotated[Path, typer.Argument(help="The published plan to change.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the new plan.")],
    trainer_away: Ranges = None,
    venue_closed: Ranges = None,
    withdraw: Annotated[list[str] | None, typer.Option(help="Cohort id to withdraw.")] = None,
    fund: Annotated[list[str] | None, typer.Option(help="ID:AMOUNT new fund amount.")] = None,
    time_limit: TimeLimit = 10.0,
    seed: Seed = 0,
    lang: LangOpt = Lang.en,
) -> None:
    """Re-plan after a change, moving as little as possible; prints the diff and conflicts."""
    from trainsched.solver import SolveOptions, replan_changes

    s = load_scenario_or_exit(scenario)
    prev = load_plan_or_exit(previous, s)
    changes = changes_from_options(
        trainer_away or [], venue_closed or [], withdraw or [], fund or []
    )
    try:
        options = SolveOptions(time_limit_s=time_limit, seed=seed)
        result = replan_changes(s, prev, changes, options).result
    except FormatError as exc:
        raise fail("changes refused: " + problems_line(exc)) from None
    write_output(result.plan.to_json(), output)
    if result.diff is not None:
        for kind in ("moved", "restaffed", "dropped", "added"):
            ids = getattr(result.diff, kind)
            say(f"{kind}: {', '.join(ids) if ids else '-'}")
    say_each("conflict", result.conflicts, lang)


def generate(
    scale: Annotated[Scale, typer.Option(help="Size of the scenario.")] = Scale.small,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same file).")] = 1,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    profile: Annotated[
        GenProfile,
        typer.Option(help="standard, or money: funds hold 55-80 % of the subsidy asked."),
    ] = GenProfile.standard,
    institutions: Annotated[
        bool, typer.Option(help="Generate training institutions (rule 7).")
    ] = True,
) -> None:
    """Generate a realistic synthetic scenario, deterministic for a seed."""
    from trainsched.generate import generate_scenario

    s = generate_scenario(scale.value, seed, institutions=institutions, profile=profile.value)
    write_output(s.to_json(), output)


def schema(document: Annotated[Schema, typer.Argument(help="scenario or plan")]) -> None:
    """Print the JSON Schema of the scenario or plan format."""
    model = Scenario if document is Schema.scenario else Plan
    text = json.dumps(model.model_json_schema(by_alias=True), ensure_ascii=False, indent=2)
    write_output(text, None)
