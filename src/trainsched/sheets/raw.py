"""Sheets as read from a file, before any column is understood."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from trainsched.formats import Message
from trainsched.sheets.errors import refusal
from trainsched.sheets.spec import MAX_ROWS

MAX_COLUMNS = 200


@dataclass(frozen=True)
class Formula:
    """A formula cell: import refuses formulas rather than trust a cached value."""

    text: str


@dataclass(frozen=True)
class ErrorValue:
    """An Excel error cell such as ``#N/A``."""

    code: str


@dataclass(frozen=True)
class Merge:
    """A merged block of cells, 1-based and inclusive."""

    ref: str
    min_row: int
    max_row: int


@dataclass
class RawSheet:
    """One sheet (or CSV file): its header row and non-empty data rows."""

    title: str
    header_row: int = 0
    headers: list[object] = field(default_factory=list)
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when the sheet holds no header and no data."""
        return not self.headers and not self.rows


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def collect(title: str, rows: Iterable[tuple[int, Sequence[object]]]) -> RawSheet:
    """Keep the first non-empty row as the header and every later non-empty row as data."""
    sheet = RawSheet(title)
    for number, values in rows:
        cells = list(values)
        while cells and _blank(cells[-1]):
            cells.pop()
        if not cells:
            continue
        if len(cells) > MAX_COLUMNS:
            too_wide = Message(f"列数超过上限 {MAX_COLUMNS}", f"more than {MAX_COLUMNS} columns")
            raise refusal(too_wide, title, number)
        if not sheet.headers:
            sheet.header_row, sheet.headers = number, cells
            continue
        if len(sheet.rows) >= MAX_ROWS:
            too_long = Message(
                f"数据行数超过上限 {MAX_ROWS:,} 行：请拆分文件或删除多余的行",
                f"more than {MAX_ROWS:,} data rows: split the file or delete unused rows",
            )
            raise refusal(too_long, title, number)
        sheet.rows.append((number, cells))
    return sheet
