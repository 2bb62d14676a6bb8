"""Re-plans propagate: stable UIDs, SEQUENCE on changed events only, 30 days of cancellations."""

from __future__ import annotations

import copy
import datetime as dt
import json

from icalendar import Calendar

from tests.factories import feed_plan_doc
from tests.feed_history_support import SCENARIO, T0, T1, feed, plan, publish_twice, seen, uid
from trainsched.feeds import (
    FeedHistory,
    FeedSubject,
    advance_for_plan,
    replay,
)


def test_moving_one_day_raises_sequence_on_that_day_only() -> None:
    moved = plan(C01={"days": ["2027-03-01", "2027-03-02", "2027-03-04"]})
    history = publish_twice(moved)
    got = seen(feed(moved, FeedSubject.trainer("T02"), history, T1))
    assert got == {
        uid("C01-d1"): (0, "CONFIRMED"),
        uid("C01-d2"): (0, "CONFIRMED"),
        uid("C01-d3"): (1, "CONFIRMED"),
    }


def test_moving_a_class_keeps_other_classes_sequences() -> None:
    moved = plan(C01={"days": ["2027-03-08", "2027-03-09", "2027-03-10"]})
    history = publish_twice(moved)
    assert {s for s, _ in seen(feed(moved, FeedSubject.cohort("C01"), history, T1)).values()} == {1}
    assert {s for s, _ in seen(feed(moved, FeedSubject.cohort("C02"), history, T1)).values()} == {0}


def test_changing_the_venue_raises_sequence() -> None:
    moved = plan(C02={"venue": "V01"})
    history = publish_twice(moved)
    got = seen(feed(moved, FeedSubject.trainer("T03"), history, T1))
    assert got == {uid("C02-d1"): (1, "CONFIRMED"), uid("C02-d2"): (1, "CONFIRMED")}


def test_moved_visit_keeps_its_uid_and_raises_its_sequence() -> None:
    visits = copy.deepcopy(feed_plan_doc()["visits"])
    visits[1]["date"] = "2027-03-16"
    moved = plan(visits=visits)
    got = seen(feed(moved, FeedSubject.mentor("M01"), publish_twice(moved), T1))
    assert got[uid("Q01-v1")] == (0, "CONFIRMED")
    assert got[uid("Q01-v2")] == (1, "CONFIRMED")


def test_removed_class_is_cancelled_in_every_feed_that_showed_it() -> None:
    dropped = plan(C02="drop")
    history = publish_twice(dropped)
    for subject in (
        FeedSubject.trainer("T03"),
        FeedSubject.cohort("C02"),
        FeedSubject.venue("V02"),
    ):
        got = seen(feed(dropped, subject, history, T1))
        assert got == {uid("C02-d1"): (1, "CANCELLED"), uid("C02-d2"): (1, "CANCELLED")}
    assert uid("C02-d1") not in seen(feed(dropped, FeedSubject.trainer("T01"), history, T1))


def test_replaced_trainer_sees_the_class_cancelled() -> None:
    swapped = plan(C01={"trainers": ["T01", "T03"]})
    history = publish_twice(swapped)
    left = seen(feed(swapped, FeedSubject.trainer("T02"), history, T1))
    joined = seen(feed(swapped, FeedSubject.trainer("T03"), history, T1))
    assert left == {uid(f"C01-d{n}"): (1, "CANCELLED") for n in (1, 2, 3)}
    assert {joined[uid(f"C01-d{n}")] for n in (1, 2, 3)} == {(1, "CONFIRMED")}


def test_cancelled_events_stay_30_days_holds() -> None:
    dropped = plan(C02="drop")
    history = publish_twice(dropped)
    later = T1 + dt.timedelta(days=30)
    again = advance_for_plan(history, SCENARIO, dropped, later)
    assert uid("C02-d1") in seen(feed(dropped, FeedSubject.cohort("C02"), again, later))


