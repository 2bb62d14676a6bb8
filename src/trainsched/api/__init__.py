"""The HTTP API (FastAPI): scenarios, solve jobs, plans, re-planning and public views."""

from trainsched.api.app import create_app
from trainsched.api.settings import Settings

__all__ = ["Settings", "create_app"]
