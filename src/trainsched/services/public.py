"""Published schedules for everyone: which scenarios publish a plan, and which plan now."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Final

from sqlmodel import Session

from trainsched.memo import Shelf
from trainsched.services.common import get_row
from trainsched.services.errors import NotFound
from trainsched.services.publications import Publications, PublishedKey
from trainsched.store.db import session_scope
from trainsched.store.published import PublishedVersion, published_versions
from trainsched.store.tables import ScenarioRow

# A revision never changes, so its horizon is read from the document once.
_HORIZONS: Final = Shelf[tuple[str, int], tuple[dt.date, dt.date]]("public-horizons", 1024)


@dataclass(frozen=True)
class PublishedScenario:
    """A scenario that publishes a plan (its name, the plan, since when) and its horizon."""

    version: PublishedVersion
    horizon_start: dt.date
    horizon_end: dt.date


def plan_key(publications: Publications, scenario_id: str) -> PublishedKey:
    """The scenario's current publication (remembered briefly); NotFound when there is none."""
    key = publications.key(scenario_id)
    if key is None:
        with session_scope(publications.engine) as session:
            get_row(session, ScenarioRow, scenario_id)
        raise NotFound("published plan", scenario_id, "this scenario has no published plan yet")
    return key


def published_scenarios(publications: Publications, session: Session) -> list[PublishedScenario]:
    """Every scenario with a published plan, by name."""
    out = []
    for found in published_versions(session):
        start, end = _horizon(publications, session, found.scenario_id, found.revision)
        out.append(PublishedScenario(found, start, end))
    return out


def _horizon(
    publications: Publications, session: Session, scenario_id: str, revision: int
) -> tuple[dt.date, dt.date]:
    def read() -> tuple[dt.date, dt.date]:
        horizon = json.loads(get_row(session, ScenarioRow, scenario_id).document)["horizon"]
        return dt.date.fromisoformat(horizon["start"]), dt.date.fromisoformat(horizon["end"])

    return publications.memo(_HORIZONS).get_or_make((scenario_id, revision), read)
