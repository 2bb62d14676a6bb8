"""One Jinja2 environment for every page; each render carries its own language."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context

from trainsched import __version__
from trainsched.resources import template_dir
from trainsched.web.i18n import LANG_LABELS, Formatter, translations

LANG_COOKIE = "lang"
SESSION_COOKIE = "trainsched_session"


@pass_context
def _gettext(context: Context, message: str) -> str:
    return translations(context["lang"]).gettext(message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return translations(context["lang"]).ngettext(singular, plural, n)


@cache
def environment() -> Environment:
    """The page templates, autoescaped, with gettext bound to each render's language."""
    env = Environment(
        loader=FileSystemLoader(template_dir()),
        autoescape=select_autoescape(["html", "xml", "svg"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["version"] = __version__
    env.globals["lang_labels"] = LANG_LABELS
    return env


def page_lang(request: Request) -> str:
    """The language this request's page is shown in (set by the language middleware)."""
    lang: str = getattr(request.state, "lang", "zh")
    return lang


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render template ``name`` in the request's language."""
    lang = page_lang(request)
    context.setdefault("coordinator", getattr(request.state, "coordinator_name", None))
    # Public pages only look for the cookie (no lookup): the desk itself checks the session.
    context.setdefault("signed_in", SESSION_COOKIE in request.cookies)
    body = (
        environment()
        .get_template(name)
        .render(request=request, lang=lang, fmt=Formatter(lang), **context)
    )
    response = HTMLResponse(body, status_code=status_code)
    response.headers["Content-Language"] = "zh-CN" if lang == "zh" else "en"
    return response
