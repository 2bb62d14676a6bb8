"""Rendered page parts that depend only on immutable inputs, kept per key and language."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from markupsafe import Markup

from trainsched.memo import Shelf, Shelves
from trainsched.web.i18n import Formatter
from trainsched.web.render import environment, page_lang

# Keyed by template, inputs and language: a key's part never changes.
PARTS: Shelf[tuple[str, str, str], Markup] = Shelf("rendered page parts", 32)


def cached_part(
    request: Request, memos: Shelves, template: str, key: str, **context: Any
) -> Markup:
    """``template`` rendered in the request's language, once per ``key`` (which names its inputs).

    Parts hold no form, so nothing per session (like the anti-forgery value) is cached.
    """
    lang = page_lang(request)

    def render() -> Markup:
        page = environment().get_template(template)
        # Safe: the environment autoescapes everything the template inserts.
        return Markup(page.render(lang=lang, fmt=Formatter(lang), **context))

    return memos.memo(PARTS).get_or_make((template, key, lang), render)
