"""Spreadsheet commands: import coordinators' lists, export scenarios, plans and the template."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trainsched.cli.files import ScenarioArg, fail, problems_line, write_output
from trainsched.formats import FormatError, Message, Scenario, load_plan, load_scenario

export_app = typer.Typer(help="Export scenarios and plans to Excel.", no_args_is_help=True)

XlsxOutput = Annotated[Path, typer.Option("--output", "-o", help=".xlsx to write.")]


def _read_upload(path: Path) -> bytes:
    from trainsched.sheets import read_capped, refusal

    try:
        with path.open("rb") as fh:
            return read_capped(fh)
    except OSError as exc:
        message = Message(f"无法读取文件：{exc.strerror}", f"cannot read {path}: {exc.strerror}")
        raise refusal(message) from None


def import_sheet(
    file: Annotated[Path, typer.Argument(help=".xlsx or .csv file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Scenario JSON to write.")],
    base: Annotated[Path | None, typer.Option(help="Scenario the lists are merged into.")] = None,
    kind: Annotated[str | None, typer.Option(help="List a CSV holds, e.g. trainers.")] = None,
) -> None:
    """Import coordinators' spreadsheets into a scenario: all or nothing."""
    from trainsched.sheets import SheetImportError, format_errors, import_workbook

    try:
        data = _read_upload(file)
        onto = load_scenario(base) if base is not None else None
        scenario = import_workbook(data, file.name, base=onto, kind=kind)
    except SheetImportError as exc:
        raise fail(format_errors(exc.errors)) from None
    except FormatError as exc:
        raise fail(problems_line(exc)) from None
    write_output(scenario.to_json(), output)


@export_app.command("scenario")
def export_scenario(scenario: ScenarioArg, output: XlsxOutput) -> None:
    """Write a scenario as the import template workbook with its lists filled in."""
    from trainsched.sheets import export_scenario as workbook

    write_output(workbook(_scenario(scenario)), output)


@export_app.command("plan")
def export_plan(
    scenario: ScenarioArg,
    plan: Annotated[Path, typer.Argument(help="Plan JSON file.")],
    output: XlsxOutput,
) -> None:
    """Write a plan as a printable workbook (classes, diaries, funds, 开班申请 per district)."""
    from trainsched.sheets import export_plan as workbook

    s = _scenario(scenario)
    try:
        data = workbook(s, load_plan(plan, s))
    except FormatError as exc:
        raise fail(problems_line(exc)) from None
    write_output(data, output)


@export_app.command("template")
def export_template(output: XlsxOutput) -> None:
    """Write the empty import template (headers, example rows, drop-downs, notes)."""
    from trainsched.sheets import export_scenario as workbook

    write_output(workbook(None), output)


def _scenario(path: Path) -> Scenario:
    # Export commands report a refused scenario on one line, as they always have.
    try:
        return load_scenario(path)
    except FormatError as exc:
        raise fail(problems_line(exc)) from None
