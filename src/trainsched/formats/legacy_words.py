"""Reasons of plans stored before reasons spoke plainly, said again in today's words.

Those plans keep texts like "R05区的SYB讲师在2027-05-13至2027-06-30之间已被其他班占用或
达到天数上限，最多0名有空": a reader that knows the scenario's names renders them as
"西江县的SYB讲师在5月13日–6月30日都已排满（含天数上限）". Only the shapes the old solver wrote
are rewritten; anything else stays as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from trainsched.formats.message import Message
from trainsched.formats.readable import date_range, day, money
from trainsched.formats.scenario import Scenario

_D = r"(\d{4}-\d{2}-\d{2})"
_ZH_RANGE = re.compile(rf"{_D}\s?至\s?{_D}(?:之间)?")
_EN_RANGE = re.compile(rf"between {_D} and {_D}|{_D}\.\.{_D}")
_ISO = re.compile(_D)
_ZH_NONE_FREE = re.compile(r"(?:已被其他班占用或达到天数上限|都已排满或达到天数上限)，最多0名有空")
_ZH_SOME_FREE = re.compile(
    r"(?:已被其他班占用或达到天数上限|都已排满或达到天数上限)，最多(\d+)名有空"
)
_EN_NONE_FREE = re.compile(r"at most 0 of (\d+) free")
_ZH_MONEY = re.compile(r"(\d{4,})元")
_EN_MONEY = re.compile(r"(\d{1,3}(?:,\d{3})+|\d{4,}) yuan")


def scenario_names(scenario: Scenario) -> dict[str, str]:
    """Every id an old reason may quote, with the name people know it by."""
    names = {r.id: r.name for r in scenario.regions}
    names |= {f.id: f.name for f in scenario.funds if f.name}
    names |= {v.id: v.name for v in scenario.venues} | {t.id: t.name for t in scenario.trainers}
    return names | {p.id: p.name for p in scenario.providers}


def _span(m: re.Match[str]) -> Message:
    first, last = (dt.date.fromisoformat(g) for g in m.groups() if g)
    return date_range(first, last)


def _en_span(m: re.Match[str]) -> str:
    # "between A and B" reads "in A–B"; a visit's "A..B" window is the span alone.
    return f"in {_span(m).en}" if m[0].startswith("between") else _span(m).en


# A word an id could be (ids are ASCII); looked up, so other words stay as they are. Old
# Chinese texts wrote a district as "R05区": the name already says 区 or 县.
_TOKEN = re.compile(r"(?<![A-Za-z0-9_.-])([A-Za-z0-9][A-Za-z0-9_.-]*?)(区?)(?![A-Za-z0-9_])")


def _yuan(lang: str) -> Callable[[re.Match[str]], str]:
    return lambda m: money(int(m[1].replace(",", ""))).text(lang)


class LegacyWords:
    """Says old reasons again with one scenario's names (built once per plan read)."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = names

    def _name(self, m: re.Match[str]) -> str:
        return self.names.get(m[1], m[0])

    def _named(self, text: str) -> str:
        return _TOKEN.sub(self._name, text)

    def upgrade(self, message: Message) -> Message:
        """An old reason with names for codes, local dates and separated money."""
        zh = _ZH_RANGE.sub(lambda m: _span(m).zh, message.zh)
        zh = _ZH_NONE_FREE.sub("都已排满（含天数上限）", zh)
        zh = _ZH_SOME_FREE.sub(r"大多已排满（含天数上限），同时有空的只有\1名", zh)
        zh = self._named(_ZH_MONEY.sub(_yuan("zh"), zh))
        zh = _ISO.sub(lambda m: day(dt.date.fromisoformat(m[1])).zh, zh)
        en = _EN_RANGE.sub(_en_span, message.en)
        en = _EN_NONE_FREE.sub(r"none of the \1 needed free", en)
        en = self._named(_EN_MONEY.sub(_yuan("en"), en))
        en = _ISO.sub(lambda m: day(dt.date.fromisoformat(m[1])).en, en)
        return Message(zh, en)
