"""The memo builds each feed once per published plan and forgets the least recently used."""

from __future__ import annotations

import datetime as dt

import pytest

from trainsched.feeds import FeedBuild, FeedSubject
from trainsched.memo import Memo, Shelf, Shelves

STAMP = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)
Feeds = Memo[tuple[str, FeedSubject], FeedBuild]


def built(tag: str) -> FeedBuild:
    return FeedBuild(body=tag.encode(), etag=f'"{tag}"', last_modified=STAMP)


def test_a_feed_is_built_once_per_plan() -> None:
    cache: Feeds = Memo(4)
    calls: list[str] = []

    def builder() -> FeedBuild:
        calls.append("x")
        return built("a")

    first = cache.get_or_make(("plan-1", FeedSubject.trainer("T01")), builder)
    again = cache.get_or_make(("plan-1", FeedSubject.trainer("T01")), builder)
    assert first is again
    assert calls == ["x"]
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_new_plan_or_another_subject_builds_again() -> None:
    cache: Feeds = Memo(4)
    cache.put(("plan-1", FeedSubject.trainer("T01")), built("a"))
    assert cache.get(("plan-2", FeedSubject.trainer("T01"))) is None
    assert cache.get(("plan-1", FeedSubject.mentor("T01"))) is None
    assert cache.get(("plan-1", FeedSubject.trainer("T01"))) == built("a")


def test_the_least_recently_used_feed_goes_first() -> None:
    cache: Feeds = Memo(2)
    cache.put(("p", FeedSubject.cohort("C1")), built("1"))
    cache.put(("p", FeedSubject.cohort("C2")), built("2"))
    assert cache.get(("p", FeedSubject.cohort("C1"))) is not None
    cache.put(("p", FeedSubject.cohort("C3")), built("3"))
    assert len(cache) == 2
    assert cache.get(("p", FeedSubject.cohort("C2"))) is None
    assert cache.get(("p", FeedSubject.cohort("C1"))) is not None


def test_cache_of_no_room_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Memo(0)


def test_a_value_with_a_lifetime_is_trusted_that_long_only() -> None:
    now = [0.0]
    keys: Memo[str, str] = Memo(4, ttl_s=1.0, clock=lambda: now[0])
    keys.put("S1", "plan-1")
    now[0] = 1.0
    assert keys.get("S1") == "plan-1"
    now[0] = 1.5
    assert keys.get("S1") is None


def test_once_stale_one_caller_refreshes_while_the_others_keep_the_old_value() -> None:
    now = [0.0]
    keys: Memo[str, str] = Memo(4, ttl_s=1.0, clock=lambda: now[0])
    keys.put("S1", "plan-1")
    now[0] = 1.5
    assert keys.recent("S1") is None  # this caller reads the store
    assert [keys.recent("S1") for _ in range(3)] == ["plan-1"] * 3
    keys.put("S1", "plan-2")
    assert keys.recent("S1") == "plan-2"
    # A caller that never came back loses its claim: after a while the next one refreshes.
    now[0] = 3.0
    assert keys.recent("S1") is None
    now[0] = 4.5
    assert keys.recent("S1") is None


def test_forgetting_drops_only_what_is_named() -> None:
    memo: Memo[tuple[str, int], str] = Memo(8)
    for key in [("S1", 1), ("S1", 2), ("S2", 1)]:
        memo.put(key, "view")
    memo.discard(("S2", 1))
    assert memo.get(("S2", 1)) is None
    memo.discard_if(lambda key: key[0] == "S1" and key[1] < 2)
    assert memo.get(("S1", 1)) is None
    assert memo.get(("S1", 2)) == "view"


def test_each_owner_keeps_its_own_memo_of_a_shelf() -> None:
    views: Shelf[str, str] = Shelf("views", 4)
    first, second = Shelves(), Shelves()
    first.memo(views).put("k", "first")
    assert first.memo(views) is first.memo(views)
    assert first.memo(views).get("k") == "first"
    assert second.memo(views).get("k") is None
