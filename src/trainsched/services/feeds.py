"""Calendar feeds of published plans: a person's or venue's by secret link, a class's, a
district's; and the secret links themselves (issued, replaced, stopped by coordinators)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

from sqlmodel import Session

from trainsched.feeds import (
    FeedBuild,
    FeedHistory,
    FeedSubject,
    UnknownSubjectError,
    ics_for_cohort,
)
from trainsched.feeds import build_feed as render_feed
from trainsched.feeds.reminders import DEFAULT_REMINDERS, Reminder
from trainsched.memo import Shelf
from trainsched.services import access, audit
from trainsched.services.access import Actor
from trainsched.services.common import get_row
from trainsched.services.errors import Conflict, NotFound
from trainsched.services.feed_history import published_history
from trainsched.services.prepared import Prepared, prepare
from trainsched.services.publications import KEY_TTL_S, Publications, Published, PublishedKey
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.mapper import plan_from_row, scenario_from_row
from trainsched.store.published import publications_of
from trainsched.store.tables import ScenarioRow
from trainsched.store.tokens import FeedToken, hash_token

NO_FEED: Final = "no such feed"

Variant = Literal["feed", "download"]


@dataclass(frozen=True)
class FeedSource:
    """A publication with the feed history of the scenario's publications up to it."""

    published: Published
    history: FeedHistory | None


@dataclass(frozen=True)
class FeedStyle:
    """How this server writes feeds: the address links start with, the reminders events get."""

    base_url: str
    reminders: tuple[Reminder, ...] = DEFAULT_REMINDERS


@dataclass(frozen=True)
class FeedAsked:
    """Which feed is asked for: whose, in which scenario, to subscribe to or to download once."""

    scenario_id: str
    subject: FeedSubject
    variant: Variant = "feed"


# Built feeds are keyed by day as well: cancellations older than 30 days drop out of a feed
# without a new publication.
# And by style: without a configured public URL the address links start with is the request's.
# Kept prepared to send (compressed once, with their validators).
_BUILDS: Final = Shelf[tuple[PublishedKey, dt.date, FeedAsked, FeedStyle], Prepared]("feeds", 512)
_SOURCES: Final = Shelf[PublishedKey, FeedSource]("feed-sources", 8)
# A hot feed link costs no store access; a replaced or stopped link stops within KEY_TTL_S
# when done by another process, at once when done by this one.
_TOKENS: Final = Shelf[str, FeedToken]("feed-tokens", 4096, KEY_TTL_S)


def remembered_token(publications: Publications, token: str) -> FeedAsked | None:
    """The feed a secret link opens, if looked up recently (no store access)."""
    found = publications.memo(_TOKENS).recent(hash_token(token))
    return _asked(found) if found is not None else None


def token_feed(publications: Publications, token: str) -> FeedAsked:
    """The feed a secret link opens; NotFound (saying nothing more) for unknown or stopped ones."""
    with session_scope(publications.engine) as session:
        found = repo.feed_subject_by_token(session, token)
    if found is None:
        raise NotFound("feed", "", NO_FEED)
    publications.memo(_TOKENS).put(hash_token(token), found)
    return _asked(found)


def _asked(found: FeedToken) -> FeedAsked:
    return FeedAsked(found.scenario_id, FeedSubject(found.kind, found.subject_id))


def cached_feed(
    publications: Publications, asked: FeedAsked, style: FeedStyle, now: dt.datetime
) -> Prepared | None:
    """The feed if built already for what is published now (no store access)."""
    key = publications.remembered_key(asked.scenario_id)
    if key is None:
        return None
    return publications.memo(_BUILDS).get((key, now.date(), asked, style))


def feed(
    publications: Publications, asked: FeedAsked, style: FeedStyle, now: dt.datetime
) -> Prepared:
    """The feed for what is published now, built once per publication, subject and day.

    NotFound when nothing is published or the subject is not in it; Conflict when the
    scenario was edited after publishing and the plan names what it lost.
    """
    key = publications.key(asked.scenario_id)
    if key is None:
        raise NotFound("feed", asked.scenario_id, NO_FEED)

    def build() -> Prepared:
        source = publications.memo(_SOURCES).get_or_make(key, lambda: _source(publications, key))
        built = _render(source, asked, style, now)
        return prepare(built.body, built.content_type, built.last_modified, etag=built.etag)

    return publications.memo(_BUILDS).get_or_make((key, now.date(), asked, style), build)


def _render(source: FeedSource, asked: FeedAsked, style: FeedStyle, now: dt.datetime) -> FeedBuild:
    pub = source.published
    try:
        if asked.variant == "download":
            return ics_for_cohort(
                pub.scenario,
                pub.plan,
                asked.subject.id,
                base_url=style.base_url,
                now=now,
                history=source.history,
                reminders=style.reminders,
            )
        return render_feed(
            pub.scenario,
            pub.plan,
            asked.subject,
            history=source.history,
            base_url=style.base_url,
            now=now,
            reminders=style.reminders,
        )
    except UnknownSubjectError:
        raise NotFound("feed", asked.subject.id, NO_FEED) from None
    except ValueError as exc:
        raise Conflict(f"publish a new plan: {exc}") from None


def _source(publications: Publications, key: PublishedKey) -> FeedSource:
    pub = publications.published(key)
    with session_scope(publications.engine) as session:
        row = get_row(session, ScenarioRow, key.scenario_id)
        rows = publications_of(session, key.scenario_id)
        current = next((r for r in rows if r.id == key.plan_id), None)
        if current is None:
            raise NotFound("feed", key.scenario_id, NO_FEED)
        earlier = [(pub.plan if r is current else plan_from_row(r), r) for r in rows]
        history = published_history(session, row, pub.scenario, current, pub.plan, earlier)
    return FeedSource(pub, history)


def rotate_link(
    session: Session, actor: Actor, publications: Publications, whose: FeedToken
) -> str:
    """A new secret feed link (token) for a person or venue; any older one of theirs stops."""
    row = access.scenario(session, actor, whose.scenario_id, "planner")
    scenario = scenario_from_row(row)
    ids = {
        "trainer": [t.id for t in scenario.trainers],
        "mentor": [m.id for m in scenario.mentors],
        "venue": [v.id for v in scenario.venues],
    }[whose.kind]
    if whose.subject_id not in ids:
        detail = f"no {whose.kind} {whose.subject_id!r} in this scenario"
        raise NotFound(whose.kind, whose.subject_id, detail)
    token = repo.rotate_feed_token(session, whose.kind, whose.subject_id, whose.scenario_id)
    audit.record(session, "feedlink.issued", _link(whose), actor=actor, office_id=row.office_id)
    publications.memo(_TOKENS).clear()
    return token


def revoke_links(
    session: Session, actor: Actor, publications: Publications, whose: FeedToken
) -> None:
    """Stop every secret feed link of a person or venue."""
    row = access.scenario(session, actor, whose.scenario_id, "planner")
    repo.revoke_feed_tokens(session, whose.kind, whose.subject_id, whose.scenario_id)
    audit.record(session, "feedlink.revoked", _link(whose), actor=actor, office_id=row.office_id)
    publications.memo(_TOKENS).clear()


def _link(whose: FeedToken) -> str:
    # Which links: the scenario, then whose (a trainer's, mentor's or venue's id in it).
    return f"{whose.scenario_id}/{whose.kind}/{whose.subject_id}"
