"""Every page router, in the order they are matched."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    """The page routers to include in the app."""
    from trainsched.web.routes import (
        about,
        classes,
        coordinator_audit,
        coordinator_home,
        coordinator_jobs,
        coordinator_plans,
        coordinator_scenario,
        coordinator_users,
        home,
        me,
    )

    return [
        home.router,
        classes.router,
        about.router,
        me.router,
        coordinator_home.router,
        coordinator_audit.router,
        coordinator_users.router,
        coordinator_scenario.router,
        coordinator_jobs.router,
        coordinator_plans.router,
    ]
