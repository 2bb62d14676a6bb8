"""The hand-checked world of the checker tests (tests/checker_world.py) keeps every rule."""

from __future__ import annotations

from tests.checker_world import violations, world


def test_world_plan_keeps_every_rule() -> None:
    s, p = world()
    assert violations(s, p) == []
