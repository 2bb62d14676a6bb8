"""Assemble a whole seeded scenario, and write the bundled fixtures."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any, get_args

from trainsched.formats import Scenario, parse_scenario
from trainsched.formats.scenario import SCENARIO_FORMAT, CalendarSpec, default_groups
from trainsched.generate.capacity import calibrate, month_days
from trainsched.generate.demand import Asked, cohort_docs, fund_docs
from trainsched.generate.geography import Geography, build_geography
from trainsched.generate.institutions import add_institutions
from trainsched.generate.mentoring import mentor_docs, request_docs
from trainsched.generate.money import (
    FUNDINGS,
    Funding,
    money_fund_docs,
    scarce_pairs,
    spread_priorities,
)
from trainsched.generate.places import PROVINCE_NAMES, STATUTORY_HOLIDAYS, Namer
from trainsched.generate.profiles import PROFILES, Profile, Scale, course_docs
from trainsched.generate.trainers import cover, demand_days, draft_trainers
from trainsched.generate.venues import venue_docs
from trainsched.workcal import build_calendar

DEMO_SEED = 2027
GENERATOR_VERSION = 1
_LOCAL_CLOSURES = ("城市马拉松交通管制", "地方传统庙会", "全市安全生产检查日", "市运动会开幕")


class _Streams:
    """Independent seeded streams per part, so changing one part leaves the others as they were."""

    def __init__(self, seed: int, label: str) -> None:
        self._prefix = f"trainsched:{label}:{seed}:"

    def __call__(self, part: str) -> random.Random:
        return random.Random(self._prefix + part)


def _calendar(
    rng: random.Random, start: dt.date, end: dt.date
) -> tuple[dict[str, Any], dict[str, str]]:
    # Official holidays come from the calendar ("official": "CN"): for a year not announced
    # yet, its statutory days by rule, marked provisional. The scenario lists only the two
    # local closures a coordinator would add, on ordinary weekdays.
    statutory = [d for y in range(start.year, end.year + 1) for d in STATUTORY_HOLIDAYS.get(y, ())]
    holidays = {d for d in statutory if start.isoformat() <= d <= end.isoformat()}
    weekdays = [
        day
        for day in (start + dt.timedelta(days=i) for i in range((end - start).days + 1))
        if day.weekday() < 5 and day.isoformat() not in holidays
    ]
    local = sorted(d.isoformat() for d in rng.sample(weekdays, 2))
    notes = {d: rng.choice(_LOCAL_CLOSURES) for d in local}
    return {"official": "CN", "holidays": local}, notes


def _name(p: Profile, geo: Geography, seed: int) -> str:
    where = geo.cities[0] if len(geo.cities) == 1 else PROVINCE_NAMES[seed % len(PROVINCE_NAMES)]
    if p.label == "demo":
        return f"{where} 2027 上半年创业培训计划 (Demo City 2027 H1)"
    return (
        f"{where} {p.start.isoformat()}..{p.end.isoformat()} 创业培训计划 ({p.label}, seed {seed})"
    )


def build(
    p: Profile, seed: int, institutions: bool = True, funding: Funding = "standard"
) -> Scenario:
    """Generate the scenario of a profile for a seed and validate it.

    Institutions come from their own seeded stream, after everything else: without them
    the scenario is exactly the one generated before institutions existed. The "money"
    funding changes funds, priorities and two-trainer certificates (``generate/money.py``),
    each from its own stream, and nothing else.
    """
    money = funding == "money"
    rng = _Streams(seed, p.label)
    span = (p.start, p.end)
    namer = Namer(rng("names"))
    geo = build_geography(rng("geography"), namer, rng("cities").randint(*p.cities), p.districts)
    calendar, notes = _calendar(rng("calendar"), *span)
    courses = course_docs(p.courses, rng("courses"))
    by_id = {str(c["id"]): c for c in courses}
    cohorts = cohort_docs(rng("cohorts"), geo, courses, span, p.cohorts)
    if money:
        spread_priorities(rng("priorities"), cohorts)
    drafts = draft_trainers(rng("trainers"), namer, geo, cohorts, by_id, span, p.trainers)
    cover(drafts, geo, cohorts, by_id)
    if money:
        scarce_pairs(rng("pairs"), drafts, geo, cohorts, by_id)
    work = build_calendar(p.start, p.end, CalendarSpec.model_validate(calendar)).days
    calibrate(rng("load"), drafts, sum(demand_days(cohorts, by_id).values()), month_days(work))
    trainers = [t.doc(n) for n, t in enumerate(drafts, start=1)]
    groups = default_groups()
    subsidised = [g for g, spec in groups.items() if spec.subsidised]
    per_trainee = {str(c["id"]): int(c["subsidy_per_trainee"]) for c in courses}
    mentors = mentor_docs(rng("mentors"), namer, geo, trainers, span, p.mentors)
    funds = money_fund_docs if money else fund_docs
    doc: dict[str, Any] = {
        "format": SCENARIO_FORMAT,
        "name": _name(p, geo, seed),
        "timezone": "Asia/Shanghai",
        "horizon": {"start": p.start.isoformat(), "end": p.end.isoformat()},
        "calendar": calendar,
        "groups": {g: spec.model_dump() for g, spec in groups.items()},
        "regions": [d.doc() for d in geo.districts],
        "courses": courses,
        "trainers": trainers,
        "venues": venue_docs(rng("venues"), namer, geo, *span, p.venues),
        "cohorts": cohorts,
        "funds": funds(rng("funds"), geo, Asked(cohorts, per_trainee, subsidised, span)),
        "mentors": mentors,
        "visit_requests": request_docs(rng("requests"), namer, geo, mentors, span, p.requests),
        "x": {
            "generator": {"scale": p.label, "seed": seed, "version": GENERATOR_VERSION},
            "local_closures": notes,
        },
    }
    if money:
        doc["name"] = doc["name"].replace(f"({p.label},", f"({p.label}, money,")
        doc["x"]["generator"]["profile"] = funding
    if institutions:
        add_institutions(rng("institutions"), geo, p.label, doc)
    return parse_scenario(doc)


def generate_scenario(
    scale: Scale, seed: int, *, institutions: bool = True, profile: Funding = "standard"
) -> Scenario:
    """A realistic seeded scenario of the given size; the same seed gives the same JSON.

    With ``institutions=False`` no training institutions are generated (and nothing else changes).
    ``profile="money"``: tight funds over irregular periods, priorities 1–5 and scarce
    two-trainer certificates, where which classes the money goes to decides the plan.
    """
    if scale not in get_args(Scale):
        raise ValueError(f"unknown scale {scale!r}: expected one of {', '.join(get_args(Scale))}")
    if profile not in FUNDINGS:
        raise ValueError(f"unknown profile {profile!r}: expected one of {', '.join(FUNDINGS)}")
    return build(PROFILES[scale], seed, institutions, profile)


def demo_city() -> Scenario:
    """The demo fixture: a ten-district city planning the first half of 2027."""
    return build(PROFILES["demo"], DEMO_SEED)


def write_fixtures(directory: str | Path) -> list[Path]:
    """Write demo-city.json and tiny.json into ``directory``; return their paths."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, scenario in (
        ("demo-city.json", demo_city()),
        ("tiny.json", generate_scenario("tiny", 1)),
    ):
        path = out / name
        path.write_text(scenario.to_json() + "\n", encoding="utf-8")
        written.append(path)
    return written
