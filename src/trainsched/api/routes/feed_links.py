"""Coordinators hand out, replace and stop the secret links of people's and venues' feeds."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel

from trainsched.api.problems import problem_responses
from trainsched.httpdeps import CurrentActor, PublicationsDep, PublicBaseDep, SessionDep
from trainsched.services import feeds as service
from trainsched.store.tables import SubjectKind
from trainsched.store.tokens import FeedToken

# Tagged "feeds" by the feeds router, which includes it.
router = APIRouter()


class FeedLink(BaseModel):
    """A new feed token and its subscribe links (the token is shown this once)."""

    token: str
    url: str
    webcal: str
    page: str | None = None  # a trainer's or mentor's diary page: their days, how to subscribe


def _whose(scenario_id: str, kind: SubjectKind, subject_id: str) -> FeedToken:
    return FeedToken(kind, subject_id, scenario_id)


# The person or venue a link request names by its path.
Whose = Annotated[FeedToken, Depends(_whose)]


@router.put(
    "/scenarios/{scenario_id}/feed-tokens/{kind}/{subject_id}",
    status_code=201,
    responses=problem_responses(401, 403, 404),
)
def rotate_feed_token(
    whose: Whose,
    request: Request,
    session: SessionDep,
    publications: PublicationsDep,
    base: PublicBaseDep,
    actor: CurrentActor,
) -> FeedLink:
    """Issue a person's or venue's feed link; any older link of theirs stops working (404)."""
    token = service.rotate_link(session, actor, publications, whose)
    url = base + request.app.url_path_for("feed_by_token", token=token)
    page = f"{base}/me/{token}" if whose.kind != "venue" else None
    return FeedLink(token=token, url=url, webcal="webcal://" + url.split("://", 1)[1], page=page)


@router.delete(
    "/scenarios/{scenario_id}/feed-tokens/{kind}/{subject_id}",
    status_code=204,
    responses=problem_responses(401, 403, 404),
)
def revoke_feed_tokens(
    whose: Whose, session: SessionDep, publications: PublicationsDep, actor: CurrentActor
) -> Response:
    """Stop every feed link of a person or venue."""
    service.revoke_links(session, actor, publications, whose)
    return Response(status_code=204)
