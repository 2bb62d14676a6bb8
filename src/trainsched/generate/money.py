"""The "money" profile: scenarios where the subsidy funds, not the trainers, decide the plan.

Beside the standard profile (quarterly funds per group of districts holding 75–90 % of what
is asked, priorities mostly 1), the money profile gives every district its own funds over
irregular periods whose boundaries fall inside classes' windows, holding 55–80 % of the
subsidy asked; priorities spread over 1–5; and fewer trainers hold the certificates of the
courses taught by two (SYB, EYB), so a two-trainer class competes for a small pool.
Each change draws from its own seeded stream, so the standard profile stays as it was.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from trainsched.generate.demand import Asked
from trainsched.generate.geography import Geography
from trainsched.generate.trainers import Draft, cover

Funding = Literal["standard", "money"]
FUNDINGS: tuple[Funding, ...] = ("standard", "money")

SHARE = (0.55, 0.80)  # of the subsidy asked in a fund's period
PERIOD_DAYS = (35, 95)  # a fund's period: five weeks to three months (shorter horizons: less)
PRIORITY_WEIGHTS = (30, 25, 20, 15, 10)  # priorities 1..5
DROP_PAIR_QUAL = 0.45  # chance a trainer with other certificates loses a two-trainer one


def _periods(rng: random.Random, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    # Irregular lengths from a per-district stream: boundaries fall mid-month, inside the
    # windows of the classes requested around them.
    # A horizon of a quarter still gets two or three funds per district.
    high = min(PERIOD_DAYS[1], ((end - start).days + 1) // 2)
    low = min(PERIOD_DAYS[0], high // 2 + 1)
    out: list[tuple[dt.date, dt.date]] = []
    first = start
    while first <= end:
        last = min(end, first + dt.timedelta(days=rng.randint(low, high) - 1))
        if (end - last).days < low:
            last = end  # no stub period at the end of the horizon
        out.append((first, last))
        first = last + dt.timedelta(days=1)
    return out


def _overlap(c: Mapping[str, Any], first: dt.date, last: dt.date) -> float:
    """Share of a class's window inside first..last (where its cost may fall)."""
    lo, hi = dt.date.fromisoformat(c["earliest"]), dt.date.fromisoformat(c["latest_end"])
    inside = (min(hi, last) - max(lo, first)).days + 1
    return max(0, inside) / ((hi - lo).days + 1)


def money_fund_docs(rng: random.Random, geo: Geography, ask: Asked) -> list[dict[str, Any]]:
    """Per district, funds over irregular periods, each 55–80 % of the subsidy asked of it.

    A class whose window crosses a boundary asks each fund in proportion to its window's
    days there, so the shares add up to what the district asks in all.
    """
    out: list[dict[str, Any]] = []
    for d in geo.districts:
        mine = [c for c in ask.cohorts if c["region"] == d.id]
        for n, (first, last) in enumerate(_periods(rng, *ask.span), start=1):
            asked = sum(ask.subsidy(c) * _overlap(c, first, last) for c in mine)
            out.append(
                {
                    "id": f"F{len(out) + 1:04d}",
                    "name": f"{d.name}{first.year}年第{n}批创业培训补贴",
                    "regions": [d.id],
                    "from": first.isoformat(),
                    "to": last.isoformat(),
                    "amount": int(asked * rng.uniform(*SHARE)) // 100 * 100,
                }
            )
    return out


def spread_priorities(rng: random.Random, cohorts: Sequence[dict[str, Any]]) -> None:
    """Priorities 1–5 (more 1s than 5s), so value per yuan differs widely between classes."""
    for c in cohorts:
        c.pop("priority", None)
        priority = rng.choices(range(1, 6), weights=PRIORITY_WEIGHTS)[0]
        if priority > 1:
            c["priority"] = priority


def scarce_pairs(
    rng: random.Random,
    drafts: Sequence[Draft],
    geo: Geography,
    cohorts: Sequence[Mapping[str, Any]],
    courses: Mapping[str, Mapping[str, Any]],
) -> None:
    """Take two-trainer certificates from many holders, then restore the minimum per district."""
    pairs = {cid for cid, c in courses.items() if int(c["trainers_required"]) >= 2}
    for t in drafts:
        for q in sorted(pairs.intersection(t.qualifications)):
            if len(t.qualifications) > 1 and rng.random() < DROP_PAIR_QUAL:
                t.qualifications = [x for x in t.qualifications if x != q]
    cover(drafts, geo, cohorts, courses)  # every district can still staff each course once
