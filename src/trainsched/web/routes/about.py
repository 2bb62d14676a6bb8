"""The plain-language page: what SYB, IYB and EYB are, who is a key group, what is paid for."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from trainsched.httpdeps import PublicationsDep
from trainsched.web.render import page_lang, render
from trainsched.web.views.about import about_facts
from trainsched.web.views.pagecache import cached_page
from trainsched.web.views.text import data_text

router = APIRouter(include_in_schema=False)


@router.get("/about")
async def about(request: Request, publications: PublicationsDep) -> Response:
    """Courses, key groups, the subsidy and where to enrol, in plain words and pictures."""
    key, facts = await run_in_threadpool(about_facts, publications)
    response = cached_page(
        publications,
        ("about", key, page_lang(request)),
        lambda: render(
            request,
            "about.html",
            courses=facts.courses,
            institutions=facts.institutions,
            data_text=data_text(request),
        ),
    )
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
