"""The optimisation core: places cohorts and mentor visits (OR-Tools CP-SAT)."""

from trainsched.solver.options import Progress, SolveOptions
from trainsched.solver.result import PlanDiff, SolveResult, teaching_days
from trainsched.solver.solve import solve

__all__ = ["PlanDiff", "Progress", "SolveOptions", "SolveResult", "solve", "teaching_days"]
