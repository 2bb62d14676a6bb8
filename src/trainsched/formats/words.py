"""Words for the codes a scenario uses, in both languages: the one catalogue feeds and pages use.

Courses, key groups and districts carry their own names in the scenario; mentors' topic
tags are bare codes (``ecommerce``), so people are shown these words instead. A tag the
catalogue does not know is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from trainsched.formats.message import Message

TOPICS: Final[Mapping[str, Message]] = {
    "agriculture": Message("农业", "Agriculture"),
    "catering": Message("餐饮", "Catering"),
    "ecommerce": Message("电子商务", "E-commerce"),
    "finance": Message("财务", "Finance"),
    "legal": Message("法律", "Law"),
    "manufacturing": Message("生产制造", "Manufacturing"),
    "marketing": Message("市场营销", "Marketing"),
    "tourism": Message("旅游", "Tourism"),
}


def topic_words(tag: str) -> Message:
    """A mentor's topic tag in words people use (the tag itself when it has none)."""
    return TOPICS.get(tag) or Message(tag, tag)
