"""Every page router, in the order they are matched."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    """The page routers to include in the app."""
    from trainsched.web.routes import about, classes, home, me

    return [home.router, classes.router, about.router, me.router]
