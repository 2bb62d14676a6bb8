"""Rendered public pages, kept per publication, query and language (their content never changes)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Final

from fastapi import Response
from fastapi.responses import HTMLResponse

from trainsched.memo import Shelf
from trainsched.services.publications import Publications

_FROZEN = ("content-language",)
_PAGES: Final = Shelf[Hashable, tuple[bytes, int, dict[str, str]]]("public-pages", 1024)


def _freeze(response: Response) -> tuple[bytes, int, dict[str, str]]:
    headers = {k: v for k, v in response.headers.items() if k in _FROZEN}
    return bytes(response.body), response.status_code, headers


def cached_page(
    publications: Publications, key: Hashable, make: Callable[[], Response]
) -> HTMLResponse:
    """The page for ``key``, rendered by ``make`` the first time only.

    ``key`` must hold everything the page shows: the publications, the query and the language.
    """
    pages = publications.memo(_PAGES)
    body, status, headers = pages.get_or_make(key, lambda: _freeze(make()))
    return HTMLResponse(body, status_code=status, headers=headers)
