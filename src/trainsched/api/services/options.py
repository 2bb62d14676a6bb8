"""The best few placements for one extra cohort, with every class of a plan kept where it is."""

from __future__ import annotations

from dataclasses import asdict

from pydantic import ValidationError
from sqlmodel import Session

from trainsched.api.problems import FieldProblem, ProblemError, format_error
from trainsched.api.schemas import OptionsCreate, PlacementOption, PlacementOptions
from trainsched.api.services import plans
from trainsched.api.services.common import get_x_or_404
from trainsched.formats import FormatError
from trainsched.formats.errors import format_path
from trainsched.formats.scenario import Cohort
from trainsched.solver import extra_options
from trainsched.store.mapper import scenario_from_row
from trainsched.store.tables import ScenarioRow


def _cohort(raw: dict[str, object]) -> Cohort:
    try:
        return Cohort.model_validate(raw)
    except ValidationError as exc:
        errors = [
            FieldProblem(path="body.cohort." + format_path(tuple(e["loc"])), message=e["msg"])
            for e in exc.errors()
        ]
        raise ProblemError(422, "the cohort is invalid", errors=errors) from None


def placement_options(session: Session, plan_id: str, request: OptionsCreate) -> PlacementOptions:
    """Ways to place one more cohort without moving anything the plan already holds."""
    row, plan = plans.load(session, plan_id)
    scenario = scenario_from_row(get_x_or_404(session, ScenarioRow, row.scenario_id))
    cohort = _cohort(request.cohort)
    try:
        found = extra_options(scenario, plan, cohort, request.limit)
    except FormatError as exc:
        raise format_error(exc) from None
    options = [
        PlacementOption(**{**asdict(o), "days": list(o.days), "trainers": list(o.trainers)})
        for o in found.options
    ]
    return PlacementOptions(cohort_id=found.cohort_id, options=options, reason=found.reason)
