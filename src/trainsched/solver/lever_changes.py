"""The scenario objects a lever proposes: new trainers, a new room, a wider window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trainsched.formats import Scenario
from trainsched.formats.common import DateRange
from trainsched.formats.scenario import Trainer, Venue
from trainsched.solver.changes import Change, CohortWindowChanged, TrainerAdded, VenueAdded


@dataclass(frozen=True)
class LeverSpot:
    """Where and when a left-out class would run once the lever is pulled."""

    cohort: str
    qual: str
    region: str
    first: dt.date
    last: dt.date
    seats: int
    missing: int = 0  # trainers short


def _free_only(scenario: Scenario, spot: LeverSpot) -> list[dt.date | DateRange]:
    # A proposed trainer or room is free on the class's dates only: the lever claims no more.
    h = scenario.horizon
    out: list[dt.date | DateRange] = []
    if spot.first > h.start:
        out.append(DateRange(start=h.start, end=spot.first - dt.timedelta(days=1)))
    if spot.last < h.end:
        out.append(DateRange(start=spot.last + dt.timedelta(days=1), end=h.end))
    return out


def _fresh_id(taken: set[str], stem: str) -> str:
    n = 1
    while f"{stem}{n}" in taken:
        n += 1
    taken.add(f"{stem}{n}")
    return f"{stem}{n}"


def new_trainers(scenario: Scenario, spot: LeverSpot) -> list[Change]:
    """``spot.missing`` new trainers holding the class's qualification, serving its district."""
    taken = {t.id for t in scenario.trainers}
    out: list[Change] = []
    for _ in range(spot.missing):
        tid = _fresh_id(taken, f"NEW-{spot.cohort}-T")
        trainer = Trainer(
            id=tid,
            name=tid,
            region=spot.region,
            qualifications=[spot.qual],
            unavailable=_free_only(scenario, spot),
        )
        out.append(TrainerAdded(trainer))
    return out


def new_venue(scenario: Scenario, spot: LeverSpot) -> VenueAdded:
    """A public room in the spot's district seating the class, free on its dates."""
    vid = _fresh_id({v.id for v in scenario.venues}, f"NEW-{spot.cohort}-V")
    venue = Venue(
        id=vid,
        name=vid,
        region=spot.region,
        capacity=spot.seats,
        unavailable=_free_only(scenario, spot),
    )
    return VenueAdded(venue)


def wider_window(cohort_id: str, first: dt.date, last: dt.date) -> CohortWindowChanged:
    """The class's window opened to run from ``first`` to ``last``."""
    return CohortWindowChanged(cohort_id, first, last)
