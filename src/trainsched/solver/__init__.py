"""The optimisation core: places cohorts and mentor visits (OR-Tools CP-SAT).

The whole pipeline is :func:`solve` (and :func:`replan_changes` after changes). Its steps
are public too, for callers that run them apart (a split solve):
:func:`independent_parts` (classes that share no resource), :func:`stage_options` (each
stage's share of the time limit), :func:`solve_cohorts` (the class stage) and
:func:`add_visits` (join mentor visits to a plan of classes).
"""

from trainsched.solver.change_json import change_json
from trainsched.solver.changes import (
    Change,
    CohortAdded,
    CohortWindowChanged,
    CohortWithdrawn,
    FundChanged,
    TrainerAdded,
    TrainerUnavailable,
    VenueAdded,
    VenueClosed,
    apply_changes,
)
from trainsched.solver.components import independent_parts
from trainsched.solver.extra import ExtraOption, ExtraOptions, extra_options
from trainsched.solver.joint import (
    Replanned,
    add_visits,
    replan_changes,
    solve,
    stage_options,
)
from trainsched.solver.levers import LEVER_KINDS, Lever, LeverKind, find_levers
from trainsched.solver.money import (
    CurvePoint,
    MoneyCurve,
    key_groups,
    money_curves,
    per_10k_message,
)
from trainsched.solver.options import PlanSink, Progress, ProgressSink, SolveOptions, StopFlag
from trainsched.solver.result import ClassChanges, SolveResult, teaching_days
from trainsched.solver.solve import solve_cohorts
from trainsched.solver.trainer_rank import TrainerValue, trainer_values

__all__ = [
    "LEVER_KINDS",
    "Change",
    "ClassChanges",
    "CohortAdded",
    "CohortWindowChanged",
    "CohortWithdrawn",
    "CurvePoint",
    "ExtraOption",
    "ExtraOptions",
    "FundChanged",
    "Lever",
    "LeverKind",
    "MoneyCurve",
    "PlanSink",
    "Progress",
    "ProgressSink",
    "Replanned",
    "SolveOptions",
    "SolveResult",
    "StopFlag",
    "TrainerAdded",
    "TrainerUnavailable",
    "TrainerValue",
    "VenueAdded",
    "VenueClosed",
    "add_visits",
    "apply_changes",
    "change_json",
    "extra_options",
    "find_levers",
    "independent_parts",
    "key_groups",
    "money_curves",
    "per_10k_message",
    "replan_changes",
    "solve",
    "solve_cohorts",
    "stage_options",
    "teaching_days",
    "trainer_values",
]
