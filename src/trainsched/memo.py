"""A small bounded memory of things already built, so busy pages and feeds are built once."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Values by key, at most ``size`` of them; the least recently used goes first when full.

    With ``ttl_s`` a value is trusted for that many seconds only (for answers that may change
    behind our back, such as which plan is published now); without it values never go stale,
    which is right when the key names immutable content. Safe to share between threads.
    Values are never None: ``get`` answers None for "not held".
    """

    def __init__(
        self, size: int, ttl_s: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """An empty memo of at most ``size`` values, each trusted ``ttl_s`` seconds (or ever)."""
        if size < 1:
            raise ValueError("a memo holds at least one value")
        self.size = size
        self.ttl_s = ttl_s
        self._clock = clock
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()
        # Keys whose stale value one caller is refreshing now, since when.
        self._claims: dict[K, float] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: K) -> V | None:
        """The value for ``key`` if held and still fresh (and mark it recently used)."""
        with self._lock:
            found = self._items.get(key)
            # A stale value stays (bounded by ``size``) for ``recent`` to offer meanwhile.
            if found is None or self._stale(found[0]):
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found[1]

    def recent(self, key: K) -> V | None:
        """The value for ``key`` if fresh; once stale, None for one caller, who should
        look it up again and ``put`` it, and the stale value for the others meanwhile.

        A crowd asking when a value goes stale would otherwise all look it up at once. A
        caller that never puts loses its claim after ``ttl_s``: the next one refreshes.
        """
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            if not self._stale(found[0]):
                self.hits += 1
                return found[1]
            now = self._clock()
            claimed = self._claims.get(key)
            if claimed is not None and now - claimed <= (self.ttl_s or 0.0):
                return found[1]
            self._claims[key] = now
            self.misses += 1
            return None

    def put(self, key: K, value: V) -> None:
        """Keep ``value`` for ``key``, forgetting the least recently used beyond ``size``."""
        with self._lock:
            self._claims.pop(key, None)
            self._items[key] = (self._clock(), value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        """The value for ``key``, made by ``make()`` and kept when missing.

        ``make`` runs outside the lock: two first requests may both make it, neither waits.
        """
        found = self.get(key)
        if found is not None:
            return found
        value = make()
        self.put(key, value)
        return value

    def discard(self, key: K) -> None:
        """Forget the value for ``key``, if held."""
        with self._lock:
            self._items.pop(key, None)
            self._claims.pop(key, None)

    def discard_if(self, stale: Callable[[K], bool]) -> None:
        """Forget every value whose key ``stale`` names."""
        with self._lock:
            for key in [k for k in self._items if stale(k)]:
                del self._items[key]
                self._claims.pop(key, None)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()
            self._claims.clear()

    def __len__(self) -> int:
        """How many values are held."""
        return len(self._items)

    def _stale(self, made: float) -> bool:
        return self.ttl_s is not None and self._clock() - made > self.ttl_s


@dataclass(frozen=True)
class Shelf(Generic[K, V]):
    """A memo declared once by the code that fills it (a module constant: no state in it);
    each owner of ``Shelves`` keeps its own ``Memo`` for it."""

    name: str
    size: int
    ttl_s: float | None = None


class Shelves:
    """The memos of one owner (an app, say), each made the first time its shelf is asked for.

    Declaring shelves as constants and keeping their memos in an owner's ``Shelves`` means no
    module-level cache: two apps in one process never share what they remember.
    """

    def __init__(self) -> None:
        """No memo made yet."""
        self._memos: dict[Shelf[Any, Any], Memo[Any, Any]] = {}
        self._lock = threading.Lock()

    def memo(self, shelf: Shelf[K, V]) -> Memo[K, V]:
        """This owner's memo for ``shelf``."""
        with self._lock:
            found = self._memos.get(shelf)
            if found is None:
                found = self._memos[shelf] = Memo(shelf.size, shelf.ttl_s)
        return cast("Memo[K, V]", found)
