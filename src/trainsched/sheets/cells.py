"""Cell values as people type them → the scenario's JSON values, or a problem in both languages."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from trainsched.formats import Message
from trainsched.sheets.spec import Column, Kind


class CellValueError(Exception):
    """A cell that cannot be read as its column's kind."""

    def __init__(self, zh: str, en: str) -> None:
        self.message = Message(zh, en)
        super().__init__(en)


_BLANKS = " \t\r\n\u3000\xa0\ufeff"
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00)?)?$"
)
_RANGE_SPLIT = re.compile(r"\s*(?:[~～〜—–－]|至|到|\s-\s)\s*")
_LIST_SPLIT = re.compile(r"\s*[;；,，、\n\r]+\s*")
_INT = re.compile(r"^[+-]?\d+(?:\.0+)?$")
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})(?::00)?$")
_UNITS = "元人天次个"
_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "对", "有"}
_FALSE = {"否", "n", "no", "false", "0", "×", "✗", "错", "无"}
_CN = {"cn", "中国", "是", "全国", "国家", "yes", "true"}
_NOT_CN = {"无", "否", "none", "no", "false", "null"}


def clean(value: object) -> object:
    """Strip text (full-width spaces too); blank text becomes None."""
    if isinstance(value, str):
        text = value.strip(_BLANKS)
        return text or None
    return value


def shown(value: object) -> str:
    """A cell value as text for messages and as written in the sheet."""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip(_BLANKS)


def to_int(value: object) -> int:
    """A whole number: Excel number or text such as ``1,500`` or ``30人``."""
    if isinstance(value, bool):
        raise CellValueError(f"应为整数，不是 {value}", f"expected a whole number, not {value}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = _fold(value).replace(",", "").replace(" ", "").rstrip(_UNITS)
        if _INT.match(text):
            return int(float(text)) if "." in text else int(text)
    raise CellValueError(
        f'应为整数："{shown(value)}"', f'expected a whole number: "{shown(value)}"'
    )


def to_float(value: object) -> float:
    """A decimal number (coordinates, kilometres)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        try:
            number = float(_fold(str(value)).replace(",", ""))
        except ValueError:
            number = math.nan
    if not math.isfinite(number):
        raise CellValueError(f'应为数字："{shown(value)}"', f'expected a number: "{shown(value)}"')
    return number


def _date_text(text: str) -> dt.date:
    match = _DATE.match(_fold(text))
    if match is None:
        raise CellValueError(
            f'不是日期："{text}"（应写作 2027-03-01，或使用 Excel 日期）',
            f'not a date: "{text}" (write 2027-03-01, or use an Excel date)',
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellValueError(
            f'日历上没有这一天："{text}"', f'no such calendar day: "{text}"'
        ) from None


def to_date(value: object) -> dt.date:
    """A real Excel date (no time of day) or date text in the usual Chinese ways."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            raise CellValueError(
                f"日期带有时刻：{value}（只填日期）",
                f"date has a time of day: {value} (dates only)",
            )
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return _date_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellValueError(
            f"数字 {shown(value)} 不是日期：请把单元格设为日期格式或写作 2027-03-01",
            f"the number {shown(value)} is not a date: "
            "format the cell as a date or write 2027-03-01",
        )
    raise CellValueError(f'不是日期："{shown(value)}"', f'not a date: "{shown(value)}"')


def split_list(value: object) -> list[str]:
    """Several items in one cell, separated by ``;`` ``；`` ``,`` ``，`` ``、`` or new lines."""
    if isinstance(value, dt.date):
        return [shown(value)]
    return [part for part in _LIST_SPLIT.split(shown(value).strip(_BLANKS)) if part]


def _range_or_date(part: str) -> str | dict[str, str]:
    ends = _RANGE_SPLIT.split(part)
    if len(ends) == 1:
        return _date_text(part).isoformat()
    if len(ends) != 2 or not all(ends):
        raise CellValueError(
            f'无法识别的日期区间："{part}"（应写作 2027-03-01~2027-03-05）',
            f'unreadable date range: "{part}" (write 2027-03-01~2027-03-05)',
        )
    first, last = _date_text(ends[0]), _date_text(ends[1])
    if first > last:
        raise CellValueError(f'区间开始晚于结束："{part}"', f'range starts after it ends: "{part}"')
    return {"from": first.isoformat(), "to": last.isoformat()}


def to_unavailable(value: object) -> list[str | dict[str, str]]:
    """Dates and inclusive ranges, kept as written."""
    if isinstance(value, dt.date):
        return [to_date(value).isoformat()]
    return [_range_or_date(part) for part in split_list(value)]


