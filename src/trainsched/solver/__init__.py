"""The optimisation core: places cohorts and mentor visits (OR-Tools CP-SAT)."""

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
    "FundChanged",
    "PlanDiff",
    "Progress",
    "SolveOptions",
    "SolveResult",
    "TrainerUnavailable",
    "VenueClosed",
    "apply_changes",
    "replan",
    "solve",
    "teaching_days",
]
