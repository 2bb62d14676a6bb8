"""Uploaded JSON read with explicit limits on size, nesting and number length.

A scenario is a few levels deep with short numbers; anything far beyond that is refused
with the reason before it can exhaust the parser, the store or the serialiser.
"""

from __future__ import annotations

import json
from typing import Any

from trainsched.formats import Problem
from trainsched.services.errors import Invalid, TooLarge

# A whole city's lists are a few MB; the limit keeps one upload from filling the server.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
# A scenario nests about six levels; 64 leaves room for any free-form extra field.
MAX_DEPTH = 64
# Counts, minutes and money are far below 10^30; a number that long is not data. Its text
# is measured before it is converted (a 5,000-digit integer costs time to read).
MAX_NUMBER_CHARS = 40
NUMBER_LIMIT = 10**30
_EXACT = 2**53  # beyond this a float no longer names one whole number


def read_json(data: bytes) -> Any:
    """An uploaded document decoded as JSON (a UTF-8 byte-order mark is allowed)."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise TooLarge(f"the document is larger than {MAX_DOCUMENT_BYTES // 2**20} MB")
    try:
        text = data.decode("utf-8-sig")
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_no_constant)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid("the body is not valid JSON", [Problem("$", str(exc))]) from None
    except RecursionError:
        raise _too_deep() from None
    if _depth(value) > MAX_DEPTH:
        raise _too_deep()
    return value


def _too_deep() -> Invalid:
    message = f"nested more than {MAX_DEPTH} levels deep"
    return Invalid(f"the body is {message}", [Problem("$", message)], kind="json-too-deep")


def _number(text: str) -> None:
    if len(text) > MAX_NUMBER_CHARS:
        message = f"a number of {len(text)} characters (at most {MAX_NUMBER_CHARS})"
        raise Invalid(f"the body holds {message}", [Problem("$", message)], kind="json-number")


def _in_range(value: float) -> None:
    if not -NUMBER_LIMIT < value < NUMBER_LIMIT:
        message = "a number of 10^30 or more in size"
        raise Invalid(f"the body holds {message}", [Problem("$", message)], kind="json-number")


def _int(text: str) -> int:
    _number(text)
    value = int(text)
    _in_range(value)
    return value


def _float(text: str) -> float | int:
    _number(text)
    value = float(text)
    _in_range(value)
    # JSON has one kind of number: 3460.0 and 1e3 are whole numbers, as JSON Schema's
    # "integer" counts them, so counts written that way are read as counts.
    if value.is_integer() and abs(value) <= _EXACT:
        return int(value)
    return value


def _no_constant(text: str) -> Any:
    # NaN and Infinity are not JSON; Python's parser would take them otherwise.
    message = f"{text} is not a JSON number"
    raise Invalid(f"the body holds {message}", [Problem("$", message)], kind="json-number")


def _depth(value: Any) -> int:
    """How many arrays and objects nest in ``value`` (walked without recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        depth += 1
        if depth > MAX_DEPTH:
            return depth
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in children)
    return deepest
