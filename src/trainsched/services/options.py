"""The best few placements for one extra cohort, with every class of a plan kept where it is."""

from __future__ import annotations

from dataclasses import asdict

from pydantic import ValidationError
from sqlmodel import Session

from trainsched.api.schemas import OptionsCreate, PlacementOption, PlacementOptions
from trainsched.formats import FormatError
from trainsched.formats.errors import Problem, format_path
from trainsched.formats.scenario import Cohort
from trainsched.services import plans
from trainsched.services.common import get_row
from trainsched.services.errors import Invalid, invalid_document
from trainsched.solver import extra_options
from trainsched.store.mapper import scenario_from_row
from trainsched.store.tables import ScenarioRow


def _cohort(raw: dict[str, object]) -> Cohort:
    try:
        return Cohort.model_validate(raw)
    except ValidationError as exc:
        errors = [
            Problem("body.cohort." + format_path(tuple(e["loc"])), e["msg"]) for e in exc.errors()
        ]
        raise Invalid("the cohort is invalid", errors) from None


def placement_options(session: Session, plan_id: str, request: OptionsCreate) -> PlacementOptions:
    """Ways to place one more cohort without moving anything the plan already holds."""
    row, plan = plans.load(session, plan_id)
    scenario = scenario_from_row(get_row(session, ScenarioRow, row.scenario_id))
    cohort = _cohort(request.cohort)
    try:
        found = extra_options(scenario, plan, cohort, request.limit)
    except FormatError as exc:
        raise invalid_document(exc) from None
    options = [
        PlacementOption(**{**asdict(o), "days": list(o.days), "trainers": list(o.trainers)})
        for o in found.options
    ]
    why = None if found.reason is None else f"{found.reason.zh} / {found.reason.en}"
    return PlacementOptions(cohort_id=found.cohort_id, options=options, reason=why)
