"""Calendar feeds: a diary behind a secret token, public class and district feeds."""

from __future__ import annotations

import email.utils
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Header, Response
from starlette.concurrency import run_in_threadpool

from trainsched.api.problems import problem_responses
from trainsched.api.routes.feed_links import router as links_router
from trainsched.feeds import CONTENT_TYPE, FeedBuild, FeedSubject
from trainsched.feeds.reminders import parse_reminders
from trainsched.httpdeps import PublicationsDep, PublicBaseDep, SettingsDep
from trainsched.services import feeds as service
from trainsched.services.feeds import FeedAsked, FeedStyle
from trainsched.services.publications import Publications
from trainsched.store.tables import utcnow

router = APIRouter(tags=["feeds"])
Route = TypeVar("Route", bound=Callable[..., Any])

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "An iCalendar document", "content": {"text/calendar": {}}},
    304: {"description": "Not Modified"},
    **problem_responses(404, 409),
}


def _calendar(path: str) -> Callable[[Route], Route]:
    return router.get(path, response_class=Response, responses=_RESPONSES)


@dataclass(frozen=True)
class Asking:
    """What every feed request brings: the app's publications, how it writes feeds, and the
    caller's copy (``If-None-Match``, ``If-Modified-Since``) to answer 304 to."""

    publications: Publications
    style: FeedStyle
    if_none_match: str | None
    if_modified_since: str | None

    async def answer(
        self, asked: FeedAsked, *, public: bool, filename: str | None = None
    ) -> Response:
        """The feed, or 304 when the caller's copy is current."""
        now = utcnow()
        build = service.cached_feed(self.publications, asked, self.style, now)
        if build is None:
            build = await run_in_threadpool(service.feed, self.publications, asked, self.style, now)
        headers = _headers(build, public=public, filename=filename)
        if service.not_modified(build, self.if_none_match, self.if_modified_since):
            return Response(status_code=304, headers=headers)
        return Response(build.body, media_type=CONTENT_TYPE, headers=headers)


def _asking(
    publications: PublicationsDep,
    base_url: PublicBaseDep,
    settings: SettingsDep,
    if_none_match: Annotated[str | None, Header()] = None,
    if_modified_since: Annotated[str | None, Header()] = None,
) -> Asking:
    style = FeedStyle(base_url, parse_reminders(settings.reminders))
    return Asking(publications, style, if_none_match, if_modified_since)


AskingDep = Annotated[Asking, Depends(_asking)]


def _headers(build: FeedBuild, *, public: bool, filename: str | None) -> dict[str, str]:
    headers = {
        "ETag": build.etag,
        "Last-Modified": email.utils.format_datetime(build.last_modified, usegmt=True),
        # A token feed is one person's: never kept by shared caches.
        "Cache-Control": "public, max-age=300" if public else "private, no-cache",
    }
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return headers


@_calendar("/feeds/{token}.ics")
async def feed_by_token(token: str, asking: AskingDep) -> Response:
    """A trainer's or mentor's diary, or a venue's days, by the secret token in its link."""
    pubs = asking.publications
    asked = service.remembered_token(pubs, token)
    if asked is None:
        asked = await run_in_threadpool(service.token_feed, pubs, token)
    return await asking.answer(asked, public=False)


@_calendar("/public/scenarios/{scenario_id}/classes/{cohort_id}.ics")
async def class_feed(scenario_id: str, cohort_id: str, asking: AskingDep) -> Response:
    """Every day of one published class, to subscribe to (no personal data)."""
    asked = FeedAsked(scenario_id, FeedSubject.cohort(cohort_id))
    return await asking.answer(asked, public=True)


@_calendar("/public/scenarios/{scenario_id}/classes/{cohort_id}/add-to-calendar.ics")
async def class_download(scenario_id: str, cohort_id: str, asking: AskingDep) -> Response:
    """One class's days as a file, for a one-tap "add to my calendar"."""
    asked = FeedAsked(scenario_id, FeedSubject.cohort(cohort_id), "download")
    name = "".join(c for c in cohort_id if c.isascii() and (c.isalnum() or c in "-_")) or "class"
    return await asking.answer(asked, public=True, filename=f"{name}.ics")


@_calendar("/public/scenarios/{scenario_id}/districts/{region_id}.ics")
async def district_feed(scenario_id: str, region_id: str, asking: AskingDep) -> Response:
    """Every class day a district offers, to subscribe to (no personal data)."""
    asked = FeedAsked(scenario_id, FeedSubject.district(region_id))
    return await asking.answer(asked, public=True)


# The link routes follow the feeds, as they always did in the API's document.
router.include_router(links_router)
