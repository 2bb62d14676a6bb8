"""Spreadsheets: a scenario imported from a workbook, scenarios and plans exported to one."""

from __future__ import annotations

from sqlmodel import Session

from trainsched.formats import FormatError
from trainsched.services import access, scenarios
from trainsched.services.access import Actor
from trainsched.services.common import get_row
from trainsched.services.errors import Conflict, Invalid
from trainsched.services.money import money_sheet
from trainsched.sheets import (
    SheetError,
    SheetImportError,
    SheetTooLarge,
    export_plan,
    export_scenario,
    import_workbook,
)
from trainsched.solver import key_groups
from trainsched.store.mapper import plan_from_row, scenario_from_row
from trainsched.store.tables import ScenarioRow


class WorkbookRefused(Invalid):
    """A workbook was refused as a whole; ``sheet_errors`` name each sheet, row and column.

    ``too_large`` says the file was refused for its size alone, before it was read.
    """

    def __init__(self, errors: list[SheetError], too_large: bool = False) -> None:
        detail = f"spreadsheet refused: {len(errors)} problem(s)"
        super().__init__(detail, kind="too-large" if too_large else "invalid-spreadsheet")
        self.sheet_errors = errors
        self.too_large = too_large


def import_scenario(
    session: Session, actor: Actor, data: bytes, filename: str, office_id: str | None = None
) -> ScenarioRow:
    """Store a new scenario from an .xlsx or .csv file: all of it, or nothing.

    It goes to ``office_id`` (default: the actor's own), where the actor must plan.
    """
    access.office(session, actor, office_id, "planner")
    try:
        scenario = import_workbook(data, filename)
    except SheetImportError as exc:
        raise WorkbookRefused(exc.errors, isinstance(exc, SheetTooLarge)) from None
    return scenarios.store_new(session, actor, scenario, office_id)


def scenario_workbook(session: Session, actor: Actor, scenario_id: str) -> bytes:
    """A stored scenario's lists in the template's layout (re-importable)."""
    _, scenario = scenarios.load(session, actor, scenario_id)
    return export_scenario(scenario)


def plan_workbook(session: Session, actor: Actor, plan_id: str) -> bytes:
    """A plan as the coordinator's printable workbook, with the class-opening applications."""
    row = access.plan(session, actor, plan_id, "viewer")
    scenario = scenario_from_row(get_row(session, ScenarioRow, row.scenario_id))
    names = {g: scenario.groups[g].name for g in key_groups(scenario)}
    money = money_sheet(session, plan_id, names)
    try:
        return export_plan(scenario, plan_from_row(row), money)
    except FormatError as exc:
        # The scenario was edited after this plan: the plan no longer fits it.
        raise Conflict("the plan no longer fits its scenario", exc.problems) from None


def template() -> bytes:
    """The empty import template with an example row per sheet."""
    return export_scenario(None)
