"""Rendered public pages, kept prepared per publication, query and language (their content
never changes): the bytes, compressed once, with their validators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Final

from fastapi import Response
from fastapi.responses import HTMLResponse

from trainsched.memo import Shelf
from trainsched.services.prepared import Prepared, prepare
from trainsched.services.publications import Publications

_FROZEN = ("content-language",)
_HTML = "text/html; charset=utf-8"
_PAGES: Final = Shelf[Hashable, Prepared]("public-pages", 1024)


def prepared_page(
    publications: Publications,
    key: Hashable,
    make: Callable[[], Response],
    last_modified: dt.datetime,
) -> Prepared:
    """The page for ``key``, rendered by ``make`` and prepared the first time only.

    ``key`` must hold everything the page shows: the publications, the query and the language;
    ``last_modified`` no earlier than the last change of any of them.
    """

    def made() -> Prepared:
        response = make()
        headers = {k: v for k, v in response.headers.items() if k in _FROZEN}
        return prepare(bytes(response.body), _HTML, last_modified, headers=headers)

    return publications.memo(_PAGES).get_or_make(key, made)


def cached_page(
    publications: Publications, key: Hashable, make: Callable[[], Response]
) -> HTMLResponse:
    """The page for ``key``, rendered by ``make`` the first time only (plain bytes)."""
    page = prepared_page(publications, key, make, dt.datetime.now(dt.UTC))
    return HTMLResponse(page.body, headers=dict(page.headers))
