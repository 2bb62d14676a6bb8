"""The web pages: server-rendered Jinja2, Chinese first, every asset served by the app."""

from __future__ import annotations

from trainsched.web.render import SESSION_COOKIE
from trainsched.web.setup import install

__all__ = ["SESSION_COOKIE", "install"]
