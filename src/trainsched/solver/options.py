"""Explicit solver options and progress reports: nothing in the solver reads the environment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from trainsched.formats.plan import Plan

Method = Literal["cpsat", "greedy"]


@dataclass(frozen=True)
class SolveOptions:
    """How to solve: time limit, parallelism, seed and method."""

    time_limit_s: float = 60.0
    workers: int = 8  # CP-SAT search workers; 8 beat the default 2 even on 2 cores
    seed: int = 0
    method: Method = "cpsat"
    log_search: bool = False

    def __post_init__(self) -> None:
        if self.time_limit_s <= 0:
            raise ValueError("time_limit_s must be positive")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")


@dataclass(frozen=True)
class Progress:
    """A progress report: elapsed seconds, best served value so far and proven bound."""

    elapsed_s: float
    value: int
    bound: int | None
    phase: str = ""


class ProgressSink(Protocol):
    """Receives progress reports (CLI progress bar, API job events)."""

    def __call__(self, progress: Progress, /) -> None: ...


class PlanSink(Protocol):
    """Receives the best whole plan found so far, now and then while a solve runs.

    A solve job keeps it as a checkpoint, so a crash loses no more than a few seconds of
    search; the plan keeps every hard rule, with the visits not placed yet listed as missing.
    """

    def __call__(self, plan: Plan, /) -> None: ...


class StopFlag(Protocol):
    """Asked now and then whether to stop early and keep the best plan so far."""

    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class RunControl:
    """How the caller follows a run and ends it early; every stage of a run gets the same one."""

    on_progress: ProgressSink | None = None
    stop: StopFlag | None = None

    def stop_asked(self) -> bool:
        """True once the caller asked to stop and keep the best plan so far."""
        return self.stop is not None and self.stop.is_set()

    def report(self, progress: Progress) -> None:
        """Hand a progress report to the caller, when it listens."""
        if self.on_progress is not None:
            self.on_progress(progress)


# A run nobody follows and nobody stops: the default of the stages that take a RunControl.
UNWATCHED = RunControl()
