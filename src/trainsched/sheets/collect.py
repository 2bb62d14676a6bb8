"""Collects every problem of one import, with the cells that failed (so later checks stay quiet)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trainsched.formats import Message
from trainsched.sheets.errors import SheetError

Path = tuple[str, ...]


@dataclass
class Item:
    """One row turned into a scenario item, with where each value came from."""

    data: dict[str, Any]
    sheet: str
    row: int
    cells: dict[Path, tuple[str, str]] = field(default_factory=dict)
    failed: set[Path] = field(default_factory=set)
    path_rows: dict[Path, int] = field(default_factory=dict)

    def row_of(self, path: Path) -> int:
        """The sheet row a value came from (settings keep one row per key)."""
        return self.path_rows.get(path, self.row)


@dataclass
class Errors:
    """Every problem found so far; ``structural`` ones stop the cross-field checks."""

    items: list[SheetError] = field(default_factory=list)
    structural: bool = False

    def add(
        self,
        sheet: str,
        message: Message,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        structural: bool = False,
    ) -> None:
        """Record one problem, located as far as known; ``structural`` stops cross-field checks."""
        self.items.append(SheetError(sheet, row, column, value, message))
        self.structural = self.structural or structural

    def at(self, item: Item, path: Path, message: Message, header: str | None) -> None:
        """Record a problem of one value of ``item``, at its cell when the sheet had one."""
        header, value = item.cells.get(path, (header, None))
        self.add(item.sheet, message, row=item.row_of(path), column=header, value=value)

    def cell(self, item: Item, path: Path, message: Message) -> None:
        """Record a problem of one cell of ``item`` and mark the cell so later checks stay quiet."""
        self.at(item, path, message, ".".join(path))
        item.failed.add(path)

    def __bool__(self) -> bool:
        return bool(self.items)


def set_path(data: dict[str, Any], path: Path, value: Any) -> None:
    """Set a nested key, creating the dicts on the way."""
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def drop_path(data: dict[str, Any], path: Path) -> None:
    """Remove a nested key if present; empty parents go too."""
    parents = [data]
    for key in path[:-1]:
        child = parents[-1].get(key)
        if not isinstance(child, dict):
            return
        parents.append(child)
    parents[-1].pop(path[-1], None)
    for depth in range(len(path) - 1, 0, -1):
        if not parents[depth]:
            parents[depth - 1].pop(path[depth - 1], None)
