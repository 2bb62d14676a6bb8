"""The best few placements for one extra cohort, with every class of a plan kept where it is."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError
from sqlmodel import Session

from trainsched.formats import FormatError
from trainsched.formats.errors import Problem, format_path
from trainsched.formats.scenario import Cohort
from trainsched.services import plans
from trainsched.services.access import Actor
from trainsched.services.errors import Invalid, invalid_document
from trainsched.solver import ExtraOptions, extra_options


def _cohort(raw: Mapping[str, object]) -> Cohort:
    try:
        return Cohort.model_validate(raw)
    except ValidationError as exc:
        errors = [
            Problem("body.cohort." + format_path(tuple(e["loc"])), e["msg"]) for e in exc.errors()
        ]
        raise Invalid("the cohort is invalid", errors) from None


def placement_options(
    session: Session, actor: Actor, plan_id: str, cohort: Mapping[str, object], limit: int
) -> ExtraOptions:
    """Ways to place one more cohort without moving anything the plan already holds."""
    _, plan, scenario = plans.load_with_scenario(session, actor, plan_id, "planner")
    try:
        return extra_options(scenario, plan, _cohort(cohort), limit)
    except FormatError as exc:
        raise invalid_document(exc) from None
