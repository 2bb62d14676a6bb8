"""What can change between a plan and its re-plan, and the scenario with the changes applied."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from trainsched.formats import Scenario, parse_scenario
from trainsched.formats.common import DateRange
from trainsched.formats.scenario import Cohort, Trainer, Venue


@dataclass(frozen=True)
class TrainerUnavailable:
    """A trainer cannot teach from ``start`` to ``end`` (inclusive): illness, leave."""

    trainer: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class VenueClosed:
    """A venue is closed from ``start`` to ``end`` (inclusive)."""

    venue: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class CohortAdded:
    """A new class is requested."""

    cohort: Cohort


@dataclass(frozen=True)
class CohortWithdrawn:
    """A requested class is cancelled."""

    cohort_id: str


@dataclass(frozen=True)
class FundChanged:
    """A fund's amount is changed (a cut or a top-up)."""

    fund_id: str
    amount: int


@dataclass(frozen=True)
class TrainerAdded:
    """A new certified trainer joins (what-would-it-take levers propose one)."""

    trainer: Trainer


@dataclass(frozen=True)
class VenueAdded:
    """A new training room becomes available."""

    venue: Venue


@dataclass(frozen=True)
class CohortWindowChanged:
    """A requested class may run from ``earliest`` to ``latest_end`` (a widened window)."""

    cohort_id: str
    earliest: dt.date
    latest_end: dt.date


Change = (
    TrainerUnavailable
    | VenueClosed
    | CohortAdded
    | CohortWithdrawn
    | FundChanged
    | TrainerAdded
    | VenueAdded
    | CohortWindowChanged
)
# Changes that add room for classes: a re-plan also retries the classes left out before.
ADDS_ROOM = (TrainerAdded, VenueAdded, FundChanged, CohortWindowChanged)


def _closed(
    ranges: Sequence[dt.date | DateRange], ch: TrainerUnavailable | VenueClosed
) -> dict[str, object]:
    """The update that adds the change's range to a trainer's or venue's unavailable days."""
    return {"unavailable": [*ranges, DateRange(start=ch.start, end=ch.end)]}


def _apply(s: Scenario, ch: Change) -> Scenario:
    if isinstance(ch, TrainerUnavailable):
        ts = [
            t.model_copy(update=_closed(t.unavailable, ch)) if t.id == ch.trainer else t
            for t in s.trainers
        ]
        return s.model_copy(update={"trainers": ts})
    if isinstance(ch, VenueClosed):
        vs = [
            v.model_copy(update=_closed(v.unavailable, ch)) if v.id == ch.venue else v
            for v in s.venues
        ]
        return s.model_copy(update={"venues": vs})
    if isinstance(ch, CohortAdded):
        return s.model_copy(update={"cohorts": [*s.cohorts, ch.cohort]})
    if isinstance(ch, CohortWithdrawn):
        return s.model_copy(update={"cohorts": [c for c in s.cohorts if c.id != ch.cohort_id]})
    if isinstance(ch, TrainerAdded):
        return s.model_copy(update={"trainers": [*s.trainers, ch.trainer]})
    if isinstance(ch, VenueAdded):
        return s.model_copy(update={"venues": [*s.venues, ch.venue]})
    if isinstance(ch, CohortWindowChanged):
        window = {"earliest": ch.earliest, "latest_end": ch.latest_end}
        cs = [c.model_copy(update=window) if c.id == ch.cohort_id else c for c in s.cohorts]
        return s.model_copy(update={"cohorts": cs})
    fs = [f.model_copy(update={"amount": ch.amount}) if f.id == ch.fund_id else f for f in s.funds]
    return s.model_copy(update={"funds": fs})


def apply_changes(scenario: Scenario, changes: Sequence[Change]) -> Scenario:
    """The scenario with every change applied, validated again as a whole.

    Raises FormatError when the changed scenario breaks the format (e.g. an added class
    whose id is taken): the one place a re-plan's changes are validated.
    """
    s = scenario
    for ch in changes:
        s = _apply(s, ch)
    return parse_scenario(json.loads(s.to_json()))
