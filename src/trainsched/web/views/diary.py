"""A trainer's or mentor's own diary: teaching days and visits, with places and times."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Final, Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict

from trainsched.feeds import FeedEvent, FeedSubject, UnknownSubjectError
from trainsched.feeds.events import ClassDayInfo, PlanEvents, VisitInfo
from trainsched.feeds.subjects import resolve
from trainsched.formats import Message
from trainsched.formats.words import topic_words
from trainsched.geo import map_link
from trainsched.memo import Shelf
from trainsched.services.publications import Publications, Published, PublishedKey


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class DiaryItem(_View):
    """One appointment: a teaching day or a mentor visit.

    A visit's place is the founder's name, address and district, with their phone, email or
    contact note and a map link: the diary is the visiting
    mentor's own page, behind their secret link, and no one else's page has visits.
    """

    kind: Literal["class", "visit"]
    start: str
    end: str
    title: str
    place: str | None
    map_url: str | None
    class_url: str | None = None
    class_id: str | None = None
    course_code: str | None = None
    day: int | None = None
    days: int | None = None
    co_trainers: tuple[str, ...] = ()
    trainees: int | None = None
    group: str | None = None
    topic: Message | None = None
    visit: int | None = None
    visits: int | None = None
    phone: str | None = None
    email: str | None = None
    note: str | None = None


class DiaryDay(_View):
    """Everything on one date."""

    date: dt.date
    items: tuple[DiaryItem, ...]


class Diary(_View):
    """One person's published schedule."""

    person: str
    scenario: str
    teaches: bool
    mentors: bool
    days: tuple[DiaryDay, ...]
    teaching_days: int
    visits: int


_DIARIES: Final = Shelf[tuple[PublishedKey, FeedSubject], Diary]("diaries", 256)


def _item(event: FeedEvent, own_trainers: frozenset[str], scenario_id: str) -> DiaryItem:
    geo = event.geo
    common = {
        "start": event.start.strftime("%H:%M"),
        "end": event.end.strftime("%H:%M"),
        "place": event.location,
        "map_url": map_link(geo[0], geo[1], event.location or "") if geo else None,
    }
    info = event.info
    if isinstance(info, ClassDayInfo):
        return DiaryItem(
            kind="class",
            title=info.course_name,
            course_code=info.course_code,
            class_url=f"/classes/{quote(scenario_id)}/{quote(info.cohort_id)}",
            class_id=info.cohort_id,
            day=info.day,
            days=info.days,
            co_trainers=tuple(name for tid, name in info.trainers if tid not in own_trainers),
            trainees=info.trainees,
            **common,
        )
    assert isinstance(info, VisitInfo)
    return DiaryItem(
        kind="visit",
        title=info.entrepreneur,
        group=info.group,
        topic=topic_words(info.topic),
        visit=info.ordinal,
        visits=info.asked,
        phone=info.phone,
        email=info.email,
        note=info.note,
        **{**common, "map_url": info.map_url},
    )


def build_diary(pub: Published, subject: FeedSubject) -> Diary:
    """The diary of ``subject`` in a publication; unknown subjects raise ``UnknownSubjectError``."""
    audience = resolve(pub.scenario, subject)
    events = PlanEvents(pub.scenario, pub.plan).events(audience.keys)
    by_day: dict[dt.date, list[DiaryItem]] = defaultdict(list)
    for event in events:
        by_day[event.start.date()].append(_item(event, audience.trainer_ids, pub.key.scenario_id))
    trainers = {t.id: t.name for t in pub.scenario.trainers}
    mentors = {m.id: m.name for m in pub.scenario.mentors}
    names = [trainers[t] for t in audience.trainer_ids] + [mentors[m] for m in audience.mentor_ids]
    items = [i for day in by_day.values() for i in day]
    return Diary(
        person=names[0] if names else subject.id,
        scenario=pub.scenario.name,
        teaches=bool(audience.trainer_ids),
        mentors=bool(audience.mentor_ids),
        days=tuple(DiaryDay(date=d, items=tuple(by_day[d])) for d in sorted(by_day)),
        teaching_days=sum(1 for i in items if i.kind == "class"),
        visits=sum(1 for i in items if i.kind == "visit"),
    )


def diary(
    publications: Publications, scenario_id: str, subject: FeedSubject
) -> tuple[PublishedKey | None, Diary | None]:
    """The person's diary in the scenario's published plan, with its publication; or Nones."""
    key = publications.current_key(scenario_id)
    if key is None:
        return None, None
    made = publications.memo(_DIARIES).get_or_make(
        (key, subject), lambda: build_diary(publications.published(key), subject)
    )
    return key, made


__all__ = ["Diary", "DiaryDay", "DiaryItem", "UnknownSubjectError", "diary"]
