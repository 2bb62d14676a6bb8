"""Run every check on a plan, and render the result for people."""

from __future__ import annotations

from collections.abc import Sequence

from trainsched.checker.context import PlanContext
from trainsched.checker.fund_rules import fund_charges
from trainsched.checker.model import Violation
from trainsched.checker.registry import CHECKS
from trainsched.checker.value import plan_value
from trainsched.formats.plan import Plan
from trainsched.formats.scenario import Scenario


def check_plan(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Every rule the plan breaks against its scenario, in rule order (empty when it keeps all)."""
    ctx = PlanContext(scenario, plan)
    return [v for check in CHECKS for v in check.run(ctx)]


def served_value(scenario: Scenario, plan: Plan) -> int:
    """The spec's served value of a plan, computed from its schedule (not its ``objective``)."""
    return plan_value(PlanContext(scenario, plan))


def fund_usage(scenario: Scenario, plan: Plan) -> dict[str, int]:
    """Fund id → yuan this plan charges to it, per the spec's charging rule."""
    return fund_charges(PlanContext(scenario, plan))


def format_report(violations: Sequence[Violation]) -> str:
    """One line per violation, or a one-line OK when there are none."""
    if not violations:
        return f"OK: the plan keeps all {len(CHECKS)} rules"
    return "\n".join(str(v) for v in violations)
