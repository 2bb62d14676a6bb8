"""Every teaching day and visit reminds: the evening before at 18:00 and one hour before."""

from __future__ import annotations

import datetime as dt

import pytest
import vobject
from icalendar import Calendar
from pydantic import ValidationError

from tests.feed_history_support import SCENARIO, T0, T1, feed, plan
from tests.links_support import published_client
from trainsched.feeds import FeedSubject, advance_for_plan, build_feed, ics_for_cohort
from trainsched.feeds.reminders import DEFAULT_REMINDERS_TEXT, parse_reminders
from trainsched.settings import Settings

BASE = "https://px.example.cn"
SUBJECTS = (FeedSubject.trainer("T01"), FeedSubject.cohort("C02"), FeedSubject.district("R01"))


def _build(subject: FeedSubject, reminders: str = DEFAULT_REMINDERS_TEXT) -> bytes:
    return build_feed(
        SCENARIO, plan(), subject, history=None, base_url=BASE, now=T0,
        reminders=parse_reminders(reminders),
    ).body  # fmt: skip


def _alarms(body: bytes) -> dict[str, list[tuple[dt.timedelta, str]]]:
    """UID -> (trigger, text) of each reminder, as icalendar reads them."""
    cal = Calendar.from_ical(body)
    return {
        str(e["UID"]): [(a.decoded("TRIGGER"), str(a["DESCRIPTION"])) for a in e.walk("VALARM")]
        for e in cal.walk("VEVENT")
    }


@pytest.mark.parametrize("subject", SUBJECTS, ids=lambda s: f"{s.kind}-{s.id}")
def test_every_event_reminds_the_evening_before_and_an_hour_before(subject: FeedSubject) -> None:
    body = _build(subject)
    cal = Calendar.from_ical(body)
    events = list(cal.walk("VEVENT"))
    assert events
    for event in events:
        start = event.decoded("DTSTART")
        alarms = list(event.walk("VALARM"))
        assert [str(a["ACTION"]) for a in alarms] == ["DISPLAY", "DISPLAY"]
        evening, hour = (start + a.decoded("TRIGGER") for a in alarms)
        assert (evening.date(), evening.time()) == (start.date() - dt.timedelta(1), dt.time(18))
        assert hour == start - dt.timedelta(hours=1)


def test_reminder_texts_are_chinese_and_say_when_what_where() -> None:
    texts = [t for alarms in _alarms(_build(FeedSubject.cohort("C01"))).values() for _, t in alarms]
    where = "，地点：东城区创业孵化基地，东城区和平路1号"
    assert f"明天 09:00：SYB 创办你的企业 · 第1天/共3天{where}" in texts
    assert any(t.startswith("1小时后开始：SYB 创办你的企业") for t in texts)


def test_vobject_sees_the_same_reminders() -> None:
    body = _build(FeedSubject.mentor("M01"))
    ours = _alarms(body)
    theirs = vobject.readOne(body.decode("utf-8"))
    for event in theirs.vevent_list:
        got = [(a.trigger.value, a.description.value) for a in event.valarm_list]
        assert got == ours[event.uid.value] and len(got) == 2


def test_the_class_download_reminds_too() -> None:
    download = ics_for_cohort(SCENARIO, plan(), "C01", base_url=BASE, now=T0)
    assert all(len(alarms) == 2 for alarms in _alarms(download.body).values())


def test_cancelled_events_do_not_remind() -> None:
    dropped = plan(C02="drop")
    history = advance_for_plan(advance_for_plan(None, SCENARIO, plan(), T0), SCENARIO, dropped, T1)
    body = feed(dropped, FeedSubject.cohort("C02"), history, T1).body
    cal = Calendar.from_ical(body)
    assert [str(e["STATUS"]) for e in cal.walk("VEVENT")] == ["CANCELLED", "CANCELLED"]
    assert list(cal.walk("VALARM")) == []


def test_reminders_are_a_server_setting_holds() -> None:
    assert Settings().reminders == DEFAULT_REMINDERS_TEXT
    body = _build(FeedSubject.cohort("C01"), Settings(reminders="-30m").reminders)
    triggers = [[when for when, _ in alarms] for alarms in _alarms(body).values()]
    assert triggers and all(t == [-dt.timedelta(minutes=30)] for t in triggers)
    assert b"BEGIN:VALARM" not in _build(FeedSubject.cohort("C01"), "")


@pytest.mark.parametrize("bad", ["tomorrow", "-1d@25:00", "1h", "-", "-1d"])
def test_reminders_are_a_server_setting_broken(bad: str) -> None:
    with pytest.raises(ValidationError, match="reminder"):
        Settings(reminders=bad)


def test_the_server_setting_reaches_the_served_feed(db_url: str) -> None:
    settings = Settings(database_url=db_url, reminders="-2h")
    for client in published_client(settings):
        sid = client.headers["X-Test-Scenario"]
        body = client.get(f"/api/v1/public/scenarios/{sid}/classes/C01.ics").content
    triggers = {when for alarms in _alarms(body).values() for when, _ in alarms}
    assert triggers == {-dt.timedelta(hours=2)}
