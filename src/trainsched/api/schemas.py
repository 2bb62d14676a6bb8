"""API schemas: what clients send (``XCreate``) and what they get back (``XPublic``).

The published views everyone may read are in :mod:`trainsched.api.public_schemas`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo

from trainsched.api.problems import FieldProblem
from trainsched.formats import Message
from trainsched.services import plans as plan_records
from trainsched.services import scenarios as scenario_records

# "stalled": running in the store, but whoever ran it stopped saying so (shown, never stored).
JobStateName = Literal[
    "queued", "running", "stalled", "succeeded", "failed", "cancelled", "interrupted"
]
PlanStatusName = Literal["draft", "published", "superseded"]


def _in_language(value: Any, info: ValidationInfo) -> Any:
    # Texts for people come in both languages; an answer carries the one asked for.
    if isinstance(value, Message):
        return value.text((info.context or {}).get("lang", "zh"))
    return value


Text = Annotated[str, BeforeValidator(_in_language)]


class Out(BaseModel):
    """An answer's schema."""

    # Built from the application layer's dataclasses of the same shape (api/mapping.py).
    model_config = ConfigDict(extra="forbid", from_attributes=True)


class In(BaseModel):
    """A request body's schema."""

    model_config = ConfigDict(extra="forbid")


class ScenarioCounts(Out, scenario_records.ScenarioCounts):
    """How many objects of each kind a scenario holds."""


class ScenarioPublic(Out, scenario_records.ScenarioSummary):
    """A stored scenario as coordinators see it in lists (the document is a separate read)."""

    counts: ScenarioCounts


class AuditEntryPublic(Out):
    """One recorded change: who, in which office, when (UTC), what, and the ETags around it."""

    at: dt.datetime
    user_name: Text
    office_id: str | None
    office_name: str
    kind: str
    what: Text
    object_id: str
    etag_before: str | None
    etag_after: str | None


class OfficialDaysUpdate(In):
    """A year's official holiday notice: its holidays and its adjusted working weekends."""

    holidays: list[dt.date] = Field(default_factory=list, max_length=366)
    workdays: list[dt.date] = Field(default_factory=list, max_length=106)


class SolveCreate(In):
    """How to solve: time limit, seed, and optionally a plan to re-plan from."""

    # At most the server's maximum (the OpenAPI document states it; the service refuses more).
    time_limit_s: float | None = Field(default=None, ge=1)
    seed: int = Field(default=0, ge=0, le=2**31 - 1)
    workers: int | None = Field(default=None, ge=1, le=64)
    method: Literal["cpsat", "greedy"] = "cpsat"
    previous_plan_id: str | None = Field(default=None, min_length=1, max_length=64)


class JobPublic(Out):
    """A solve job's state and latest progress."""

    id: str
    scenario_id: str
    state: JobStateName
    elapsed_s: float
    value: int | None
    bound: int | None
    gap: float | None = Field(description="(bound - value) / bound, when both are known")
    plan_id: str | None
    previous_plan_id: str | None
    error: str | None
    options: dict[str, Any]
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    requeued: int = Field(
        default=0, description="times the job went back to the queue after losing its worker"
    )
    kind: Literal["solve", "levers", "money"] = Field(
        default="solve",
        description="solve: makes a plan; levers, money: a plan's levers or money curves",
    )
    queue_position: int | None = Field(
        default=None, description="while queued: its place in the queue (1 = starts next)"
    )
    expected_start: dt.datetime | None = Field(
        default=None,
        description="while queued: when it is expected to start, from the time limits of "
        "the jobs ahead and how long recent solves took",
    )


class PlanPublic(Out, plan_records.PlanSummary):
    """A stored plan's metadata (the document itself is ``GET /plans/{id}``)."""

    status: PlanStatusName


class PublishedChangesPublic(Out):
    """The published classes a plan would change if published (notices to their people)."""

    published_version: int | None = Field(description="The published plan's version; null: none")
    published_classes: int
    moved: int = Field(description="Moved to other days or another venue (trainers maybe too)")
    restaffed: int = Field(description="Same days and venue, other trainers")
    dropped: int
    total: int = Field(description="moved + restaffed + dropped: publish's confirm_changes")


class UnscheduledCohortExplained(Out, plan_records.ClassLeftOut):
    """A requested class left out, with the reason the solver found."""

    reason: Text  # type: ignore[assignment]  # the Message, in the language asked for


