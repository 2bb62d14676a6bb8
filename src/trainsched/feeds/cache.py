"""A bounded LRU of built feeds, so each feed is built once per published plan."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from trainsched.feeds.build import FeedBuild
from trainsched.feeds.subjects import FeedSubject

CacheKey = tuple[Hashable, FeedSubject]


class FeedCache:
    """Built feeds keyed by (plan key, subject); the least recently used goes first when full.

    The plan key names one published plan (its id, or id and day when cancelled
    events should expire without a new publication). Safe to share between threads.
    """

    def __init__(self, maxsize: int = 1024) -> None:
        """An empty cache holding at most ``maxsize`` feeds."""
        if maxsize < 1:
            raise ValueError("a feed cache holds at least one feed")
        self.maxsize = maxsize
        self._items: OrderedDict[CacheKey, FeedBuild] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, plan_key: Hashable, subject: FeedSubject) -> FeedBuild | None:
        """The cached feed, if any (and mark it recently used)."""
        key = (plan_key, subject)
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, plan_key: Hashable, subject: FeedSubject, build: FeedBuild) -> None:
        """Keep a built feed, evicting the least recently used beyond ``maxsize``."""
        key = (plan_key, subject)
        with self._lock:
            self._items[key] = build
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def get_or_build(
        self, plan_key: Hashable, subject: FeedSubject, builder: Callable[[], FeedBuild]
    ) -> FeedBuild:
        """The cached feed, or ``builder()`` kept for next time."""
        found = self.get(plan_key, subject)
        if found is not None:
            return found
        # Built outside the lock: two first requests may both build, never block each other.
        build = builder()
        self.put(plan_key, subject, build)
        return build

    def clear(self) -> None:
        """Forget every feed (e.g. after a plan is published or withdrawn)."""
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        """How many feeds are held."""
        return len(self._items)
