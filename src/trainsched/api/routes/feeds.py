"""Calendar feeds: a diary behind a secret token, public class and district feeds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Header, Request, Response
from starlette.concurrency import run_in_threadpool

from trainsched.api.problems import problem_responses
from trainsched.api.routes.feed_links import router as links_router
from trainsched.feeds import FeedSubject
from trainsched.feeds.reminders import parse_reminders
from trainsched.httpdeps import PublicationsDep, PublicBaseDep, SettingsDep, prepared_answer
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
    request (its copy to answer 304 to, the codings it accepts)."""

    publications: Publications
    style: FeedStyle
    request: Request

    async def answer(
        self, asked: FeedAsked, *, public: bool, filename: str | None = None
    ) -> Response:
        """The feed, or 304 when the caller's copy is current."""
        now = utcnow()
        build = service.cached_feed(self.publications, asked, self.style, now)
        if build is None:
            build = await run_in_threadpool(service.feed, self.publications, asked, self.style, now)
        return prepared_answer(build, self.request, _headers(public=public, filename=filename))


async def _asking(
    request: Request,
    publications: PublicationsDep,
    base_url: PublicBaseDep,
    settings: SettingsDep,
    if_none_match: Annotated[str | None, Header()] = None,
    if_modified_since: Annotated[str | None, Header()] = None,
) -> Asking:
    # The validators are read from the request itself; declared here for the API's document.
    del if_none_match, if_modified_since
    return Asking(publications, _style(base_url, settings.reminders), request)


@lru_cache(maxsize=64)
def _style(base_url: str, reminders: str) -> FeedStyle:
    # Parsed once per address and setting, not per request.
    return FeedStyle(base_url, parse_reminders(reminders))


AskingDep = Annotated[Asking, Depends(_asking)]


def _headers(*, public: bool, filename: str | None) -> dict[str, str]:
    headers = {
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
