"""Published scenarios and plans, parsed once per publication and kept in memory for the pages."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import col

from trainsched.formats import Plan, Scenario
from trainsched.store.db import session_scope
from trainsched.store.mapper import plan_from_row, scenario_from_row
from trainsched.store.tables import PlanRow, ScenarioRow

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class PublicationKey:
    """One publication: a published plan of a scenario revision (ids are UUIDs: never reused)."""

    scenario_id: str
    plan_id: str
    revision: int


@dataclass(frozen=True)
class Published:
    """A published plan with the scenario revision it belongs to, parsed."""

    key: PublicationKey
    scenario: Scenario
    plan: Plan


class Memo(Generic[K, V]):
    """A small thread-safe LRU of values that never go stale (their keys are immutable)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        """The value for ``key``, made (outside the lock) when missing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


_parsed: Memo[PublicationKey, Published] = Memo(8)


def _key_query() -> sa.Select[str, str, int]:
    return (
        sa.select(col(ScenarioRow.id), col(PlanRow.id), col(ScenarioRow.revision))
        .join(PlanRow, col(PlanRow.scenario_id) == col(ScenarioRow.id))
        .where(col(PlanRow.status) == "published")
        .order_by(col(ScenarioRow.name), col(ScenarioRow.id))
    )


def publication_keys(engine: Engine) -> list[PublicationKey]:
    """The current publication of every scenario that has one (one indexed query, no documents)."""
    with session_scope(engine) as session:
        rows = session.execute(_key_query()).all()
    return [PublicationKey(str(s), str(p), int(r)) for s, p, r in rows]


def publication_key(engine: Engine, scenario_id: str) -> PublicationKey | None:
    """The current publication of one scenario, if it has one."""
    query = _key_query().where(col(ScenarioRow.id) == scenario_id)
    with session_scope(engine) as session:
        found = session.execute(query).first()
    return PublicationKey(str(found[0]), str(found[1]), int(found[2])) if found else None


def _load(engine: Engine, key: PublicationKey) -> Published:
    with session_scope(engine) as session:
        scenario_row = session.get(ScenarioRow, key.scenario_id)
        plan_row = session.get(PlanRow, key.plan_id)
        if scenario_row is None or plan_row is None:
            raise LookupError(key)
        return Published(key, scenario_from_row(scenario_row), plan_from_row(plan_row))


def published(engine: Engine, key: PublicationKey) -> Published:
    """The parsed publication for ``key`` (read from the store once)."""
    return _parsed.get_or_make(key, lambda: _load(engine, key))
