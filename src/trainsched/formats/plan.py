"""The plan document ``trainsched.plan/1`` as strict pydantic models."""

from __future__ import annotations

from typing import Final, Literal

from pydantic import Field, StrictInt

from trainsched.formats.common import Count, Extensions, Id, IsoDate, PositiveCount, Strict

PLAN_FORMAT: Final = "trainsched.plan/1"
PlanStatus = Literal["optimal", "feasible", "infeasible", "unknown"]


class ScheduledCohort(Strict):
    """A placed class: every teaching day, its venue and its trainers."""

    id: Id
    days: list[IsoDate] = Field(min_length=1)
    venue: Id
    trainers: list[Id]


class Visit(Strict):
    """One mentor visit to one entrepreneur on one day."""

    request: Id
    date: IsoDate
    mentor: Id
    order: PositiveCount


class UnscheduledCohort(Strict):
    """A requested class the plan could not place, and why."""

    id: Id
    reason: str


class UnscheduledVisits(Strict):
    """A visit request that got fewer visits than asked, and why."""

    request: Id
    missing: PositiveCount
    reason: str


class FundUse(Strict):
    """How much of a fund the plan spends."""

    id: Id
    used: Count
    amount: Count


class Plan(Strict):
    """The planner's answer to a scenario."""

    format: Literal["trainsched.plan/1"] = "trainsched.plan/1"
    scenario: str
    status: PlanStatus
    objective: StrictInt
    bound: StrictInt | None = None
    cohorts: list[ScheduledCohort] = Field(default_factory=list)
    visits: list[Visit] = Field(default_factory=list)
    unscheduled_cohorts: list[UnscheduledCohort] = Field(default_factory=list)
    unscheduled_visits: list[UnscheduledVisits] = Field(default_factory=list)
    funds: list[FundUse] = Field(default_factory=list)
    x: Extensions | None = None

    def to_json(self) -> str:
        """Serialise as the spec's JSON."""
        return self.model_dump_json(by_alias=True, exclude_none=True, indent=2)
