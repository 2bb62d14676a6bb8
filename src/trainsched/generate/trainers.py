"""Certified trainers: qualifications, service areas, availability and a calibrated load."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from trainsched.generate.geography import District, Geography, apportion, date_range, disjoint
from trainsched.generate.places import Namer, email, phone

MAX_QUALIFICATIONS = 3
MAX_SERVED = 3


@dataclass
class Draft:
    """A trainer being generated (mutable until calibrated)."""

    id: str
    name: str
    home: District
    qualifications: list[str]
    serves: list[str]
    per_month: int
    unavailable: list[dict[str, str]] = field(default_factory=list)
    total: int | None = None

    def doc(self, n: int) -> dict[str, Any]:
        """The trainer object of the scenario."""
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "region": self.home.id,
            "qualifications": self.qualifications,
        }
        if self.serves != [self.home.id]:
            out["serves_regions"] = self.serves
        if self.unavailable:
            out["unavailable"] = self.unavailable
        out["max_days_per_month"] = self.per_month
        if self.total is not None:
            out["max_days_total"] = self.total
        out["contact"] = {"phone": phone("139", n), "email": email("trainer", n)}
        return out


def demand_days(
    cohorts: Sequence[Mapping[str, Any]], courses: Mapping[str, Mapping[str, Any]]
) -> Counter[str]:
    """Trainer-days asked per course: days × trainers required, over all cohorts."""
    out: Counter[str] = Counter()
    for c in cohorts:
        course = courses[str(c["course"])]
        out[str(c["course"])] += int(course["days"]) * int(course["trainers_required"])
    return out


def _qualifications(rng: random.Random, weights: Mapping[str, float]) -> list[str]:
    # Trainers hold the certificates the city needs most, SYB above all.
    pool = sorted(weights)
    k = min(len(pool), rng.choices((1, 2, 3), weights=(40, 40, 20))[0])
    out: list[str] = []
    for _ in range(k):
        rest = [q for q in pool if q not in out]
        out.append(rng.choices(rest, weights=[weights[q] + 0.01 for q in rest])[0])
    return sorted(out)


def _serves(rng: random.Random, geo: Geography, d: District) -> list[str]:
    near = geo.neighbours(d)
    r = rng.random()
    extra = 2 if r < 0.15 else 1 if r < 0.45 else 0
    chosen = rng.sample(near[:3], min(extra, len(near[:3])))
    out = [d.id, *sorted(o.id for o in chosen)]
    foreign = geo.nearest_foreign(d)
    # A few trainers near a city border also teach in the next city's nearest district.
    if (
        foreign is not None
        and geo.km(d, foreign) < 90
        and rng.random() < 0.08
        and len(out) < MAX_SERVED
    ):
        out.append(foreign.id)
    return out


def _unavailable(rng: random.Random, span: tuple[dt.date, dt.date]) -> list[dict[str, str]]:
    out = [
        date_range(rng, *span, (2, 10))
        for _ in range(rng.choices((0, 1, 2, 3), weights=(25, 35, 25, 15))[0])
    ]
    if rng.random() < 0.1:
        out.append(date_range(rng, *span, (20, 45)))
    return disjoint(out)


def draft_trainers(
    rng: random.Random,
    namer: Namer,
    geo: Geography,
    cohorts: Sequence[Mapping[str, Any]],
    courses: Mapping[str, Mapping[str, Any]],
    span: tuple[dt.date, dt.date],
    total: int,
) -> list[Draft]:
    """``total`` trainers placed where the classes are, holding what is taught there."""
    need = {
        d.id: demand_days([c for c in cohorts if c["region"] == d.id], courses)
        for d in geo.districts
    }
    counts = apportion(total, [sum(need[d.id].values()) + 1.0 for d in geo.districts], minimum=1)
    out: list[Draft] = []
    for d, n in zip(geo.districts, counts, strict=True):
        weights = {q: float(need[d.id][q]) + 1.0 for q in courses}
        for _ in range(n):
            out.append(
                Draft(
                    id=f"T{len(out) + 1:03d}",
                    name=namer.person(),
                    home=d,
                    qualifications=_qualifications(rng, weights),
                    serves=_serves(rng, geo, d),
                    per_month=rng.randint(12, 18),
                    unavailable=_unavailable(rng, span),
                )
            )
    return out


def cover(
    drafts: Sequence[Draft],
    geo: Geography,
    cohorts: Sequence[Mapping[str, Any]],
    courses: Mapping[str, Mapping[str, Any]],
) -> None:
    """Make every district's courses teachable: enough qualified trainers serve it."""
    by_id = {d.id: d for d in geo.districts}
    asked = sorted({(str(c["region"]), str(c["course"])) for c in cohorts})
    for region, course in asked:
        need = int(courses[course]["trainers_required"])
        need -= sum(1 for t in drafts if region in t.serves and course in t.qualifications)
        local = [t for t in drafts if region in t.serves and course not in t.qualifications]
        for t in sorted(local, key=lambda t: (len(t.qualifications), t.id)):
            if need > 0 and len(t.qualifications) < MAX_QUALIFICATIONS:
                t.qualifications = sorted([*t.qualifications, course])
                need -= 1
        target = by_id[region]
        holders = [t for t in drafts if course in t.qualifications and region not in t.serves]
        for t in sorted(
            holders, key=lambda t: (t.home.city != target.city, geo.km(t.home, target), t.id)
        ):
            if need > 0 and len(t.serves) < MAX_SERVED:
                t.serves = [*t.serves, region]
                need -= 1
