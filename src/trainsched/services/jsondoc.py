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
# Counts, minutes and money fit in 30 digits; longer numbers are not data but an attack.
MAX_NUMBER_CHARS = 30


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


def _int(text: str) -> int:
    _number(text)
    return int(text)


def _float(text: str) -> float:
    _number(text)
    return float(text)


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
