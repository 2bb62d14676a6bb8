"""Re-plan changes in the JSON form ``POST /plans/{id}/replan`` takes (its ``changes`` items)."""

from __future__ import annotations

from typing import Any

from trainsched.solver.changes import (
    Change,
    CohortAdded,
    CohortWithdrawn,
    FundChanged,
    TrainerAdded,
    TrainerUnavailable,
    VenueAdded,
    VenueClosed,
)


def _doc(model: Any) -> dict[str, Any]:
    out: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    return out


def change_json(ch: Change) -> dict[str, Any]:
    """One change as a re-plan request item: ``{"kind": …, …}``."""
    if isinstance(ch, TrainerUnavailable):
        return {"kind": "trainer_unavailable", "trainer": ch.trainer, "from": str(ch.start),
                "to": str(ch.end)}  # fmt: skip
    if isinstance(ch, VenueClosed):
        return {"kind": "venue_closed", "venue": ch.venue, "from": str(ch.start),
                "to": str(ch.end)}  # fmt: skip
    if isinstance(ch, CohortAdded):
        return {"kind": "cohort_added", "cohort": _doc(ch.cohort)}
    if isinstance(ch, CohortWithdrawn):
        return {"kind": "cohort_withdrawn", "cohort_id": ch.cohort_id}
    if isinstance(ch, FundChanged):
        return {"kind": "fund_changed", "fund": ch.fund_id, "amount": ch.amount}
    if isinstance(ch, TrainerAdded):
        return {"kind": "trainer_added", "new_trainer": _doc(ch.trainer)}
    if isinstance(ch, VenueAdded):
        return {"kind": "venue_added", "new_venue": _doc(ch.venue)}
    return {"kind": "cohort_window_changed", "cohort_id": ch.cohort_id,
            "from": str(ch.earliest), "to": str(ch.latest_end)}  # fmt: skip
