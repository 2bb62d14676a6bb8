"""The feed cache builds each feed once per published plan and forgets the least recently used."""

from __future__ import annotations

import datetime as dt

import pytest

from trainsched.feeds import FeedBuild, FeedCache, FeedSubject

STAMP = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)


def built(tag: str) -> FeedBuild:
    return FeedBuild(body=tag.encode(), etag=f'"{tag}"', last_modified=STAMP)


def test_a_feed_is_built_once_per_plan() -> None:
    cache = FeedCache(maxsize=4)
    calls: list[str] = []

    def builder() -> FeedBuild:
        calls.append("x")
        return built("a")

    first = cache.get_or_build("plan-1", FeedSubject.trainer("T01"), builder)
    again = cache.get_or_build("plan-1", FeedSubject.trainer("T01"), builder)
    assert first is again
    assert calls == ["x"]
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_new_plan_or_another_subject_builds_again() -> None:
    cache = FeedCache(maxsize=4)
    cache.put("plan-1", FeedSubject.trainer("T01"), built("a"))
    assert cache.get("plan-2", FeedSubject.trainer("T01")) is None
    assert cache.get("plan-1", FeedSubject.mentor("T01")) is None
    assert cache.get("plan-1", FeedSubject.trainer("T01")) == built("a")


def test_the_least_recently_used_feed_goes_first() -> None:
    cache = FeedCache(maxsize=2)
    cache.put("p", FeedSubject.cohort("C1"), built("1"))
    cache.put("p", FeedSubject.cohort("C2"), built("2"))
    assert cache.get("p", FeedSubject.cohort("C1")) is not None
    cache.put("p", FeedSubject.cohort("C3"), built("3"))
    assert len(cache) == 2
    assert cache.get("p", FeedSubject.cohort("C2")) is None
    assert cache.get("p", FeedSubject.cohort("C1")) is not None


def test_cache_of_no_room_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        FeedCache(maxsize=0)
