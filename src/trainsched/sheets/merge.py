"""Sheet items merged onto a base scenario by id, and names resolved to ids."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from trainsched.formats import Message
from trainsched.formats.scenario import SCENARIO_FORMAT, Scenario
from trainsched.sheets.collect import Errors, Item, Path, drop_path, set_path
from trainsched.sheets.rows import ParsedSheet
from trainsched.sheets.spec import Column

_FAMILIES = {"trainees", "contact"}  # written by several columns, replaced as a whole
_KINDS = {
    "regions": ("区县", "region"),
    "courses": ("课程", "course"),
    "groups": ("群体", "group"),
    "trainers": ("讲师", "trainer"),
    "venues": ("场地", "venue"),
    "providers": ("培训机构", "training institution"),
    "quals": ("课程", "course"),
}


@dataclass
class Built:
    """The scenario document and, for each list entry, the row it came from."""

    doc: dict[str, Any]
    origins: dict[str, list[Item | None]] = field(default_factory=dict)
    groups: dict[str, Item] = field(default_factory=dict)
    settings: Item | None = None


def start_doc(base: Scenario | None) -> dict[str, Any]:
    """The base scenario as a JSON document, or an empty scenario."""
    if base is None:
        return {"format": SCENARIO_FORMAT}
    return base.model_dump(mode="json", by_alias=True, exclude_none=True)


def _deep_merge(into: dict[str, Any], new: Mapping[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _deep_merge(into[key], value)
        else:
            into[key] = value


def _covered(columns: list[Column]) -> set[Path]:
    return {c.path[:1] if c.path[0] in _FAMILIES else c.path for c in columns}


def _replace(old: dict[str, Any], item: Item, covered: set[Path]) -> dict[str, Any]:
    # Columns present in the sheet overwrite (a blank cell clears); absent ones keep the base.
    merged = copy.deepcopy(old)
    for path in covered:
        drop_path(merged, path)
    _deep_merge(merged, item.data)
    return merged


def upsert(
    existing: list[dict[str, Any]], sheet: ParsedSheet
) -> tuple[list[dict[str, Any]], list[Item | None]]:
    """Rows replace the base entry of the same id, or are appended; the order is kept."""
    out = list(existing)
    origins: list[Item | None] = [None] * len(out)
    where = {entry.get("id"): i for i, entry in enumerate(out)}
    covered = _covered(sheet.columns)
    for item in sheet.items:
        i = where.get(item.data.get("id"))
        if i is None:
            where[item.data.get("id")] = len(out)
            out.append(item.data)
            origins.append(item)
        else:
            out[i] = _replace(out[i], item, covered)
            origins[i] = item
    return out, origins


def apply_settings(doc: dict[str, Any], settings: Item) -> None:
    """Settings rows present in the sheet overwrite the base's scenario-level values."""
    for path in settings.path_rows:
        drop_path(doc, path)
    _deep_merge(doc, settings.data)


def upsert_groups(doc: dict[str, Any], sheet: ParsedSheet, built: Built) -> None:
    """The groups sheet merged into the scenario's group map by id."""
    groups = dict(doc.get("groups", {}))
    as_list = [{"id": k, **v} for k, v in groups.items()]
    merged, origins = upsert(as_list, sheet)
    doc["groups"] = {g["id"]: {k: v for k, v in g.items() if k != "id"} for g in merged}
    built.groups = {g["id"]: o for g, o in zip(merged, origins, strict=True) if o is not None}


class Lookup:
    """Finds the id a cell means: the id, its case-folded form, a unique name, or "id name"."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.ids = {i for i, _ in pairs}
        self.folded: dict[str, set[str]] = {}
        self.named: dict[str, set[str]] = {}
        for ident, name in pairs:
            self.folded.setdefault(ident.casefold(), set()).add(ident)
            self.named.setdefault(name.strip(), set()).add(ident)

    def find(self, text: str) -> tuple[str | None, bool]:
        """The id meant, and whether the text was ambiguous."""
        if text in self.ids:
            return text, False
        for table, key in ((self.folded, text.casefold()), (self.named, text.strip())):
            hits = table.get(key, set())
            if len(hits) == 1:
                return next(iter(hits)), False
            if len(hits) > 1:
                return None, True
        head = text.split(maxsplit=1)[0] if text.split() else text
        return (head, False) if head in self.ids and head != text else (None, False)


def lookups(doc: dict[str, Any]) -> dict[str, Lookup]:
    """Lookups for every list a cell may name."""

    def pairs(key: str) -> list[tuple[str, str]]:
        return [(str(x.get("id")), str(x.get("name", ""))) for x in doc.get(key, [])]

    quals: list[tuple[str, str]] = []
    for course in doc.get("courses", []):
        tag = str(course.get("qualification") or course.get("id"))
        quals += [(tag, str(course.get("name", ""))), (tag, str(course.get("id")))]
    groups = doc.get("groups")
    return {
        "regions": Lookup(pairs("regions")),
        "courses": Lookup(pairs("courses")),
        "trainers": Lookup(pairs("trainers")),
        "venues": Lookup(pairs("venues")),
        "providers": Lookup(pairs("providers")),
        "groups": Lookup([(k, str(v.get("name", ""))) for k, v in (groups or {}).items()])
        if groups is not None
        else Lookup([]),
        "quals": _QualLookup(quals),
    }


class _QualLookup(Lookup):
    """Qualification tags: a tag, or a course id or name standing for its course's tag."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        super().__init__([(tag, tag) for tag, _ in pairs])
        self.alias: dict[str, set[str]] = {}
        for tag, other in pairs:
            self.alias.setdefault(other.strip(), set()).add(tag)

    def find(self, text: str) -> tuple[str | None, bool]:
        found, ambiguous = super().find(text)
        if found is not None or ambiguous:
            return found, ambiguous
        hits = self.alias.get(text.strip(), set())
        return (next(iter(hits)), False) if len(hits) == 1 else (None, len(hits) > 1)


def _resolve_one(
    text: str, lookup: Lookup, kind: str, item: Item, path: Path, errors: Errors
) -> str:
    found, ambiguous = lookup.find(text)
    if found is not None:
        return found
    zh, en = _KINDS[kind]
    if ambiguous:
        errors.cell(
            item,
            path,
            Message(
                f'名称 "{text}" 对应多个{zh}：请填编号', f'"{text}" names several {en}s: use the id'
            ),
        )
    else:
        errors.cell(item, path, Message(f'未知{zh} "{text}"', f'unknown {en} "{text}"'))
    return text


def resolve(
    entry: dict[str, Any],
    item: Item,
    columns: list[Column],
    found: dict[str, Lookup],
    errors: Errors,
) -> None:
    """Replace names by ids in the reference cells this row filled."""
    for column in columns:
        if column.path not in item.cells or column.path in item.failed:
            continue
        kind = "quals" if column.kind == "quals" else column.target
        if kind is None or column.kind not in {"ref", "refs", "quals"}:
            continue
        value = _get(entry, column.path)
        if isinstance(value, str):
            set_path(
                entry,
                column.path,
                _resolve_one(value, found[kind], kind, item, column.path, errors),
            )
        elif isinstance(value, list):
            resolved = [
                _resolve_one(v, found[kind], kind, item, column.path, errors) for v in value
            ]
            set_path(entry, column.path, resolved)


def _get(data: dict[str, Any], path: Path) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)  # type: ignore[assignment]
    return data
