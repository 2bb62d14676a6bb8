"""Server settings, read from ``TRAINSCHED_*`` environment variables."""

from __future__ import annotations

import ipaddress
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from trainsched.cpus import default_solves, solver_threads, usable_cpus

DEFAULT_SECRET_KEY = "dev-insecure-change-me"
# A secret anyone can read in the shipped examples signs nothing: refused in production.
EXAMPLE_SECRET_MARKERS = ("change-me", "changeme")
MIN_SECRET_BYTES = 32
# The longest sessions a production server accepts: half a working day idle, one day in all.
MAX_PRODUCTION_IDLE_S = 4 * 3600
MAX_PRODUCTION_SESSION_S = 24 * 3600


class InsecureSettingsError(RuntimeError):
    """Raised when a production start would run with a default secret."""


class Settings(BaseSettings):
    """Everything the API server needs from its environment."""

    model_config = SettingsConfigDict(env_prefix="TRAINSCHED_", extra="ignore")

    database_url: str = "sqlite:///./trainsched.db"
    secret_key: str = DEFAULT_SECRET_KEY
    environment: Literal["dev", "production"] = "dev"
    # Solves at once in the server (embedded mode); unset: one per two CPUs it may use.
    solve_workers: int | None = Field(default=None, ge=1, le=16)
    max_time_limit_s: float = Field(default=600.0, gt=0)
    default_time_limit_s: float = Field(default=30.0, gt=0)
    # The most CP-SAT threads a solve asks for; unset: its share of the solving process's
    # CPUs (trainsched/cpus.py). A solve never gets more than that share either way.
    cpsat_workers: int | None = Field(default=None, ge=1)
    demo_time_limit_s: float = Field(default=10.0, gt=0)
    # Search per point of a money curve (each point is a re-plan): the curve's shape, not a
    # publishable plan, so a short one.
    money_point_s: float = Field(default=2.0, gt=0)
    # Unset: links in pages and feeds use the address the client used (any host, any port).
    public_base_url: str | None = None
    # Addresses or networks of the proxies whose X-Forwarded-Proto/-Host are believed.
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = ()
    # Reminders on every teaching day and visit in the feeds (the scenario format has no
    # field for them): the evening before at 18:00 and one hour before.
    reminders: str = "-1d@18:00, -1h"
    # Distributed mode: PostgreSQL store, solves run by `trainsched worker` processes.
    mode: Literal["embedded", "distributed"] = "embedded"
    log_format: Literal["text", "json"] = "text"
    # Solves at once in one `trainsched worker`; unset: one per two CPUs it may use.
    worker_concurrency: int | None = Field(default=None, ge=1, le=16)
    # A running job says it is alive this often; a job silent this long is shown stalled
    # (and, in distributed mode, handed back to the queue).
    worker_heartbeat_s: float = Field(default=2.0, gt=0)
    stalled_after_s: float = Field(default=6.0, gt=0)
    split_min_cohorts: int = Field(default=40, ge=2)
    deadline_grace_s: float = Field(default=10.0, ge=0)
    # A signed-in coordinator's largest request body (a 50 MB scenario plus form framing);
    # anyone else may send only a sign-in form's worth.
    max_body_bytes: int = Field(default=51 * 2**20, ge=2**20)
    anonymous_body_bytes: int = Field(default=16 * 2**10, ge=2**10)
    # A signed-in browser is signed out after this long without a request, and this long
    # after signing in whatever it does (the pages' server-side sessions).
    session_idle_timeout_s: int = Field(default=30 * 60, ge=60)
    session_absolute_timeout_s: int = Field(default=12 * 3600, ge=60)
    # Refused sign-ins and bearer tokens within a window: at most this many per client
    # address and per user name, then 429 until the oldest of them leaves the window.
    auth_failure_window_s: int = Field(default=15 * 60, ge=10)
    auth_failures_per_client: int = Field(default=20, ge=1)
    auth_failures_per_user: int = Field(default=5, ge=1)

    def concurrent_solves(self, cpus: int) -> int:
        """Solves this process runs at once on ``cpus`` CPUs: configured, or one per two."""
        configured = self.worker_concurrency if self.mode == "distributed" else self.solve_workers
        return configured or default_solves(cpus)

    def solve_threads(self, cpus: int | None = None) -> int:
        """CP-SAT threads of one solve in this process: its share of the CPUs it may use."""
        cpus = cpus or usable_cpus()
        return solver_threads(cpus, self.concurrent_solves(cpus), self.cpsat_workers)

    @field_validator("public_base_url", mode="before")
    @classmethod
    def _plain_base_url(cls, value: object) -> object:
        # Links are made by appending paths: no trailing slash; "" means unset.
        if not isinstance(value, str):
            return value
        value = value.strip().rstrip("/")
        if not value:
            return None
        if not value.startswith(("http://", "https://")) or "?" in value or "#" in value:
            raise ValueError("TRAINSCHED_PUBLIC_BASE_URL must be an http:// or https:// URL")
        return value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxy_networks(cls, value: object) -> object:
        # "10.0.0.5, 192.168.1.0/24": one comma-separated list, each entry checked now.
        if isinstance(value, str):
            value = tuple(v.strip() for v in value.split(",") if v.strip())
        if isinstance(value, list | tuple):
            for entry in value:
                ipaddress.ip_network(str(entry), strict=False)
        return value

    @field_validator("reminders")
    @classmethod
    def _known_reminders(cls, value: str) -> str:
        from trainsched.feeds.reminders import parse_reminders

        parse_reminders(value)  # raises ValueError naming the entry it cannot read
        return value

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        # A known secret signs nothing safely; refusing to start is the only honest answer.
        key = self.secret_key
        from_example = any(marker in key.lower() for marker in EXAMPLE_SECRET_MARKERS)
        if self.environment == "production" and (
            key == DEFAULT_SECRET_KEY or from_example or len(key.encode()) < MIN_SECRET_BYTES
        ):
            raise InsecureSettingsError(
                "TRAINSCHED_SECRET_KEY must be set to a private value of at least "
                f"{MIN_SECRET_BYTES} bytes, not one from the shipped examples, "
                "when TRAINSCHED_ENVIRONMENT=production"
            )
        return self

    @model_validator(mode="after")
    def _bounded_sessions(self) -> Settings:
        # A session nobody uses must end before the session does; a forgotten browser in a
        # shared office must not stay signed in for days where the service is real.
        idle, absolute = self.session_idle_timeout_s, self.session_absolute_timeout_s
        if idle > absolute:
            raise ValueError(
                "TRAINSCHED_SESSION_IDLE_TIMEOUT_S must not exceed "
                "TRAINSCHED_SESSION_ABSOLUTE_TIMEOUT_S"
            )
        if self.environment == "production" and (
            idle > MAX_PRODUCTION_IDLE_S or absolute > MAX_PRODUCTION_SESSION_S
        ):
            raise InsecureSettingsError(
                "when TRAINSCHED_ENVIRONMENT=production, TRAINSCHED_SESSION_IDLE_TIMEOUT_S must "
                f"be at most {MAX_PRODUCTION_IDLE_S} and TRAINSCHED_SESSION_ABSOLUTE_TIMEOUT_S "
                f"at most {MAX_PRODUCTION_SESSION_S}"
            )
        return self

    @model_validator(mode="after")
    def _distributed_needs_postgres(self) -> Settings:
        # Workers on other machines can only meet the API in a shared PostgreSQL database.
        if self.mode == "distributed" and not self.database_url.startswith("postgres"):
            raise ValueError(
                "TRAINSCHED_DATABASE_URL must be a postgresql:// URL "
                "when TRAINSCHED_MODE=distributed"
            )
        return self
