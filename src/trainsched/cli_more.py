"""CLI commands for re-planning and spreadsheets (kept apart so each file reads in one sitting)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from trainsched.formats import FormatError
from trainsched.solver import (
    Change,
    CohortWithdrawn,
    FundChanged,
    TrainerUnavailable,
    VenueClosed,
)

export_app = typer.Typer(help="Export scenarios and plans to Excel.", no_args_is_help=True)

Ranges = Annotated[
    list[str] | None,
    typer.Option(help="ID:FROM:TO, e.g. T07:2027-03-01:2027-03-14 (repeatable)."),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code)


def _range(text: str, option: str) -> tuple[str, dt.date, dt.date]:
    try:
        ident, start, end = text.rsplit(":", 2)
        return ident, dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        raise _fail(f"{option}: expected ID:YYYY-MM-DD:YYYY-MM-DD, got {text!r}") from None


def changes_from_options(
    trainer_away: list[str], venue_closed: list[str], withdraw: list[str], fund: list[str]
) -> list[Change]:
    """Turn the replan command's options into the solver's typed changes."""
    changes: list[Change] = []
    for text in trainer_away:
        changes.append(TrainerUnavailable(*_range(text, "--trainer-away")))
    for text in venue_closed:
        changes.append(VenueClosed(*_range(text, "--venue-closed")))
    changes.extend(CohortWithdrawn(c) for c in withdraw)
    for text in fund:
        ident, _, amount = text.partition(":")
        if not amount.isdigit():
            raise _fail(f"--fund: expected ID:AMOUNT in whole yuan, got {text!r}")
        changes.append(FundChanged(ident, int(amount)))
    return changes


def replan(
    scenario: Annotated[Path, typer.Argument(help="Scenario JSON file.")],
    previous: Annotated[Path, typer.Argument(help="The published plan to change.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the new plan.")],
    trainer_away: Ranges = None,
    venue_closed: Ranges = None,
    withdraw: Annotated[list[str] | None, typer.Option(help="Cohort id to withdraw.")] = None,
    fund: Annotated[list[str] | None, typer.Option(help="ID:AMOUNT new fund amount.")] = None,
    time_limit: Annotated[float, typer.Option(help="Seconds of search.", min=0.1)] = 10.0,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
) -> None:
    """Re-plan after a change, moving as little as possible; prints the diff and conflicts."""
    from trainsched.cli import load_plan_or_exit, load_scenario_or_exit, write_output
    from trainsched.solver import SolveOptions
    from trainsched.solver import replan as run_replan

    s = load_scenario_or_exit(scenario)
    prev = load_plan_or_exit(previous, s)
    changes = changes_from_options(
        trainer_away or [], venue_closed or [], withdraw or [], fund or []
    )
    try:
        options = SolveOptions(time_limit_s=time_limit, seed=seed)
        result = run_replan(s, prev, changes, options)
    except FormatError as exc:
        raise _fail("changes refused: " + "; ".join(str(p) for p in exc.problems)) from None
    write_output(result.plan.to_json(), output)
    if result.diff is not None:
        for kind in ("moved", "restaffed", "dropped", "added"):
            ids = getattr(result.diff, kind)
            typer.echo(f"{kind}: {', '.join(ids) if ids else '-'}", err=True)
    for conflict in result.conflicts:
        typer.echo(f"conflict: {conflict.zh} / {conflict.en}", err=True)


def import_sheet(
    file: Annotated[Path, typer.Argument(help=".xlsx or .csv file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Scenario JSON to write.")],
    base: Annotated[Path | None, typer.Option(help="Scenario the lists are merged into.")] = None,
    kind: Annotated[str | None, typer.Option(help="List a CSV holds, e.g. trainers.")] = None,
) -> None:
    """Import coordinators' spreadsheets into a scenario: all or nothing."""
    from trainsched.cli import write_output
    from trainsched.sheets import SheetImportError, cli_import, format_errors

    try:
        scenario = cli_import(file, base=base, kind=kind)
    except SheetImportError as exc:
        raise _fail(format_errors(exc.errors)) from None
    except FormatError as exc:
        raise _fail("; ".join(str(p) for p in exc.problems)) from None
    write_output(scenario.to_json(), output)


@export_app.command("scenario")
def export_scenario(
    scenario: Annotated[Path, typer.Argument(help="Scenario JSON file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help=".xlsx to write.")],
) -> None:
    """Write a scenario as the import template workbook with its lists filled in."""
    from trainsched.sheets import cli_export_scenario

    try:
        cli_export_scenario(scenario, output)
    except FormatError as exc:
        raise _fail("; ".join(str(p) for p in exc.problems)) from None


@export_app.command("plan")
def export_plan(
    scenario: Annotated[Path, typer.Argument(help="Scenario JSON file.")],
    plan: Annotated[Path, typer.Argument(help="Plan JSON file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help=".xlsx to write.")],
) -> None:
    """Write a plan as a printable workbook (classes, diaries, funds, 开班申请 per district)."""
    from trainsched.sheets import cli_export_plan

    try:
        cli_export_plan(scenario, plan, output)
    except FormatError as exc:
        raise _fail("; ".join(str(p) for p in exc.problems)) from None


@export_app.command("template")
def export_template(
    output: Annotated[Path, typer.Option("--output", "-o", help=".xlsx to write.")],
) -> None:
    """Write the empty import template (headers, example rows, drop-downs, notes)."""
    from trainsched.sheets import cli_template

    cli_template(output)
