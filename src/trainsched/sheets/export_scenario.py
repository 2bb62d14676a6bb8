"""Export a scenario as the template workbook with its lists filled in (re-importable)."""

from __future__ import annotations

from trainsched.formats import Scenario
from trainsched.sheets.template import template_workbook


def export_scenario(scenario: Scenario) -> bytes:
    """The scenario's lists in the template layout; importing it gives the same scenario."""
    return template_workbook(scenario)
