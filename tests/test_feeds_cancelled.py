"""A cancelled event names the days, hours and place the person had, not the class's new ones."""

from __future__ import annotations

import datetime as dt
import json

import vobject
from icalendar import Calendar

from tests.feed_history_support import SCENARIO, T0, T1, feed, plan, uid
from trainsched.feeds import FeedHistory, FeedSubject, advance_for_plan
from trainsched.formats import Plan

T2 = T1 + dt.timedelta(days=5)
TZ = dt.timezone(dt.timedelta(hours=8))
MOVED = {"days": ["2027-03-22", "2027-03-23", "2027-03-24"], "venue": "V02"}


def _cancelled(body: bytes) -> dict[str, tuple[dt.datetime, dt.datetime, str]]:
    cal = Calendar.from_ical(body)
    return {
        str(e["UID"]): (e.decoded("DTSTART"), e.decoded("DTEND"), str(e.get("LOCATION", "")))
        for e in cal.walk("VEVENT")
        if str(e["STATUS"]) == "CANCELLED"
    }


def _moved_without_t02() -> tuple[FeedHistory, Plan]:
    first = advance_for_plan(None, SCENARIO, plan(), T0)
    second_plan = plan(C01={**MOVED, "trainers": ["T01", "T03"]})
    return advance_for_plan(first, SCENARIO, second_plan, T1), second_plan


def test_replaced_trainer_of_a_moved_class_sees_the_days_she_had_holds() -> None:
    history, second = _moved_without_t02()
    body = feed(second, FeedSubject.trainer("T02"), history, T1).body
    got = _cancelled(body)
    assert set(got) == {uid(f"C01-d{n}") for n in (1, 2, 3)}
    for n, day in enumerate((1, 2, 3), start=1):
        start, end, place = got[uid(f"C01-d{n}")]
        assert start == dt.datetime(2027, 3, day, 9, 0, tzinfo=TZ)
        assert end == dt.datetime(2027, 3, day, 17, 0, tzinfo=TZ)
        assert place == "东城区创业孵化基地，东城区和平路1号"


def test_replaced_trainer_of_a_moved_class_sees_the_days_she_had_broken() -> None:
    # Those who still teach it see the new days, confirmed: only the one who left sees the old.
    history, second = _moved_without_t02()
    body = feed(second, FeedSubject.trainer("T03"), history, T1).body
    cal = Calendar.from_ical(body)
    days = {e.decoded("DTSTART").day for e in cal.walk("VEVENT") if "-C01-" in str(e["UID"])}
    assert days == {22, 23, 24}
    assert _cancelled(body) == {}


def test_what_she_had_survives_a_third_publication_and_json() -> None:
    history, _ = _moved_without_t02()
    stored = FeedHistory.from_dict(json.loads(json.dumps(history.to_dict())))
    third = plan(
        C01={"days": ["2027-04-05", "2027-04-06", "2027-04-07"], "trainers": ["T01", "T03"]}
    )
    again = advance_for_plan(stored, SCENARIO, third, T2)
    got = _cancelled(feed(third, FeedSubject.trainer("T02"), again, T2).body)
    assert sorted(start.day for start, _, _ in got.values()) == [1, 2, 3]


def test_vobject_reads_the_cancelled_days_as_she_had_them() -> None:
    history, second = _moved_without_t02()
    body = feed(second, FeedSubject.trainer("T02"), history, T1).body
    cal = vobject.readOne(body.decode("utf-8"))
    starts = sorted(
        e.dtstart.value.date().isoformat() for e in cal.vevent_list if e.status.value == "CANCELLED"
    )
    assert starts == ["2027-03-01", "2027-03-02", "2027-03-03"]


def test_a_history_stored_before_places_were_kept_still_reads() -> None:
    doc = advance_for_plan(None, SCENARIO, plan(), T0).to_dict()
    for entry in doc["events"].values():
        del entry["location"], entry["had"]
    old = FeedHistory.from_dict(doc)
    assert all(e.location is None and e.had == {} for e in old.entries.values())
    again = advance_for_plan(old, SCENARIO, plan(C01="drop"), T1)
    assert len(_cancelled(feed(plan(C01="drop"), FeedSubject.cohort("C01"), again, T1).body)) == 3
