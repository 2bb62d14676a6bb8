"""The format validator's problems, placed back on sheet, row and column, in Chinese and English."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from trainsched.formats import Message, Problem
from trainsched.sheets.collect import Errors, Item, Path
from trainsched.sheets.columns import LIST_SHEETS, SETTINGS
from trainsched.sheets.spec import SheetSpec

BASE_SHEET = "基础场景"
_ITEM = re.compile(r"^(\w+)\[(\d+)\]\.?(.*)$")
_INDEX = re.compile(r"\[\d+\]")
_FIELDS = {
    "earliest": "最早开课日期",
    "latest_end": "最晚结课日期",
    "from": "开始日期",
    "to": "结束日期",
    "start": "开始",
    "end": "结束",
}
_FAMILY_HEADERS = {("trainees",): "各群体人数", ("hours",): "上课时间", ("pinned",): "锁定日期"}
_KINDS = {
    "course": "课程",
    "region": "区县",
    "group": "群体",
    "trainer": "讲师",
    "venue": "场地",
    "visit request": "走访需求",
    "cohort": "开班需求",
    "fund": "资金",
}


def _kind(m: re.Match[str]) -> str:
    return f'未知{_KINDS.get(m[1], m[1])} "{m[2]}"'


_TRANSLATIONS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^unknown ([a-z ]+) '(.*)'$"), _kind),
    (re.compile(r"^duplicate id '(.*)'$"), lambda m: f'编号重复 "{m[1]}"'),
    (
        re.compile(r"^(\S+) is outside the horizon (\S+)\.\.(\S+)$"),
        lambda m: f"{m[1]} 不在规划期 {m[2]} 至 {m[3]} 之内",
    ),
    (
        re.compile(r"^(\w+) (\S+) is after (\w+) (\S+)$"),
        lambda m: f"{_FIELDS.get(m[1], m[1])} {m[2]} 晚于{_FIELDS.get(m[3], m[3])} {m[4]}",
    ),
    (
        re.compile(r"^(\d+) trainees is outside (.+)'s size (\d+)\.\.(\d+)$"),
        lambda m: f"学员 {m[1]} 人，不在课程 {m[2]} 的班额 {m[3]}–{m[4]} 人之内",
    ),
    (
        re.compile(r"^min_size (\d+) exceeds max_size (\d+)$"),
        lambda m: f"最少人数 {m[1]} 大于最多人数 {m[2]}",
    ),
    (
        re.compile(r"^max_span_days (\d+) < days (\d+)$"),
        lambda m: f"最长跨度天数 {m[1]} 小于上课天数 {m[2]}",
    ),
    (
        re.compile(r"^start (\S+) is not before end (\S+)$"),
        lambda m: f"上课时间 {m[1]} 不早于下课时间 {m[2]}",
    ),
    (
        re.compile(
            r"^scope overlaps fund '(.*)' \(funds\[\d+\]\) in (.*) between (\S+) and (\S+)$"
        ),
        lambda m: f'与资金 "{m[1]}" 的适用范围重叠（{m[2]}，{m[3]} 至 {m[4]}）',
    ),
    (re.compile(r"^unknown IANA timezone '(.*)'$"), lambda m: f'未知时区 "{m[1]}"'),
    (re.compile(r"^the course catalogue is empty$"), lambda m: "课程目录为空"),
    (re.compile(r"^no regions"), lambda m: "没有区县：至少需要一个"),
    (re.compile(r"^no key groups defined$"), lambda m: "没有重点群体"),
    (re.compile(r"^required key is missing$"), lambda m: "缺少必填项（或缺少此表）"),
]


def translate(message: str) -> str:
    """A Chinese rendering of a validator message (the English stays alongside)."""
    for pattern, render in _TRANSLATIONS:
        match = pattern.match(message)
        if match:
            return render(match)
    return f"数据校验未通过：{message}"


def _field(rest: str) -> Path:
    text = _INDEX.sub("", rest)
    return tuple(p for p in text.split(".") if p)


def _hides(item: Item, path: Path) -> bool:
    # A cell already reported (or its stand-in value) must not be reported twice.
    if not item.failed:
        return False
    if not path:
        return True
    return any(path[: len(f)] == f or f[: len(path)] == path for f in item.failed)


def _spec(key: str) -> SheetSpec | None:
    return next((s for s in LIST_SHEETS if s.key == key), None)


def _header(spec: SheetSpec | None, path: Path) -> str | None:
    if spec is None or not path:
        return None
    if path in _FAMILY_HEADERS:
        return _FAMILY_HEADERS[path]
    for column in spec.columns:
        if column.path == path[: len(column.path)]:
            return column.header
    return ".".join(path)


def _place_item(
    errors: Errors, problem: Problem, key: str, item: Item | None, path: Path, json_path: str
) -> None:
    zh = translate(problem.message)
    if item is None:
        errors.add(BASE_SHEET, None, json_path, None, Message(zh, problem.message))
    elif not _hides(item, path):
        header, value = item.cells.get(path, (_header(_spec(key), path), None))
        errors.add(item.sheet, item.row, header, value, Message(zh, problem.message))


def place(
    errors: Errors,
    problems: Sequence[Problem],
    origins: dict[str, list[Item | None]],
    groups: dict[str, Item],
    settings: Item | None,
    titles: dict[str, str],
) -> None:
    """Add each validator problem at the row and column it concerns."""
    for problem in problems:
        match = _ITEM.match(problem.path)
        if match and match[1] in origins and int(match[2]) < len(origins[match[1]]):
            item = origins[match[1]][int(match[2])]
            _place_item(errors, problem, match[1], item, _field(match[3]), problem.path)
            continue
        path = _field(problem.path)
        if path[:1] == ("groups",) and len(path) > 1:
            _place_item(errors, problem, "groups", groups.get(path[1]), path[2:], problem.path)
        elif path[:1] == ("horizon",) or (
            settings is not None and path and path[0] in {"name", "timezone", "calendar", "weights"}
        ):
            _place_setting(errors, problem, settings, path)
        else:
            sheet = titles.get(path[0], path[0]) if path else "文件"
            errors.add(
                sheet, None, None, None, Message(translate(problem.message), problem.message)
            )


def _place_setting(errors: Errors, problem: Problem, settings: Item | None, path: Path) -> None:
    if path == ("horizon",):
        path = ("horizon", "start")
    zh = translate(problem.message)
    if settings is None or path not in settings.path_rows:
        errors.add(
            SETTINGS.name if settings else BASE_SHEET,
            None,
            ".".join(path),
            None,
            Message(zh, problem.message),
        )
        return
    if _hides(settings, path):
        return
    header, value = settings.cells.get(path, (".".join(path), None))
    errors.add(settings.sheet, settings.row_of(path), header, value, Message(zh, problem.message))