def test_cancelled_events_stay_30_days_broken() -> None:
    dropped = plan(C02="drop")
    history = publish_twice(dropped)
    later = T1 + dt.timedelta(days=31)
    assert seen(feed(dropped, FeedSubject.cohort("C02"), history, later)) == {}
    again = advance_for_plan(history, SCENARIO, dropped, later)
    assert uid("C02-d1") not in again.entries


def test_class_that_comes_back_is_confirmed_with_a_higher_sequence() -> None:
    history = publish_twice(plan(C02="drop"))
    back = advance_for_plan(history, SCENARIO, plan(), T1 + dt.timedelta(days=1))
    got = seen(feed(plan(), FeedSubject.cohort("C02"), back, T1 + dt.timedelta(days=1)))
    assert got == {uid("C02-d1"): (2, "CONFIRMED"), uid("C02-d2"): (2, "CONFIRMED")}


def test_etag_changes_iff_content_changes_holds() -> None:
    history = publish_twice(plan())
    before = feed(
        plan(), FeedSubject.trainer("T01"), advance_for_plan(None, SCENARIO, plan(), T0), T0
    )
    after = feed(plan(), FeedSubject.trainer("T01"), history, T1 + dt.timedelta(hours=5))
    assert after.etag == before.etag
    assert after.body == before.body
    assert after.last_modified == T0


def test_etag_changes_iff_content_changes_broken() -> None:
    moved = plan(C02={"days": ["2027-03-08", "2027-03-09"]})
    history = publish_twice(moved)
    before = feed(
        plan(), FeedSubject.trainer("T03"), advance_for_plan(None, SCENARIO, plan(), T0), T0
    )
    after = feed(moved, FeedSubject.trainer("T03"), history, T1)
    assert after.etag != before.etag
    assert after.last_modified == T1
    assert feed(moved, FeedSubject.trainer("T02"), history, T1).last_modified == T0


def test_dtstamp_and_last_modified_name_the_publication_that_changed() -> None:
    moved = plan(C02={"days": ["2027-03-08", "2027-03-09"]})
    cal = Calendar.from_ical(feed(moved, FeedSubject.trainer("T03"), publish_twice(moved), T1).body)
    for event in cal.walk("VEVENT"):
        assert event.decoded("LAST-MODIFIED") == T1
        assert event.decoded("DTSTAMP") == T1


def test_history_built_for_an_older_plan_still_counts_changes() -> None:
    stale = advance_for_plan(None, SCENARIO, plan(), T0)
    moved = plan(C01={"days": ["2027-03-01", "2027-03-02", "2027-03-04"]})
    got = seen(feed(moved, FeedSubject.trainer("T02"), stale, T1))
    assert got[uid("C01-d3")] == (1, "CONFIRMED")
    assert got[uid("C01-d1")] == (0, "CONFIRMED")
    gone = seen(feed(plan(C02="drop"), FeedSubject.trainer("T03"), stale, T1))
    assert gone == {uid("C02-d1"): (1, "CANCELLED"), uid("C02-d2"): (1, "CANCELLED")}


def test_history_round_trips_through_json() -> None:
    history = publish_twice(plan(C02="drop"))
    text = json.dumps(history.to_dict(), ensure_ascii=False)
    assert FeedHistory.from_dict(json.loads(text)) == history


def test_history_of_another_format_is_refused() -> None:
    try:
        FeedHistory.from_dict({"format": "something/1", "events": {}})
    except ValueError as exc:
        assert "feed history" in str(exc)
    else:
        raise AssertionError("a foreign document was read as a feed history")


def test_replayed_publications_give_the_same_history() -> None:
    moved = plan(C02={"days": ["2027-03-08", "2027-03-09"]})
    replayed = replay(SCENARIO, [(moved, T1), (plan(), T0)])
    assert replayed == publish_twice(moved)


def test_replay_skips_a_plan_the_scenario_no_longer_fits() -> None:
    stranger = plan(C02={"venue": "V99"})
    replayed = replay(SCENARIO, [(plan(), T0), (stranger, T1)])
    assert replayed == advance_for_plan(None, SCENARIO, plan(), T0)
    assert replay(SCENARIO, [(stranger, T1)]) is None
