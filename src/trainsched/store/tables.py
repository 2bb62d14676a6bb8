"""Stored tables: scenarios, plans, solve jobs, feed tokens, feed histories, coordinators,
web sessions and refused sign-ins."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, Literal

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from trainsched.store.fields import (
    UTCDateTime,
    created_field,
    id_field,
    in_check,
    new_id,
    optional_ref_field,
    ref_field,
    utcnow,
)

PlanStatus = Literal["draft", "published", "superseded"]
JobState = Literal["queued", "running", "succeeded", "failed", "cancelled", "interrupted"]
# What a job computes: a plan (solve), or an answer about a plan kept in ``result``
# (levers: what it would take to place its left-out classes; money: its money curves).
JobKind = Literal["solve", "levers", "money"]
SubjectKind = Literal["trainer", "mentor", "venue"]

PLAN_STATUSES: Final = ("draft", "published", "superseded")
JOB_STATES: Final = ("queued", "running", "succeeded", "failed", "cancelled", "interrupted")
FINAL_JOB_STATES: Final = ("succeeded", "failed", "cancelled", "interrupted")
SUBJECT_KINDS: Final = ("trainer", "mentor", "venue")

# Existing single-office data is moved into this office by migration 0005; scenarios and
# users given no office land here too, so a one-bureau server needs no setup.
DEFAULT_OFFICE_ID: Final = "00000000-0000-0000-0000-000000000000"

# Both dialects understand this predicate, so one partial index serves both.
PUBLISHED_ONLY: Final = sa.text("status = 'published'")


class ScenarioRow(SQLModel, table=True):
    """A stored scenario document; ``revision`` grows on every change (the API's ETag)."""

    __tablename__ = "scenario"
    __table_args__ = (
        sa.Index("ix_scenario_name", "name"),
        sa.Index("ix_scenario_office_id", "office_id"),
    )

    id: str = id_field()
    name: str = Field(sa_type=sa.String(200))
    # The office that owns it (and, through it, its plans, jobs and feed links).
    office_id: str = Field(
        default=DEFAULT_OFFICE_ID, foreign_key="office.id", sa_type=sa.String(36)
    )
    document: str = Field(sa_type=sa.Text)
    revision: int = 1
    created_at: dt.datetime = created_field()
    updated_at: dt.datetime = created_field()


class PlanRow(SQLModel, table=True):
    """A stored plan document, numbered per scenario, with its publication status."""

    __tablename__ = "plan"
    __table_args__ = (
        sa.Index("uq_plan_scenario_version", "scenario_id", "version", unique=True),
        sa.Index("ix_plan_scenario_status", "scenario_id", "status"),
        sa.Index(
            "uq_plan_one_published",
            "scenario_id",
            unique=True,
            sqlite_where=PUBLISHED_ONLY,
            postgresql_where=PUBLISHED_ONLY,
        ),
        sa.CheckConstraint(in_check("status", PLAN_STATUSES), name="ck_plan_status"),
        # One plan per solve job, however often a worker retries storing it.
        sa.Index("uq_plan_solve_job_id", "solve_job_id", unique=True),
    )

    id: str = id_field()
    scenario_id: str = ref_field("scenario")
    version: int
    status: PlanStatus = Field(default="draft", sa_type=sa.String(16))
    document: str = Field(sa_type=sa.Text)
    objective: int = Field(sa_type=sa.BigInteger)
    bound: int | None = Field(default=None, sa_type=sa.BigInteger)
    # Plain id, no foreign key: solvejob already points at plan, and a cycle of
    # foreign keys cannot be created on SQLite without rebuilding a table.
    solve_job_id: str | None = Field(default=None, sa_type=sa.String(36))
    created_at: dt.datetime = created_field()
    published_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class SolveJobRow(SQLModel, table=True):
    """A solve run of a scenario: its state, options, latest progress and outcome."""

    __tablename__ = "solvejob"
    __table_args__ = (
        sa.Index("ix_solvejob_state", "state"),
        sa.Index("ix_solvejob_scenario_id", "scenario_id"),
        sa.Index("ix_solvejob_previous_kind", "previous_plan_id", "kind"),
        sa.CheckConstraint(in_check("state", JOB_STATES), name="ck_solvejob_state"),
    )

    id: str = id_field()
    scenario_id: str = ref_field("scenario")
    state: JobState = Field(default="queued", sa_type=sa.String(16))
    options: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    previous_plan_id: str | None = optional_ref_field("plan")
    elapsed_s: float = 0.0
    value: int | None = Field(default=None, sa_type=sa.BigInteger)
    bound: int | None = Field(default=None, sa_type=sa.BigInteger)
    error: str | None = Field(default=None, sa_type=sa.Text)
    plan_id: str | None = optional_ref_field("plan")
    created_at: dt.datetime = created_field()
    started_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    heartbeat_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The running process vouches for the job until then; past it, nobody is working on it.
    alive_until: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Times the job went back to the queue because the worker running it was lost.
    requeued: int = Field(default=0, sa_column_kwargs={"server_default": sa.text("0")})
    # The best checked plan so far (JSON) with its value and bound; never the job's result
    # while it runs, only kept as its plan when the job is cut short.
    checkpoint: str | None = Field(default=None, sa_type=sa.Text)
    checkpoint_value: int | None = Field(default=None, sa_type=sa.BigInteger)
    checkpoint_bound: int | None = Field(default=None, sa_type=sa.BigInteger)
    # Set by any API process; the process or worker running the job polls it and stops.
    cancel_requested_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    kind: JobKind = Field(
        default="solve", sa_type=sa.String(16), sa_column_kwargs={"server_default": "solve"}
    )
    # The answer of a job about a plan (``previous_plan_id``): JSON, e.g. its levers.
    result: str | None = Field(default=None, sa_type=sa.Text)


class SolvePartRow(SQLModel, table=True):
    """One independent part of a split solve job: its classes, progress and partial plan."""

    __tablename__ = "solvepart"
    __table_args__ = (sa.Index("uq_solvepart_job_index", "job_id", "index", unique=True),)

    id: str = id_field()
    job_id: str = Field(foreign_key="solvejob.id", ondelete="CASCADE", sa_type=sa.String(36))
    index: int
    cohort_ids: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    time_limit_s: float
    done: bool = False
    elapsed_s: float = 0.0
    value: int | None = Field(default=None, sa_type=sa.BigInteger)
    bound: int | None = Field(default=None, sa_type=sa.BigInteger)
    document: str | None = Field(default=None, sa_type=sa.Text)
    # The part's best checked plan so far, so a worker taking over a lost part goes on from it.
    checkpoint: str | None = Field(default=None, sa_type=sa.Text)


class FeedTokenRow(SQLModel, table=True):
    """A calendar-feed token of one trainer, mentor or venue; only its sha256 is kept."""

    __tablename__ = "feedtoken"
    __table_args__ = (
        sa.Index("uq_feedtoken_token_hash", "token_hash", unique=True),
        sa.Index("ix_feedtoken_subject", "scenario_id", "subject_kind", "subject_id"),
        sa.CheckConstraint(
            in_check("subject_kind", SUBJECT_KINDS), name="ck_feedtoken_subject_kind"
        ),
    )

    id: str = id_field()
    token_hash: str = Field(sa_type=sa.String(64))
    subject_kind: SubjectKind = Field(sa_type=sa.String(16))
    subject_id: str = Field(sa_type=sa.String(128))
    scenario_id: str = ref_field("scenario")
    created_at: dt.datetime = created_field()
    revoked_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class CoordinatorRow(SQLModel, table=True):
    """A training coordinator who may change scenarios; only the token's sha256 is kept."""

    __tablename__ = "coordinator"
    __table_args__ = (
        sa.Index("uq_coordinator_name", "name", unique=True),
        sa.Index("uq_coordinator_token_hash", "token_hash", unique=True),
    )

    id: str = id_field()
    name: str = Field(sa_type=sa.String(200))
    token_hash: str = Field(sa_type=sa.String(64))
    created_at: dt.datetime = created_field()
    disabled: bool = False
    # One live token per person (migration 0006): what it is for, when it stops working
    # (None: never), when it was last accepted (written at most once a minute).
    token_name: str = Field(default="", sa_type=sa.String(100))
    token_expires_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class WebSessionRow(SQLModel, table=True):
    """A signed-in browser: the cookie holds a random id, only its sha256 is kept here."""

    __tablename__ = "websession"
    __table_args__ = (sa.Index("ix_websession_coordinator", "coordinator_id"),)

    id_hash: str = Field(primary_key=True, sa_type=sa.String(64))
    coordinator_id: str = ref_field("coordinator")
    created_at: dt.datetime = created_field()
    last_seen_at: dt.datetime = created_field()


class AuthFailureRow(SQLModel, table=True):
    """One refused sign-in or bearer token, under each key it counts against (rate limits)."""

    __tablename__ = "authfailure"
    __table_args__ = (
        sa.Index("ix_authfailure_key_at", "key", "at"),
        sa.Index("ix_authfailure_at", "at"),
    )

    id: str = id_field()
    key: str = Field(sa_type=sa.String(300))
    at: dt.datetime = created_field()


class FeedHistoryRow(SQLModel, table=True):
    """The calendar-feed history of a scenario as its feeds last showed it.

    Kept so that a change between publications (a venue's address edited in the scenario)
    still raises SEQUENCE on the events it touches, and later changes raise it again.
    """

    __tablename__ = "feedhistory"

    scenario_id: str = Field(
        primary_key=True, foreign_key="scenario.id", ondelete="CASCADE", sa_type=sa.String(36)
    )
    plan_id: str = Field(sa_type=sa.String(36))
    scenario_revision: int
    document: str = Field(sa_type=sa.Text)
    updated_at: dt.datetime = created_field()


__all__ = [
    "FINAL_JOB_STATES",
    "JOB_STATES",
    "PLAN_STATUSES",
    "SUBJECT_KINDS",
    "AuthFailureRow",
    "CoordinatorRow",
    "FeedHistoryRow",
    "FeedTokenRow",
    "JobState",
    "PlanRow",
    "PlanStatus",
    "ScenarioRow",
    "SolveJobRow",
    "SolvePartRow",
    "SubjectKind",
    "UTCDateTime",
    "WebSessionRow",
    "new_id",
    "utcnow",
]


# The office tables refer to these; importing them here registers every table at once.
from trainsched.store import office_tables as _office_tables  # noqa: E402, F401
