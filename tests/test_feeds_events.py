"""Feed events match the published plan: days, hours, +08:00, places, people, names."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from icalendar import Calendar

from tests.factories import FEED_CONTACTS, feed_plan_doc, feed_scenario_doc
from trainsched.feeds import (
    FeedBuild,
    FeedSubject,
    UnknownSubjectError,
    build_feed,
    events_for,
    ics_for_cohort,
    scenario_slug,
    visit_slot,
)
from trainsched.feeds.subjects import resolve
from trainsched.feeds.text import description
from trainsched.formats import Plan, Scenario, parse_scenario

NOW = dt.datetime(2027, 2, 1, 8, 0, tzinfo=dt.UTC)
BASE = "https://px.example.cn"
CST = dt.timedelta(hours=8)


@pytest.fixture
def world() -> tuple[Scenario, Plan]:
    return parse_scenario(feed_scenario_doc()), Plan.model_validate(feed_plan_doc())


def feed(world: tuple[Scenario, Plan], subject: FeedSubject) -> FeedBuild:
    scenario, plan = world
    return build_feed(scenario, plan, subject, history=None, base_url=BASE, now=NOW)


def events(build: FeedBuild) -> dict[str, Any]:
    cal = Calendar.from_ical(build.body)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def uid(kind_id: str) -> str:
    return f"{scenario_slug('Feed Test City')}-{kind_id}@trainsched"


def test_class_days_match_the_plan_dates_hours_and_offset(world: tuple[Scenario, Plan]) -> None:
    got = events(feed(world, FeedSubject.cohort("C01")))
    assert sorted(got) == [uid("C01-d1"), uid("C01-d2"), uid("C01-d3")]
    for n, day in enumerate((1, 2, 3), start=1):
        event = got[uid(f"C01-d{n}")]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start == dt.datetime(2027, 3, day, 1, 0, tzinfo=dt.UTC)
        assert end == dt.datetime(2027, 3, day, 9, 0, tzinfo=dt.UTC)
        assert start.utcoffset() == CST
        assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert str(event["SUMMARY"]) == f"SYB 创办你的企业 · 第{n}天/共3天"


def test_class_days_use_the_course_hours(world: tuple[Scenario, Plan]) -> None:
    got = events(feed(world, FeedSubject.cohort("C02")))
    first = got[uid("C02-d1")]
    assert first.decoded("DTSTART").strftime("%Y-%m-%d %H:%M %z") == "2027-03-04 08:30 +0800"
    assert first.decoded("DTEND").strftime("%H:%M") == "16:30"
    assert str(first["SUMMARY"]) == "IYB 改善你的企业 · 第1天/共2天"


def test_feed_carries_a_vtimezone_of_plus_eight(world: tuple[Scenario, Plan]) -> None:
    cal = Calendar.from_ical(feed(world, FeedSubject.cohort("C01")).body)
    (tz,) = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Asia/Shanghai"
    offsets = {sub.decoded("TZOFFSETTO") for sub in tz.walk("STANDARD")}
    assert offsets == {CST}


def test_class_day_shows_place_people_count_and_link(world: tuple[Scenario, Plan]) -> None:
    event = events(feed(world, FeedSubject.cohort("C01")))[uid("C01-d2")]
    assert str(event["LOCATION"]) == "东城区创业孵化基地，东城区和平路1号"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (30.05, 120.05)
    text = str(event["DESCRIPTION"])
    assert "讲师：张伟、李娜" in text
    assert "学员：25 人" in text
    assert f"{BASE}/classes/C01" in text
    assert str(event["URL"]) == f"{BASE}/classes/C01"


def test_venue_without_coordinates_has_no_geo(world: tuple[Scenario, Plan]) -> None:
    event = events(feed(world, FeedSubject.venue("V02")))[uid("C02-d1")]
    assert "GEO" not in event
    assert str(event["LOCATION"]) == "西城区就业服务中心"


def test_trainer_diary_lists_co_trainers_only(world: tuple[Scenario, Plan]) -> None:
    event = events(feed(world, FeedSubject.trainer("T02")))[uid("C01-d1")]
    assert "同班讲师：张伟" in str(event["DESCRIPTION"])
    assert "李娜" not in str(event["DESCRIPTION"])


def test_person_diary_is_one_whichever_id_is_used(world: tuple[Scenario, Plan]) -> None:
    as_trainer = feed(world, FeedSubject.trainer("T01"))
    as_mentor = feed(world, FeedSubject.mentor("M01"))
    assert as_trainer.body == as_mentor.body
    assert sorted(events(as_trainer)) == sorted(
        [uid("C01-d1"), uid("C01-d2"), uid("C01-d3"), uid("Q01-v1"), uid("Q01-v2")]
    )


def test_trainer_who_is_not_a_mentor_has_no_visits(world: tuple[Scenario, Plan]) -> None:
    assert sorted(events(feed(world, FeedSubject.trainer("T02")))) == [
        uid("C01-d1"), uid("C01-d2"), uid("C01-d3"),
    ]  # fmt: skip


def test_visit_time_follows_its_order_in_the_mentors_day(world: tuple[Scenario, Plan]) -> None:
    got = events(feed(world, FeedSubject.mentor("M01")))
    second = got[uid("Q01-v2")]
    assert second.decoded("DTSTART").strftime("%Y-%m-%d %H:%M %z") == "2027-03-15 14:00 +0800"
    assert second.decoded("DTEND").strftime("%H:%M") == "15:30"
    assert str(second["SUMMARY"]) == "创业导师走访 · 陈静 第2次/共2次"
    assert (second["GEO"].latitude, second["GEO"].longitude) == (30.01, 120.01)
    assert str(second["LOCATION"]) == "陈静（东城区）"


def test_visit_slots_are_ordered_and_do_not_overlap() -> None:
    slots = [visit_slot(n) for n in range(1, 7)]
    assert all(a[1] < b[0] for a, b in itertools.pairwise(slots))
    assert visit_slot(9) == visit_slot(6)


def test_calendar_names_are_chinese(world: tuple[Scenario, Plan]) -> None:
    names = {
        FeedSubject.trainer("T01"): "张伟的培训与走访日程",
        FeedSubject.trainer("T02"): "李娜的培训日程",
        FeedSubject.mentor("M02"): "赵磊的走访日程",
        FeedSubject.cohort("C01"): "SYB 创办你的企业（东城区）",
        FeedSubject.district("R01"): "东城区 创业培训班",
        FeedSubject.venue("V01"): "东城区创业孵化基地 场地排课",
    }
    for subject, name in names.items():
        cal = Calendar.from_ical(feed(world, subject).body)
        assert str(cal["X-WR-CALNAME"]) == name


def test_calendar_says_publish_refresh_and_timezone(world: tuple[Scenario, Plan]) -> None:
    cal = Calendar.from_ical(feed(world, FeedSubject.district("R01")).body)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Shanghai"
    assert "trainsched" in str(cal["PRODID"])
    text = feed(world, FeedSubject.district("R01")).body.decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in text
    assert "X-PUBLISHED-TTL:PT1H\r\n" in text


def test_district_feed_has_the_classes_the_district_offers(world: tuple[Scenario, Plan]) -> None:
    assert sorted(events(feed(world, FeedSubject.district("R02")))) == [
        uid("C02-d1"), uid("C02-d2"),
    ]  # fmt: skip


def test_known_subject_holds(world: tuple[Scenario, Plan]) -> None:
    assert feed(world, FeedSubject.venue("V01")).body.startswith(b"BEGIN:VCALENDAR")


def test_unknown_subject_broken(world: tuple[Scenario, Plan]) -> None:
    for subject in (
        FeedSubject.trainer("T99"),
        FeedSubject.mentor("M99"),
        FeedSubject.venue("V99"),
        FeedSubject.cohort("C99"),
        FeedSubject.district("R99"),
    ):
        with pytest.raises(UnknownSubjectError):
            feed(world, subject)


def test_naive_now_is_refused(world: tuple[Scenario, Plan]) -> None:
    scenario, plan = world
    with pytest.raises(ValueError, match="naive"):
        build_feed(
            scenario, plan, FeedSubject.cohort("C01"), history=None, base_url=BASE,
            now=dt.datetime(2027, 2, 1),
        )  # fmt: skip


def test_class_download_has_every_day_and_no_refresh_hint(world: tuple[Scenario, Plan]) -> None:
    scenario, plan = world
    download = ics_for_cohort(scenario, plan, "C01", base_url=BASE, now=NOW)
    assert sorted(events(download)) == sorted(events(feed(world, FeedSubject.cohort("C01"))))
    assert b"REFRESH-INTERVAL" not in download.body
    assert download.content_type == "text/calendar; charset=utf-8"


def test_unscheduled_class_download_is_empty(world: tuple[Scenario, Plan]) -> None:
    scenario, _ = world
    empty = Plan.model_validate(feed_plan_doc(cohorts=[]))
    assert events(ics_for_cohort(scenario, empty, "C01", base_url=BASE, now=NOW)) == {}


def test_uids_name_scenario_class_and_day() -> None:
    assert scenario_slug("Demo City 2027 H1") == "demo-city-2027-h1"
    assert scenario_slug("松宁市") != scenario_slug("杭州市")
    assert scenario_slug("松宁市").isascii()


def test_visit_description_has_contact_for_the_visiting_mentor_holds(
    world: tuple[Scenario, Plan],
) -> None:
    scenario, plan = world
    (visit,) = [e for e in events_for(scenario, plan, ["mentor:M01"]) if e.uid == uid("Q01-v1")]
    own = resolve(scenario, FeedSubject.mentor("M01"))
    assert "联系方式：电话 13700000001，chenjing@example.com" in description(visit, own, BASE)


def test_visit_description_has_contact_for_the_visiting_mentor_broken(
    world: tuple[Scenario, Plan],
) -> None:
    scenario, plan = world
    (visit,) = [e for e in events_for(scenario, plan, ["mentor:M01"]) if e.uid == uid("Q01-v1")]
    other = resolve(scenario, FeedSubject.mentor("M02"))
    assert "13700000001" not in description(visit, other, BASE)


def test_public_feeds_carry_no_contact_holds(world: tuple[Scenario, Plan]) -> None:
    public = [FeedSubject.cohort("C01"), FeedSubject.cohort("C02"), FeedSubject.district("R01")]
    for subject in [*public, FeedSubject.district("R02"), FeedSubject.venue("V01")]:
        text = feed(world, subject).body.decode().replace("\r\n ", "")
        assert not [c for c in FEED_CONTACTS if c in text], subject


def test_public_feeds_carry_no_contact_broken(world: tuple[Scenario, Plan]) -> None:
    text = feed(world, FeedSubject.mentor("M02")).body.decode().replace("\r\n ", "")
    assert [c for c in FEED_CONTACTS if c in text] == ["13700000002"]
