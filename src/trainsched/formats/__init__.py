"""The scenario and plan exchange formats (the project's public contract, version 1)."""

from trainsched.formats.errors import FormatError, Problem
from trainsched.formats.load import (
    load_plan,
    load_scenario,
    parse_plan,
    parse_scenario,
)
from trainsched.formats.message import Lang, Message
from trainsched.formats.plan import Plan
from trainsched.formats.scenario import Scenario

__all__ = [
    "FormatError",
    "Lang",
    "Message",
    "Plan",
    "Problem",
    "Scenario",
    "load_plan",
    "load_scenario",
    "parse_plan",
    "parse_scenario",
]