def to_dates(value: object) -> list[str]:
    """A list of single dates (no ranges)."""
    out = []
    for item in to_unavailable(value):
        if isinstance(item, dict):
            raise CellValueError(
                "此列须逐日列出日期，不能写区间", "this column lists single dates, not ranges"
            )
        out.append(item)
    return out


def to_holidays(value: object) -> list[str]:
    """A list of dates where a range stands for every date in it."""
    out: list[str] = []
    for item in to_unavailable(value):
        if isinstance(item, str):
            out.append(item)
            continue
        day, last = dt.date.fromisoformat(item["from"]), dt.date.fromisoformat(item["to"])
        while day <= last:
            out.append(day.isoformat())
            day += dt.timedelta(days=1)
    return out


def to_time(value: object) -> str:
    """A time of day as ``HH:MM``."""
    if isinstance(value, dt.time) and value.second == 0 and value.microsecond == 0:
        return value.strftime("%H:%M")
    match = _TIME.match(_fold(str(value))) if isinstance(value, str) else None
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return f"{int(match.group(1)):02d}:{match.group(2)}"
    raise CellValueError(
        f'应为时间，如 09:00："{shown(value)}"', f'expected a time such as 09:00: "{shown(value)}"'
    )


def to_bool(value: object) -> bool:
    """是/否, yes/no, true/false, 1/0."""
    if isinstance(value, bool):
        return value
    text = _fold(shown(value)).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellValueError(
        f'应填 是 或 否："{shown(value)}"', f'expected yes or no (是/否): "{shown(value)}"'
    )


def to_official(value: object) -> str | None:
    """``CN`` for the official Chinese calendar, nothing otherwise."""
    text = _fold(shown(value)).lower()
    if text in _CN:
        return "CN"
    if text in _NOT_CN:
        return None
    raise CellValueError(
        f'应填 CN 或 无："{shown(value)}"', f'expected CN or none: "{shown(value)}"'
    )


def to_weights(value: object) -> dict[str, int]:
    """Pairs ``key=value`` of whole numbers."""
    out: dict[str, int] = {}
    for part in split_list(value):
        key, sep, number = _fold(part).replace("：", "=").replace(":", "=").partition("=")
        if not sep or not key.strip():
            raise CellValueError(f'应写作 名称=数字："{part}"', f'expected name=number: "{part}"')
        out[key.strip()] = to_int(number.strip())
    return out


def to_json_object(value: object) -> dict[str, Any]:
    """A JSON object written in one cell."""
    try:
        data = json.loads(shown(value))
    except json.JSONDecodeError as exc:
        raise CellValueError(f"不是有效的 JSON：{exc.msg}", f"not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict):
        raise CellValueError("应为 JSON 对象 {...}", "expected a JSON object {...}")
    return data


def _bounded(low: float | None, high: float | None, number: float) -> None:
    if low is not None and number < low:
        raise CellValueError(
            f"不能小于 {shown(low)}：{shown(number)}",
            f"must be at least {shown(low)}: {shown(number)}",
        )
    if high is not None and number > high:
        raise CellValueError(
            f"不能大于 {shown(high)}：{shown(number)}",
            f"must be at most {shown(high)}: {shown(number)}",
        )


def _id_text(value: object) -> str:
    text = shown(value)
    if len(text) > 128:
        raise CellValueError("编号过长（最多 128 个字符）", "id too long (at most 128 characters)")
    return text


_CONVERT: dict[Kind, Callable[[object], object]] = {
    "id": _id_text,
    "text": shown,  # whole numbers lose Excel's ".0" (ids, phone numbers)
    "int": to_int,
    "money": to_int,
    "float": to_float,
    "date": lambda v: to_date(v).isoformat(),
    "dates": to_dates,
    "holidays": to_holidays,
    "unavailable": to_unavailable,
    "time": to_time,
    "bool": to_bool,
    "ref": shown,
    "refs": split_list,
    "tags": split_list,
    "quals": split_list,
    "official": to_official,
    "weights": to_weights,
    "json": to_json_object,
}


def convert(column: Column, value: object) -> object:
    """The JSON value of one non-blank cell of ``column``; raises CellValueError."""
    out = _CONVERT[column.kind](value)
    if isinstance(out, int | float) and not isinstance(out, bool):
        low = 0 if column.kind == "money" and column.low is None else column.low
        _bounded(low, column.high, out)
    return out
