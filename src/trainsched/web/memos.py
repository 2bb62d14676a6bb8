"""The coordinator pages' memory of what they built, one per app (never shared between apps)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI, Request

from trainsched.memo import Shelves


def install(app: FastAPI) -> None:
    """Give ``app`` its own coordinator-page memos."""
    app.state.page_memos = Shelves()


def page_memos(request: Request) -> Shelves:
    """This app's coordinator-page memos."""
    memos: Shelves = request.app.state.page_memos
    return memos


PageMemosDep = Annotated[Shelves, Depends(page_memos)]