class UnscheduledVisitsExplained(Out, plan_records.VisitsShort):
    """A visit request that got fewer visits than asked, and why."""

    reason: Text  # type: ignore[assignment]  # the Message, in the language asked for


class FundUsePublic(Out, plan_records.FundSpend):
    """Money one fund spends under this plan."""


class SoftScore(plan_records.SoftGoalScore):
    """One soft goal of a plan: how much of it there is and what it weighs."""

    model_config = ConfigDict(extra="ignore", from_attributes=True)

    label: str | None = None
    weight: float | None = None
    penalty: float | None = None


class PlanExplanation(Out, plan_records.Explanation):
    """Why a plan looks as it does: its value, what it left out and each soft goal's score."""

    unscheduled_cohorts: list[UnscheduledCohortExplained]
    unscheduled_visits: list[UnscheduledVisitsExplained]
    funds: list[FundUsePublic]
    soft_scores: list[SoftScore]
    warnings: list[Text]  # type: ignore[assignment]  # the Messages, in the language asked for


ChangeKind = Literal["added", "dropped", "moved", "restaffed", "moved_and_restaffed"]


class CohortChange(Out):
    """One cohort that differs between two plans."""

    id: str
    kind: ChangeKind
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class PlanDiff(Out):
    """What changed from one plan to another."""

    from_plan_id: str
    to_plan_id: str
    value_before: int
    value_after: int
    unchanged: int
    changes: list[CohortChange]
    visits_added: int
    visits_removed: int


class ReplanChangeIn(In):
    """One change to re-plan for; which fields apply depends on ``kind``."""

    kind: Literal[
        "trainer_unavailable",
        "venue_closed",
        "cohort_added",
        "cohort_withdrawn",
        "fund_changed",
        "trainer_added",
        "venue_added",
        "cohort_window_changed",
    ]
    trainer: str | None = Field(default=None, min_length=1, max_length=128)
    venue: str | None = Field(default=None, min_length=1, max_length=128)
    cohort_id: str | None = Field(default=None, min_length=1, max_length=128)
    fund: str | None = Field(default=None, min_length=1, max_length=128)
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    amount: int | None = Field(default=None, ge=0)
    cohort: dict[str, Any] | None = Field(
        default=None, description="the new cohort, in the scenario format (cohort_added)"
    )
    new_trainer: dict[str, Any] | None = Field(
        default=None, description="the new trainer, in the scenario format (trainer_added)"
    )
    new_venue: dict[str, Any] | None = Field(
        default=None, description="the new venue, in the scenario format (venue_added)"
    )

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ReplanCreate(In):
    """Changes to re-plan a plan for, and how long to search.

    No changes re-plans against the scenario as stored now: after a year's official notice
    is entered, only the classes it breaks move.
    """

    changes: list[ReplanChangeIn] = Field(max_length=100)
    time_limit_s: float | None = Field(default=None, ge=1)
    seed: int = Field(default=0, ge=0, le=2**31 - 1)


class ReplanResult(Out):
    """The new draft plan of a re-plan and its diff against the old one."""

    plan: PlanPublic
    scenario_revision: int
    diff: PlanDiff
    conflicts: list[Text] = Field(description="pinned parts the changes made impossible")


class PartPublic(Out):
    """One object of a scenario list (course, trainer, ...) in the scenario format."""

    kind: str
    id: str
    etag: str
    scenario_revision: int
    data: dict[str, Any]


class OptionsCreate(In):
    """A cohort to add to a plan, in the scenario format, and how many options to return."""

    cohort: dict[str, Any]
    limit: int = Field(default=5, ge=1, le=20)


class PlacementOption(Out):
    """One way to place an extra cohort with everything else fixed."""

    days: list[dt.date]
    venue: str
    trainers: list[str]
    value_gain: int
    subsidy: int = Field(description="yuan charged to the covering fund")
    venue_cost: int = Field(description="yuan of venue rent over the class's days")
    fund: str | None
    trainers_away_from_home: int


class PlacementOptions(Out):
    """The best few placements for one extra cohort."""

    cohort_id: str
    options: list[PlacementOption]
    reason: Text | None = Field(description="why there is none, when the list is empty")


class ValidationReport(Out):
    """The result of validating a document without storing it."""

    valid: bool
    errors: list[FieldProblem]
