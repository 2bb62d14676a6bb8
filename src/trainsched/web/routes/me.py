"""A trainer's or mentor's private diary page, opened with the secret link of their feed."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from trainsched.api.deps import EngineDep, SettingsDep
from trainsched.feeds import FeedSubject, UnknownSubjectError
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.tokens import FeedSubject as TokenSubject
from trainsched.web.render import render
from trainsched.web.views.diary import diary
from trainsched.web.views.text import data_text

router = APIRouter(include_in_schema=False)

# One person's page: never indexed, cached or leaked to other sites through the Referer.
PRIVATE_HEADERS = {
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
}


def _subject(engine: Engine, token: str) -> TokenSubject | None:
    with session_scope(engine) as session:
        return repo.feed_subject_by_token(session, token)


def _private(response: Response) -> Response:
    response.headers.update(PRIVATE_HEADERS)
    return response


def _missing(request: Request) -> Response:
    # The same answer for unknown, rotated and venue links: it says nothing about the person.
    return _private(render(request, "me_missing.html", status_code=404))


@router.get("/me/{token}")
async def my_diary(
    request: Request, engine: EngineDep, settings: SettingsDep, token: str
) -> Response:
    """My teaching days and visits, my subscribe link, and how to subscribe."""
    found = await run_in_threadpool(_subject, engine, token)
    if found is None or found.kind not in ("trainer", "mentor"):
        return _missing(request)
    subject = FeedSubject(found.kind, found.subject_id)
    try:
        mine = await run_in_threadpool(diary, engine, found.scenario_id, subject)
    except UnknownSubjectError:
        return _missing(request)
    https = settings.public_base_url.rstrip("/") + request.app.url_path_for(
        "feed_by_token", token=token
    )
    feed = {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}
    page = render(request, "me.html", diary=mine, feed=feed, data_text=data_text(request))
    return _private(page)
