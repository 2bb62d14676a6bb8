"""Read scenario and plan documents, refusing bad ones with every problem named by JSON path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from trainsched.formats.errors import FormatError, Problem, format_path
from trainsched.formats.plan import PLAN_FORMAT, Plan
from trainsched.formats.scenario import SCENARIO_FORMAT, Scenario
from trainsched.formats.validate import plan_problems, scenario_problems

M = TypeVar("M", bound=BaseModel)

_MESSAGES = {
    "extra_forbidden": "unknown key (not in the format; check the spelling)",
    "missing": "required key is missing",
}


def _problems_from(exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors():
        message = _MESSAGES.get(err["type"], err["msg"])
        if err["type"].startswith("value_error") and message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        out.append(Problem(format_path(tuple(err["loc"])), message))
    return out


def _decode(text: str | bytes, what: str) -> Any:
    try:
        return json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormatError([Problem("$", f"not valid JSON: {exc}")], what) from None


def _check_format(data: Any, expected: str, what: str) -> None:
    if not isinstance(data, dict):
        raise FormatError(
            [Problem("$", f"expected a JSON object, got {type(data).__name__}")], what
        )
    if data.get("format") != expected:
        got = data.get("format")
        raise FormatError([Problem("format", f"expected {expected!r}, got {got!r}")], what)


def _build(model: type[M], data: dict[str, Any], what: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise FormatError(_problems_from(exc), what) from None


def parse_scenario(source: str | bytes | dict[str, Any]) -> Scenario:
    """Validate a scenario (JSON text or object); raise FormatError listing every problem."""
    data = _decode(source, "scenario") if isinstance(source, str | bytes) else source
    _check_format(data, SCENARIO_FORMAT, "scenario")
    scenario = _build(Scenario, data, "scenario")
    problems = scenario_problems(scenario)
    if problems:
        raise FormatError(problems, "scenario")
    return scenario


def parse_plan(source: str | bytes | dict[str, Any], scenario: Scenario | None = None) -> Plan:
    """Validate a plan document; with a scenario, also resolve its references."""
    data = _decode(source, "plan") if isinstance(source, str | bytes) else source
    _check_format(data, PLAN_FORMAT, "plan")
    plan = _build(Plan, data, "plan")
    if scenario is not None:
        problems = plan_problems(plan, scenario)
        if problems:
            raise FormatError(problems, "plan")
    return plan


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise FormatError([Problem("$", f"cannot read {path}: {exc.strerror}")], what) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file."""
    return parse_scenario(_read(Path(path), "scenario"))


def load_plan(path: str | Path, scenario: Scenario | None = None) -> Plan:
    """Read and validate a plan file."""
    return parse_plan(_read(Path(path), "plan"), scenario)
