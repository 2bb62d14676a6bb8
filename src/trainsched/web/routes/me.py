"""A trainer's or mentor's private diary page, opened with the secret link of their feed."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from trainsched.feeds import UnknownSubjectError
from trainsched.httpdeps import PublicationsDep, PublicBaseDep
from trainsched.services.errors import NotFound
from trainsched.services.feeds import token_feed
from trainsched.services.publications import Publications, PublishedKey
from trainsched.store.tokens import hash_token
from trainsched.web.render import page_lang, render
from trainsched.web.views.diary import Diary, diary
from trainsched.web.views.pagecache import cached_page
from trainsched.web.views.text import data_text

router = APIRouter(include_in_schema=False)

# One person's page: never indexed, cached or leaked to other sites through the Referer.
PRIVATE_HEADERS = {
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
}


Found = tuple[PublishedKey | None, Diary | None]


def _lookup(publications: Publications, token: str) -> Found | None:
    """The token's person and their diary, in one trip to a worker thread; None if unknown."""
    try:
        asked = token_feed(publications, token)
        if asked.subject.kind not in ("trainer", "mentor"):
            return None
        return diary(publications, asked.scenario_id, asked.subject)
    except (NotFound, UnknownSubjectError):
        return None


def _private(response: Response) -> Response:
    response.headers.update(PRIVATE_HEADERS)
    return response


def _missing(request: Request) -> Response:
    # The same answer for unknown, rotated and venue links: it says nothing about the person.
    return _private(render(request, "me_missing.html", status_code=404))


@router.get("/me/{token}")
async def my_diary(
    request: Request, publications: PublicationsDep, base: PublicBaseDep, token: str
) -> Response:
    """My teaching days and visits, my subscribe link, and how to subscribe."""
    found = await run_in_threadpool(_lookup, publications, token)
    if found is None:
        return _missing(request)
    key, mine = found
    https = base + request.app.url_path_for("feed_by_token", token=token)
    feed = {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}

    def make() -> Response:
        return render(request, "me.html", diary=mine, feed=feed, data_text=data_text(request))

    if key is None:
        return _private(make())
    # The token is part of the key: the page shows it, and a rotated one never matches again.
    page_key = ("me", key, hash_token(token), https, page_lang(request))
    return _private(cached_page(publications, page_key, make))
