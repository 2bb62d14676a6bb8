"""The plan checker: does a plan keep every rule of the spec against its scenario?"""

from trainsched.checker.model import Check, Violation
from trainsched.checker.registry import CHECKS
from trainsched.checker.runner import check_plan, format_report, fund_usage, served_value

__all__ = [
    "CHECKS",
    "Check",
    "Violation",
    "check_plan",
    "format_report",
    "fund_usage",
    "served_value",
]
