"""Rendered page parts that depend only on immutable inputs, kept per key and language."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from fastapi import Request
from markupsafe import Markup

from trainsched.web.i18n import Formatter
from trainsched.web.render import environment, page_lang

_CACHE_SIZE = 32
_parts: OrderedDict[tuple[str, str, str], Markup] = OrderedDict()
_lock = threading.Lock()


def cached_part(request: Request, template: str, key: str, **context: Any) -> Markup:
    """``template`` rendered in the request's language, once per ``key`` (which names its inputs).

    Parts hold no form, so nothing per session (like the anti-forgery value) is cached.
    """
    lang = page_lang(request)
    cache_key = (template, key, lang)
    with _lock:
        found = _parts.get(cache_key)
        if found is not None:
            _parts.move_to_end(cache_key)
            return found
    html = environment().get_template(template).render(lang=lang, fmt=Formatter(lang), **context)
    # Safe: the environment autoescapes everything the template inserts.
    part = Markup(html)
    with _lock:
        _parts[cache_key] = part
        while len(_parts) > _CACHE_SIZE:
            _parts.popitem(last=False)
    return part
