"""From the application layer's answers to the API's schemas, in the language asked for."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import Header
from pydantic import BaseModel

from trainsched.api.schemas import (
    FundUsePublic,
    PlacementOption,
    PlacementOptions,
    PlanExplanation,
    SoftScore,
    UnscheduledCohortExplained,
    UnscheduledVisitsExplained,
)
from trainsched.formats import Lang
from trainsched.formats.plan_text import legacy_message
from trainsched.services.plans import Explanation
from trainsched.solver import ExtraOptions

M = TypeVar("M", bound=BaseModel)


def public(model: type[M], found: object) -> M:
    """The schema ``model`` filled from an application-layer object with the same fields."""
    return model.model_validate(found, from_attributes=True)


def api_lang(
    accept_language: Annotated[
        str | None, Header(description="`en` for English texts; Chinese otherwise.")
    ] = None,
) -> Lang:
    """The language of texts in an answer: English when the client prefers it, else Chinese."""
    first = (accept_language or "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "zh"


def explanation(found: Explanation, lang: Lang) -> PlanExplanation:
    """A plan's explanation with every reason and warning in ``lang``."""
    return PlanExplanation(
        plan_id=found.plan_id,
        status=found.status,
        value=found.value,
        bound=found.bound,
        gap=found.gap,
        scheduled_cohorts=found.scheduled_cohorts,
        requested_cohorts=found.requested_cohorts,
        scheduled_visits=found.scheduled_visits,
        unscheduled_cohorts=[
            UnscheduledCohortExplained(
                id=u.id,
                course=u.course,
                region=u.region,
                trainees=u.trainees,
                priority=u.priority,
                reason=u.reason.text(lang),
            )
            for u in found.unscheduled_cohorts
        ],
        unscheduled_visits=[
            UnscheduledVisitsExplained(
                request=u.request, missing=u.missing, reason=u.reason.text(lang)
            )
            for u in found.unscheduled_visits
        ],
        funds=[public(FundUsePublic, f) for f in found.funds],
        soft_scores=[public(SoftScore, s) for s in found.soft_scores],
        warnings=[w.text(lang) for w in found.warnings],
    )


def placement_options(found: ExtraOptions, lang: Lang) -> PlacementOptions:
    """Ways to place one more class, with the reason there is none in ``lang``."""
    why = legacy_message(found.reason) if isinstance(found.reason, str) else found.reason
    return PlacementOptions(
        cohort_id=found.cohort_id,
        options=[
            PlacementOption(
                days=list(o.days),
                venue=o.venue,
                trainers=list(o.trainers),
                value_gain=o.value_gain,
                subsidy=o.subsidy,
                venue_cost=o.venue_cost,
                fund=o.fund,
                trainers_away_from_home=o.trainers_away_from_home,
            )
            for o in found.options
        ],
        reason=None if why is None else why.text(lang),
    )
