"""Headers matched to columns, and rows turned into scenario items, cell by cell."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from trainsched.formats import Message
from trainsched.sheets.cells import CellValueError, clean, convert, shown
from trainsched.sheets.collect import Errors, Item, set_path
from trainsched.sheets.raw import ErrorValue, Formula, RawSheet
from trainsched.sheets.spec import IGNORED_HEADER_PREFIXES, Column, SheetSpec, normalize

_CONTACT = ("contact",)
_CONTACT_PARTS = (("contact", "phone"), ("contact", "email"))


@dataclass
class ParsedSheet:
    """A list sheet read into items, with the columns its header named."""

    spec: SheetSpec
    title: str
    columns: list[Column]
    items: list[Item]


def _refuse_merges(raw: RawSheet, errors: Errors) -> bool:
    for merge in raw.merges:
        if merge.min_row <= raw.header_row <= merge.max_row:
            zh = f"表头有合并单元格 {merge.ref}：请取消合并，每列一个表头"
            en = f"merged header cells {merge.ref}: unmerge them, one header per column"
        else:
            zh = f"合并单元格 {merge.ref}：请取消合并并逐格填写"
            en = f"merged cells {merge.ref}: unmerge them and fill every cell"
        errors.add(raw.title, Message(zh, en), row=merge.min_row, value=merge.ref, structural=True)
    return bool(raw.merges)


def _has_data(raw: RawSheet, index: int) -> bool:
    return any(index < len(cells) and clean(cells[index]) is not None for _, cells in raw.rows)


def _header_problem(
    errors: Errors, raw: RawSheet, message: Message, column: str, value: str | None = None
) -> None:
    # A header problem makes every row of the sheet unreadable: it stops the later checks.
    row = raw.header_row or 1  # 0 only for a sheet without headers: point at its first row
    errors.add(raw.title, message, row=row, column=column, value=value, structural=True)


def match_headers(raw: RawSheet, columns: Sequence[Column], errors: Errors) -> dict[int, Column]:
    """Column index → column, refusing unknown, duplicate and missing headers."""
    lookup = {normalize(name): col for col in columns for name in col.names()}
    found: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for index, cell in enumerate(raw.headers):
        value = clean(cell)
        if isinstance(value, Formula | ErrorValue) or (value is None and _has_data(raw, index)):
            message = Message("该列有数据但没有表头", "this column has data but no header")
            _header_problem(errors, raw, message, f"第{index + 1}列")
            continue
        if value is None:
            continue
        text = shown(value)
        if normalize(text).startswith(IGNORED_HEADER_PREFIXES):
            continue  # remarks columns are the coordinator's own notes
        column = lookup.get(normalize(text))
        if column is None:
            message = Message(
                f"未知的列（可用的列：{'、'.join(c.header for c in columns)}）",
                f"unknown column (known: {', '.join(c.key for c in columns)})",
            )
            _header_problem(errors, raw, message, text, text)
        elif column.key in seen:
            first = seen[column.key] + 1
            message = Message(
                f"列重复（与第{first}列相同）", f"duplicate column (same as column {first})"
            )
            _header_problem(errors, raw, message, text, text)
        else:
            seen[column.key] = index
            found[index] = column
    for column in columns:
        if column.required and column.key not in seen:
            message = Message("缺少必填列", "required column is missing")
            _header_problem(errors, raw, message, column.header)
    return found


def placeholder(column: Column, day: str) -> Any:
    """A valid stand-in for a failed required cell, so the other checks can still run."""
    if column.kind in {"int", "money"}:
        return int(column.low or 0)
    if column.kind == "float":
        return float(column.low or 0)
    if column.kind == "date":
        return day
    if column.kind == "bool":
        return False
    if column.kind in {"refs", "tags", "quals", "dates", "unavailable", "holidays"}:
        return []
    return "?"


def read_cell(item: Item, column: Column, raw: object, errors: Errors, day: str) -> None:
    """Convert one cell into ``item.data``; problems go to ``errors``."""
    value = clean(raw)
    path = column.path
    if isinstance(value, Formula):
        item.cells[path] = (column.header, value.text)
        errors.cell(
            item,
            path,
            Message(
                "不能使用公式：请复制后“选择性粘贴为数值”",
                "formulas are not accepted: copy and paste as values",
            ),
        )
    elif isinstance(value, ErrorValue):
        item.cells[path] = (column.header, value.code)
        errors.cell(
            item,
            path,
            Message(f"单元格是错误值 {value.code}", f"the cell holds the error {value.code}"),
        )
    elif value is None:
        if column.required:
            item.cells[path] = (column.header, "")
            errors.cell(item, path, Message("必填项为空", "required value is empty"))
    else:
        item.cells[path] = (column.header, shown(value))
        try:
            set_path(item.data, path, convert(column, value))
            return
        except CellValueError as problem:
            errors.cell(item, path, problem.message)
    if column.required:
        stand_in = f"?row{item.row}" if column.kind == "id" else placeholder(column, day)
        set_path(item.data, path, stand_in)


def _check_contact(item: Item, errors: Errors) -> None:
    text = item.data.get("contact")
    if isinstance(text, str) and any(p in item.cells for p in _CONTACT_PARTS):
        item.data.pop("contact")
        errors.cell(
            item,
            _CONTACT,
            Message("联系方式与电话/邮箱只填一种", "fill either 联系方式 or 电话/邮箱, not both"),
        )


def read_items(
    raw: RawSheet, spec: SheetSpec, columns: Sequence[Column], errors: Errors, day: str
) -> ParsedSheet:
    """Every data row of a list sheet as an item; duplicate ids keep only the first row."""
    if _refuse_merges(raw, errors):  # the merge explains any header trouble: report it alone
        return ParsedSheet(spec, raw.title, [], [])
    mapping = match_headers(raw, columns, errors)
    parsed = ParsedSheet(spec, raw.title, list(mapping.values()), [])
    first_row: dict[str, int] = {}
    for number, cells in raw.rows:
        values = {i: cells[i] if i < len(cells) else None for i in mapping}
        if all(clean(v) is None for v in values.values()):
            continue
        item = Item({}, raw.title, number)
        for index, column in mapping.items():
            read_cell(item, column, values[index], errors, day)
        _check_contact(item, errors)
        ident = item.data.get("id")
        if isinstance(ident, str) and ident in first_row and ("id",) not in item.failed:
            errors.cell(
                item,
                ("id",),
                Message(
                    f"编号重复（与第{first_row[ident]}行相同）",
                    f"duplicate id (same as row {first_row[ident]})",
                ),
            )
            continue
        if isinstance(ident, str):
            first_row.setdefault(ident, number)
        parsed.items.append(item)
    return parsed


def _settings_rows(raw: RawSheet, lookup: dict[str, Column]) -> list[tuple[int, list[object]]]:
    first = clean(raw.headers[0]) if raw.headers else None
    is_data = first is not None and normalize(shown(first)) in lookup
    return ([(raw.header_row, raw.headers)] if is_data else []) + raw.rows


def read_settings(raw: RawSheet, spec: SheetSpec, errors: Errors) -> Item:
    """The key/value settings sheet: column A names the setting, column B holds its value."""
    item = Item({}, raw.title, raw.header_row)
    if _refuse_merges(raw, errors):
        return item
    lookup = {normalize(name): col for col in spec.columns for name in col.names()}
    rows: dict[str, int] = {}
    for number, cells in _settings_rows(raw, lookup):
        key = clean(cells[0]) if cells else None
        if key is None:
            continue
        column = lookup.get(normalize(shown(key)))
        if column is None:
            errors.add(
                raw.title,
                Message("未知的设置项", "unknown setting"),
                row=number,
                column="项目",
                value=shown(key),
                structural=True,
            )
            continue
        if column.key in rows:
            errors.add(
                raw.title,
                Message(
                    f"设置项重复（与第{rows[column.key]}行相同）",
                    f"duplicate setting (same as row {rows[column.key]})",
                ),
                row=number,
                column=column.header,
                structural=True,
            )
            continue
        rows[column.key] = number
        item.path_rows[column.path] = number
        read_cell(item, column, cells[1] if len(cells) > 1 else None, errors, "2000-01-01")
    return item
