"""The optimisation core: places cohorts and mentor visits (OR-Tools CP-SAT)."""

from trainsched.solver.extra import ExtraOption, ExtraOptions, extra_options
from trainsched.solver.joint import replan, solve
from trainsched.solver.options import Progress, SolveOptions
from trainsched.solver.replan import (
    Change,
    CohortAdded,
    CohortWithdrawn,
    FundChanged,
    TrainerUnavailable,
    VenueClosed,
    apply_changes,
)
from trainsched.solver.result import PlanDiff, SolveResult, teaching_days

__all__ = [
    "Change",
    "CohortAdded",
    "CohortWithdrawn",
    "ExtraOption",
    "ExtraOptions",
    "FundChanged",
    "PlanDiff",
    "Progress",
    "SolveOptions",
    "SolveResult",
    "TrainerUnavailable",
    "VenueClosed",
    "apply_changes",
    "extra_options",
    "replan",
    "solve",
    "teaching_days",
]
