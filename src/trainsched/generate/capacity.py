"""How tight a scenario is: trainer-days and subsidy offered against what the cohorts ask."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import groupby

from trainsched.formats.common import unavailable_dates
from trainsched.formats.scenario import Scenario
from trainsched.generate.trainers import Draft
from trainsched.workcal import scenario_calendar

MIN_TOTAL = 10  # below one SYB class a contract makes no sense


def month_days(days: Sequence[dt.date]) -> list[list[dt.date]]:
    """Working days grouped by calendar month, in order."""
    return [list(g) for _, g in groupby(days, key=lambda d: (d.year, d.month))]


def raw_days(
    per_month: int | None, off: Collection[dt.date], months: Sequence[Sequence[dt.date]]
) -> int:
    """Days a trainer could teach: available working days, capped per month."""
    out = 0
    for days in months:
        free = sum(1 for d in days if d not in off)
        out += free if per_month is None else min(per_month, free)
    return out


def _draft_off(t: Draft) -> frozenset[dt.date]:
    out: set[dt.date] = set()
    for r in t.unavailable:
        first, last = dt.date.fromisoformat(r["from"]), dt.date.fromisoformat(r["to"])
        out.update(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    return frozenset(out)


def calibrate(
    rng: random.Random, drafts: Sequence[Draft], demand: int, months: Sequence[Sequence[dt.date]]
) -> None:
    """Give part-time trainers a ``max_days_total`` so all trainers offer 85–93% of ``demand``."""
    target = demand * rng.uniform(0.85, 0.93)
    raw = {t.id: raw_days(t.per_month, _draft_off(t), months) for t in drafts}
    order = rng.sample(list(drafts), len(drafts))
    # A minority are full-time trainers bounded only by the monthly cap.
    full: list[str] = []
    full_days = 0
    for t in order:
        if len(full) < 0.3 * len(drafts) and full_days + raw[t.id] <= 0.4 * target:
            full.append(t.id)
            full_days += raw[t.id]
    pool = [t for t in order if t.id not in full]
    weight = {t.id: raw[t.id] * rng.uniform(0.6, 1.4) for t in pool}
    budget = target - full_days
    # Water-filling: whoever's share exceeds what they can give keeps no total, the rest share.
    while pool:
        wsum = sum(weight[t.id] for t in pool)
        saturated = [t for t in pool if budget * weight[t.id] / wsum >= raw[t.id]]
        if not saturated:
            break
        for t in saturated:
            budget -= raw[t.id]
            pool.remove(t)
    wsum = sum(weight[t.id] for t in pool)
    for t in pool:
        t.total = max(MIN_TOTAL, round(budget * weight[t.id] / wsum))


@dataclass(frozen=True)
class Tightness:
    """Offer against demand, for trainer-days and for subsidy money."""

    trainer_days_asked: int
    trainer_days_offered: int
    subsidy_asked: int
    subsidy_funded: int

    @property
    def trainer_ratio(self) -> float:
        """Share of the asked trainer-days that the trainers could give at most."""
        return self.trainer_days_offered / max(1, self.trainer_days_asked)

    @property
    def fund_ratio(self) -> float:
        """Share of the asked subsidy that the funds hold."""
        return self.subsidy_funded / max(1, self.subsidy_asked)


def tightness(s: Scenario) -> Tightness:
    """Measure a scenario's trainer-day and subsidy tightness (ignoring place and time fit)."""
    months = month_days(scenario_calendar(s).days)
    courses = {c.id: c for c in s.courses}
    asked = sum(courses[c.course].days * courses[c.course].trainers_required for c in s.cohorts)
    offered = 0
    for t in s.trainers:
        days = raw_days(t.max_days_per_month, unavailable_dates(t.unavailable), months)
        offered += days if t.max_days_total is None else min(days, t.max_days_total)
    subsidised = [g for g, spec in s.groups.items() if spec.subsidised]
    money = sum(
        courses[c.course].subsidy_per_trainee
        * sum(n for g, n in c.trainees.items() if g in subsidised)
        for c in s.cohorts
    )
    return Tightness(asked, offered, money, sum(f.amount for f in s.funds))
