"""Texts that come from data or Python, translated into the page's language when shown."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request

from trainsched.web.i18n import translations
from trainsched.web.render import page_lang


def data_text(request: Request) -> Callable[[str], str]:
    """Translate a name from the scenario data when the catalog knows it, else show it as is."""
    return translations(page_lang(request)).gettext


def page_text(request: Request, message: str) -> str:
    """A Python-side message (marked with ``N_``) in the page's language."""
    return translations(page_lang(request)).gettext(message)
