"""Import a workbook or CSV into a scenario, all or nothing, each error placed by sheet and row.

Rows are merged onto a base scenario by id: a row replaces the entry of the same id (columns the
sheet lacks keep the base's values; a blank cell clears), new ids are appended. Importing the same
file again therefore gives the same scenario. Without a base, the file must hold the settings,
regions and courses sheets. A CSV holds one list, chosen by ``kind``, its file name or its headers.
"""

from __future__ import annotations

from typing import Any

from trainsched.formats import FormatError, Message, Scenario, parse_scenario
from trainsched.formats.scenario import default_groups
from trainsched.sheets.collect import Errors
from trainsched.sheets.columns import GROUPS, LIST_SHEETS, SETTINGS, SHEETS
from trainsched.sheets.errors import SheetError, SheetImportError
from trainsched.sheets.merge import (
    Built,
    apply_settings,
    lookups,
    resolve,
    start_doc,
    upsert,
    upsert_groups,
)
from trainsched.sheets.problems import place
from trainsched.sheets.raw import RawSheet
from trainsched.sheets.rows import ParsedSheet, read_items, read_settings
from trainsched.sheets.sources import read_sources
from trainsched.sheets.spec import columns_of

_NEEDED_WITHOUT_BASE = ("settings", "regions", "courses")


def _group_names(doc: dict[str, Any]) -> dict[str, str]:
    groups = doc.get("groups")
    if groups is None:
        return {k: g.name for k, g in default_groups().items()}
    return {k: str(g.get("name", k)) for k, g in groups.items()}


def _require_sheets(by_key: dict[str, RawSheet], errors: Errors) -> bool:
    missing = False
    for key in _NEEDED_WITHOUT_BASE:
        if key not in by_key:
            name = next(s.name for s in SHEETS if s.key == key)
            errors.add(
                name,
                Message(
                    "缺少此工作表（或在已有场景上导入）",
                    "this sheet is missing (or import onto an existing scenario)",
                ),
                structural=True,
            )
            missing = True
    return missing


def _settings(built: Built, raw: RawSheet, base: Scenario | None, errors: Errors) -> None:
    item = read_settings(raw, SETTINGS, errors)
    if item.failed:
        errors.structural = True  # a broken horizon or name would make every date look wrong
    if base is None:
        for column in SETTINGS.columns:
            if column.required and column.path not in item.path_rows:
                errors.add(
                    raw.title,
                    Message("缺少必填设置项", "required setting is missing"),
                    column=column.header,
                    structural=True,
                )
    apply_settings(built.doc, item)
    built.settings = item


def _lists(built: Built, by_key: dict[str, RawSheet], errors: Errors) -> list[ParsedSheet]:
    horizon = built.doc.get("horizon")
    day = str(horizon.get("start")) if isinstance(horizon, dict) else "2000-01-01"
    if "groups" in by_key:
        groups = read_items(by_key["groups"], GROUPS, GROUPS.columns, errors, day)
        upsert_groups(built.doc, groups, built)
    names = _group_names(built.doc)
    parsed = []
    for spec in LIST_SHEETS:
        if spec is GROUPS:
            continue
        if spec.key in by_key:
            sheet = read_items(by_key[spec.key], spec, columns_of(spec, names), errors, day)
            built.doc[spec.key], built.origins[spec.key] = upsert(
                built.doc.get(spec.key, []), sheet
            )
            parsed.append(sheet)
        else:
            built.origins[spec.key] = [None] * len(built.doc.get(spec.key, []))
    return parsed


def _resolve_all(built: Built, parsed: list[ParsedSheet], errors: Errors) -> None:
    found = lookups(built.doc)
    for sheet in parsed:
        entries = built.doc[sheet.spec.key]
        for entry, origin in zip(entries, built.origins[sheet.spec.key], strict=True):
            if origin is not None:
                resolve(entry, origin, sheet.columns, found, errors)


def _sorted(errors: list[SheetError], order: list[str]) -> list[SheetError]:
    rank = {title: i for i, title in enumerate(order)}
    return sorted(errors, key=lambda e: (rank.get(e.sheet, -1), e.row or 0))


def import_workbook(
    data: bytes, filename: str, *, base: Scenario | None = None, kind: str | None = None
) -> Scenario:
    """The scenario an uploaded .xlsx or .csv file holds, all or nothing.

    ``filename`` tells a CSV from a workbook (the bytes decide when they are a zip) and may name
    the list a CSV holds; ``kind`` names it outright. A CSV may be UTF-8, UTF-16 or GB18030.
    Rows are merged onto ``base`` when given. Raises :class:`SheetTooLarge` for a file over
    ``MAX_UPLOAD_BYTES`` (pass at most one byte more) and :class:`SheetImportError` listing every
    problem by sheet, row and column otherwise.
    """
    errors = Errors()
    built = Built(start_doc(base))
    sources = read_sources(data, filename, kind, _group_names(built.doc), errors)
    by_key = {spec.key: raw for spec, raw in sources}
    missing = base is None and _require_sheets(by_key, errors)
    if "settings" in by_key:
        _settings(built, by_key["settings"], base, errors)
    parsed = _lists(built, by_key, errors)
    if not missing:  # without regions or courses every reference would look unknown
        _resolve_all(built, parsed, errors)
    scenario: Scenario | None = None
    if not errors.structural:
        try:
            scenario = parse_scenario(built.doc)
        except FormatError as exc:
            titles = {spec.key: spec.name for spec in SHEETS} | {s.key: r.title for s, r in sources}
            place(errors, exc.problems, built.origins, built.groups, built.settings, titles)
    if errors or scenario is None:
        raise SheetImportError(_sorted(errors.items, [raw.title for _, raw in sources]))
    return scenario
