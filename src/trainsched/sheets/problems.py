"""The format validator's problems, placed back on sheet, row and column, in Chinese and English."""

from __future__ import annotations

import re
from collections.abc import Sequence

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


# Validator message → Chinese template. Positional fields are the pattern's groups in order;
# named groups are words of the format turned into the sheet's words first (kind → _KINDS,
# others → _FIELDS).
_TRANSLATIONS = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (r"^unknown (?P<kind>[a-z ]+) '(.*)'$", '未知{kind} "{1}"'),
        (r"^duplicate id '(.*)'$", '编号重复 "{0}"'),
        (r"^(\S+) is outside the horizon (\S+)\.\.(\S+)$", "{0} 不在规划期 {1} 至 {2} 之内"),
        (
            r"^(?P<first>\w+) (\S+) is after (?P<second>\w+) (\S+)$",
            "{first} {1} 晚于{second} {3}",
        ),
        (
            r"^(\d+) trainees is outside (.+)'s size (\d+)\.\.(\d+)$",
            "学员 {0} 人，不在课程 {1} 的班额 {2}–{3} 人之内",
        ),
        (r"^min_size (\d+) exceeds max_size (\d+)$", "最少人数 {0} 大于最多人数 {1}"),
        (r"^max_span_days (\d+) < days (\d+)$", "最长跨度天数 {0} 小于上课天数 {1}"),
        (r"^start (\S+) is not before end (\S+)$", "上课时间 {0} 不早于下课时间 {1}"),
        (
            r"^scope overlaps fund '(.*)' \(funds\[\d+\]\) in (.*) between (\S+) and (\S+)$",
            '与资金 "{0}" 的适用范围重叠（{1}，{2} 至 {3}）',
        ),
        (r"^unknown IANA timezone '(.*)'$", '未知时区 "{0}"'),
        (r"^the course catalogue is empty$", "课程目录为空"),
        (r"^no regions", "没有区县：至少需要一个"),
        (r"^no key groups defined$", "没有重点群体"),
        (r"^required key is missing$", "缺少必填项（或缺少此表）"),
    )
)


def translate(message: str) -> str:
    """A Chinese rendering of a validator message (the English stays alongside)."""
    for pattern, template in _TRANSLATIONS:
        match = pattern.match(message)
        if match:
            words = {
                name: (_KINDS if name == "kind" else _FIELDS).get(text, text)
                for name, text in match.groupdict().items()
            }
            return template.format(*match.groups(), **words)
    return f"数据校验未通过：{message}"


def said(problem: Problem) -> Message:
    """A validator problem in both languages."""
    return Message(translate(problem.message), problem.message)


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
    if item is None:
        errors.add(BASE_SHEET, said(problem), column=json_path)
    elif not _hides(item, path):
        errors.at(item, path, said(problem), _header(_spec(key), path))


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
            errors.add(sheet, said(problem))


def _place_setting(errors: Errors, problem: Problem, settings: Item | None, path: Path) -> None:
    if path == ("horizon",):
        path = ("horizon", "start")
    if settings is None or path not in settings.path_rows:
        sheet = SETTINGS.name if settings else BASE_SHEET
        errors.add(sheet, said(problem), column=".".join(path))
    elif not _hides(settings, path):
        errors.at(settings, path, said(problem), ".".join(path))
