"""Public pages for trainees: find a class, and one class's timetable, place and calendar links."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from trainsched.httpdeps import NowDep, PublicationsDep, PublicBaseDep, prepared_answer
from trainsched.services.errors import NotFound
from trainsched.services.publications import Publications
from trainsched.web.i18n import N_
from trainsched.web.render import SESSION_COOKIE, page_lang, render
from trainsched.web.views.classes import (
    Catalog,
    CatalogKey,
    ClassCard,
    current_catalog,
    remembered_catalog,
)
from trainsched.web.views.pagecache import prepared_page
from trainsched.web.views.search import Filters, search
from trainsched.web.views.text import data_text, page_text

router = APIRouter(include_in_schema=False)

NO_CLASS = N_("没有找到这个培训班，它可能已取消或还未发布。")
_PUBLIC_CACHE = "public, max-age=60"


def _find(request: Request, catalog: Catalog, scenario_id: str, cohort_id: str) -> ClassCard:
    card = next(
        (c for c in catalog.classes if c.scenario_id == scenario_id and c.id == cohort_id), None
    )
    if card is None:
        raise NotFound("class", cohort_id, page_text(request, NO_CLASS))
    return card


def _page_number(raw: str | None) -> int:
    # A hand-edited link with a bad page number shows the first page, not an error.
    return int(raw) if raw and raw.isdigit() and len(raw) < 6 else 1


def _page_link(f: Filters, page: int) -> str:
    chosen = {k: v for k, v in f.model_dump(exclude={"page"}).items() if v}
    return "/classes?" + urlencode({**chosen, "page": page})


@router.get("/classes")
async def find_classes(
    request: Request,
    publications: PublicationsDep,
    now: NowDep,
    district: str | None = None,
    course: str | None = None,
    month: str | None = None,
    group: str | None = None,
    page: str | None = None,
    provider: str | None = None,
) -> Response:
    """Classes by district, course, month, key group and institution (a plain GET form)."""
    key, catalog = await _catalog(publications)
    filters = Filters.clean(catalog, district, course, month, group, _page_number(page), provider)
    # Ended classes drop out at local midnight; zones with whole-hour offsets roll on the hour.
    hour = now.replace(minute=0, second=0, microsecond=0)

    def make() -> Response:
        results = search(catalog, filters, hour)
        last = results.page < results.pages
        return render(
            request,
            "classes.html",
            catalog=catalog,
            filters=filters,
            results=results,
            now=hour,
            prev_url=_page_link(filters, results.page - 1) if results.page > 1 else None,
            next_url=_page_link(filters, results.page + 1) if last else None,
            data_text=data_text(request),
        )

    page_key = ("classes", key, filters, hour, page_lang(request), _signed_in(request))
    prepared = prepared_page(publications, page_key, make, max(catalog.changed_at, hour))
    return prepared_answer(prepared, request, _cache_control(request))


@router.get("/classes/{cohort_id}")
async def class_by_id(request: Request, publications: PublicationsDep, cohort_id: str) -> Response:
    """A class named by its id alone (the link calendar events carry): go to its page."""
    _, catalog = await _catalog(publications)
    found = [c for c in catalog.classes if c.id == cohort_id]
    if not found:
        raise NotFound("class", cohort_id, page_text(request, NO_CLASS))
    # Several cities may use one id: the newest starting class is the likeliest meant.
    return RedirectResponse(found[-1].url, status_code=307)


@router.get("/classes/{scenario_id}/{cohort_id}")
async def class_page(
    request: Request,
    publications: PublicationsDep,
    base: PublicBaseDep,
    now: NowDep,
    scenario_id: str,
    cohort_id: str,
) -> Response:
    """One class: its days and hours, place with a map link, trainer names, calendar links."""
    key, catalog = await _catalog(publications)
    card = _find(request, catalog, scenario_id, cohort_id)
    ended = card.ended(now)
    closed = card.enrol_closed(now)
    feed_path = f"/api/v1/public/scenarios/{quote(scenario_id)}/classes/{quote(cohort_id)}"
    district_path = f"/api/v1/public/scenarios/{quote(scenario_id)}/districts/{quote(card.region)}"

    def make() -> Response:
        return render(
            request,
            "class.html",
            card=card,
            ended=ended,
            closed=closed,
            download_url=f"{feed_path}/add-to-calendar.ics",
            feed=_links(base, f"{feed_path}.ics"),
            district_feed=_links(base, f"{district_path}.ics"),
            data_text=data_text(request),
        )

    lang, signed_in = page_lang(request), _signed_in(request)
    page_key = ("class", key, card.scenario_id, card.id, base, ended, closed, lang, signed_in)
    # Ended and closed turn at local midnight: on the hour in whole-hour zones.
    since = max(catalog.changed_at, now.replace(minute=0, second=0, microsecond=0))
    page = prepared_page(publications, page_key, make, since)
    return prepared_answer(page, request, _cache_control(request))


async def _catalog(publications: Publications) -> tuple[CatalogKey, Catalog]:
    # A hot page costs no thread hop and no query while what is published is remembered.
    found = remembered_catalog(publications)
    if found is None:
        found = await run_in_threadpool(current_catalog, publications)
    return found


def _signed_in(request: Request) -> bool:
    # Signed-in coordinators see a link to their desk: a page of its own, kept out of caches.
    return SESSION_COOKIE in request.cookies


def _cache_control(request: Request) -> dict[str, str]:
    return {"Cache-Control": "private, no-cache" if _signed_in(request) else _PUBLIC_CACHE}


def _links(base: str, path: str) -> dict[str, str]:
    https = base + path
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}
