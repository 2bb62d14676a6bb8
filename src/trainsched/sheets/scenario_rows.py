"""A scenario's lists as sheet rows: each value written the way the import reads it back."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from trainsched.formats import Scenario
from trainsched.sheets.columns import SETTINGS
from trainsched.sheets.spec import Column, SheetSpec

SEPARATOR = "; "


def _get(data: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _span(item: object) -> str:
    if isinstance(item, Mapping):
        return f"{item['from']}~{item['to']}"
    return str(item)


def cell_value(column: Column, value: Any) -> object:
    """The cell for one JSON value of ``column`` (None leaves the cell empty)."""
    if value is None:
        return None
    kind = column.kind
    if kind == "date":
        return _date(value)
    if kind in {"refs", "tags", "quals", "dates", "holidays"}:
        return SEPARATOR.join(str(v) for v in value) or None
    if kind == "unavailable":
        return SEPARATOR.join(_span(v) for v in value) or None
    if kind == "bool":
        return "是" if value else "否"
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None
    if kind == "weights":
        return SEPARATOR.join(f"{k}={v}" for k, v in value.items()) or None
    return value


def _row(column: Column, data: Mapping[str, Any]) -> object:
    contact = data.get("contact")
    if column.path == ("contact",):
        return contact if isinstance(contact, str) else None
    return cell_value(column, _get(data, column.path))


def list_rows(
    scenario: Scenario, spec: SheetSpec, columns: tuple[Column, ...]
) -> list[list[object]]:
    """One row per entry of the scenario list ``spec`` fills."""
    doc = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    entries = doc[spec.key]
    if isinstance(entries, Mapping):  # groups: a map keyed by id
        entries = [{"id": k, **v} for k, v in entries.items()]
    return [[_row(c, entry) for c in columns] for entry in entries]


def settings_rows(scenario: Scenario | None) -> list[list[object]]:
    """The settings sheet: setting, value, explanation."""
    doc = scenario.model_dump(mode="json", by_alias=True, exclude_none=True) if scenario else {}
    rows: list[list[object]] = []
    for column in SETTINGS.columns:
        value = _get(doc, column.path) if scenario else _example(column)
        shown = cell_value(column, value) if scenario else value
        rows.append([column.header, shown, column.help])
    return rows


def _example(column: Column) -> object:
    if column.kind == "date" and isinstance(column.example, str):
        return _date(column.example)
    return column.example


def example_row(columns: tuple[Column, ...]) -> list[object]:
    """The template's filled example row."""
    return [_example(c) for c in columns]
