"""The one crossing between stored rows and the domain formats (scenario, plan, solve options)."""

from __future__ import annotations

import dataclasses
from typing import Any

from trainsched.formats import Plan, Scenario, parse_plan, parse_scenario
from trainsched.solver.options import SolveOptions
from trainsched.store.office_tables import DEFAULT_OFFICE_ID
from trainsched.store.tables import PlanRow, PlanStatus, ScenarioRow, SolveJobRow, utcnow


def scenario_from_row(row: ScenarioRow) -> Scenario:
    """The stored scenario, validated again as the spec demands."""
    return parse_scenario(row.document)


def scenario_to_row(
    scenario: Scenario, row: ScenarioRow | None = None, office_id: str = DEFAULT_OFFICE_ID
) -> ScenarioRow:
    """A new row for the scenario in ``office_id``, or ``row`` updated.

    A row's revision grows only on a real change, and a replaced scenario keeps its office.
    """
    document = scenario.to_json()
    if row is None:
        return ScenarioRow(name=scenario.name, document=document, office_id=office_id)
    if row.document != document:
        row.name = scenario.name
        row.document = document
        row.revision += 1
        row.updated_at = utcnow()
    return row


def plan_from_row(row: PlanRow, scenario: Scenario | None = None) -> Plan:
    """The stored plan; with its scenario, its references are checked too."""
    return parse_plan(row.document, scenario)


def plan_to_row(
    plan: Plan,
    scenario_id: str,
    *,
    version: int,
    status: PlanStatus = "draft",
    solve_job_id: str | None = None,
) -> PlanRow:
    """A new row holding the plan as the spec's JSON, with its served value and bound."""
    return PlanRow(
        scenario_id=scenario_id,
        version=version,
        status=status,
        document=plan.to_json(),
        objective=plan.objective,
        bound=plan.bound,
        solve_job_id=solve_job_id,
        published_at=utcnow() if status == "published" else None,
    )


def options_to_json(options: SolveOptions) -> dict[str, Any]:
    """Solve options as a JSON object for a job row."""
    return dataclasses.asdict(options)


def job_options(row: SolveJobRow) -> SolveOptions:
    """The solve options a job was created with (unknown keys from older rows are dropped)."""
    known = {f.name for f in dataclasses.fields(SolveOptions)}
    return SolveOptions(**{k: v for k, v in row.options.items() if k in known})


__all__ = [
    "job_options",
    "options_to_json",
    "plan_from_row",
    "plan_to_row",
    "scenario_from_row",
    "scenario_to_row",
]
