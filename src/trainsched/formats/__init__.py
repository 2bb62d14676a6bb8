"""The scenario and plan exchange formats (the project's public contract, version 1)."""

from trainsched.formats.errors import FormatError, Problem
from trainsched.formats.load import (
    load_plan,
    load_scenario,
    parse_plan,
    parse_scenario,
)
from trainsched.formats.plan import Plan
from trainsched.formats.scenario import Scenario

__all__ = [
    "FormatError",
    "Plan",
    "Problem",
    "Scenario",
    "load_plan",
    "load_scenario",
    "parse_plan",
    "parse_scenario",
]
