"""The words a plan carries for people: reasons for what was left out, and warnings.

A plan document's ``reason`` fields hold the Chinese text (the spec asks for plain words; the
product speaks Chinese first). Both languages are kept in the plan's extension area ``x``:
``x.reasons.cohorts[id]``, ``x.reasons.visits[request]`` and ``x.warnings[]``, each a
``{"zh": …, "en": …}`` object, so every reader can render the language it is asked for.
Plans stored before that kept one string with both halves; :func:`legacy_message` reads them.
Plans whose reasons still quote codes and ISO dates (no ``x.reasons.words``) are said again
with the scenario's names when a reader passes them (``legacy_words.LegacyWords``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from trainsched.formats.legacy_words import LegacyWords
from trainsched.formats.message import Message
from trainsched.formats.plan import Plan

_GLUED = " / "
# x.reasons.words: reasons name things and say dates and money as people do (issue 19).
_WORDS_KEY, WORDS = "words", 2
_EN_THEN_ZH = re.compile(r"^(?P<en>[^\u4e00-\u9fff]+?) \((?P<zh>.*[\u4e00-\u9fff].*)\)$")


def legacy_message(text: str) -> Message:
    """A message from a plan stored before messages: "中文 / English" or "English (中文)"."""
    zh, sep, en = text.partition(_GLUED)
    if sep:
        return Message(zh, en)
    match = _EN_THEN_ZH.match(text)
    if match:
        return Message(match["zh"], match["en"])
    return Message.same(text)


def reasons_extension(
    cohorts: Mapping[str, Message], visits: Mapping[str, Message]
) -> dict[str, Any]:
    """The ``x.reasons`` value for a plan's reasons."""
    return {
        "cohorts": {key: m.as_json() for key, m in cohorts.items()},
        "visits": {key: m.as_json() for key, m in visits.items()},
        _WORDS_KEY: WORDS,
    }


def warnings_extension(warnings: Sequence[Message]) -> list[dict[str, str]]:
    """The ``x.warnings`` value for a plan's warnings."""
    return [w.as_json() for w in warnings]


def _stored(plan: Plan, kind: str) -> Mapping[str, Any]:
    reasons = (plan.x or {}).get("reasons")
    table = reasons.get(kind) if isinstance(reasons, Mapping) else None
    return table if isinstance(table, Mapping) else {}


def _in_words(
    plan: Plan, found: dict[str, Message], names: Mapping[str, str] | None
) -> dict[str, Message]:
    reasons = (plan.x or {}).get("reasons")
    if names is None or (isinstance(reasons, Mapping) and reasons.get(_WORDS_KEY) == WORDS):
        return found
    words = LegacyWords(names)
    return {key: words.upgrade(m) for key, m in found.items()}


def cohort_reasons(plan: Plan, names: Mapping[str, str] | None = None) -> dict[str, Message]:
    """Why each class the plan left out could not be placed, by class id (an old plan's
    reasons with ``names`` for the codes they quote, when given)."""
    stored = _stored(plan, "cohorts")
    found = {
        u.id: Message.from_json(stored.get(u.id)) or legacy_message(u.reason)
        for u in plan.unscheduled_cohorts
    }
    return _in_words(plan, found, names)


def visit_reasons(plan: Plan, names: Mapping[str, str] | None = None) -> dict[str, Message]:
    """Why each visit request got fewer visits than asked, by request id."""
    stored = _stored(plan, "visits")
    found = {
        u.request: Message.from_json(stored.get(u.request)) or legacy_message(u.reason)
        for u in plan.unscheduled_visits
    }
    return _in_words(plan, found, names)


def plan_warnings(plan: Plan) -> list[Message]:
    """What the solver warned about (e.g. a year the official calendar does not cover)."""
    raw = (plan.x or {}).get("warnings", [])
    out = []
    for item in raw if isinstance(raw, list) else []:
        message = legacy_message(item) if isinstance(item, str) else Message.from_json(item)
        if message is not None:
            out.append(message)
    return out


def provisional_years(plan: Plan) -> list[int]:
    """Years the plan has days in that were planned before their official holiday notice."""
    raw = (plan.x or {}).get("provisional_years", [])
    years = raw if isinstance(raw, list) else []
    return sorted(y for y in years if isinstance(y, int) and not isinstance(y, bool))
