"""A year's official holiday notice: planning before it, entering it, and moving only the
classes it breaks.

Before the State Council announces a year, its days are provisional (workcal). Once the notice
is out, the coordinator enters its holidays and adjusted working days into the scenario's own
calendar (the spec's ``calendar.holidays`` / ``calendar.workdays``) and names the year in
``x.announced_years``; the checker then finds the classes that now fall on a non-working day
(hard rule 1), and a re-plan with no other change moves only those and keeps the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session

from trainsched.checker import check_plan
from trainsched.formats import Plan, Problem, Scenario
from trainsched.services import plans, replan
from trainsched.services.access import Actor
from trainsched.services.common import check_if_match, scenario_etag
from trainsched.services.errors import Invalid
from trainsched.services.plans import PlanSummary
from trainsched.services.scenarios import ScenarioSummary, load, save, summary
from trainsched.settings import Settings
from trainsched.workcal import ANNOUNCED_YEARS, announced_years, scenario_calendar

# The checker's name for hard rule 1's "taught on consecutive working days".
_WORKING_DAYS_RULE = "days-consecutive-working"


@dataclass(frozen=True)
class OfficialDays:
    """What a year's official notice says: its holidays and its adjusted working weekends."""

    year: int
    holidays: list[dt.date]
    workdays: list[dt.date]


@dataclass(frozen=True)
class AffectedClass:
    """A planned class the calendar no longer allows as it is: the days it may not be taught."""

    id: str
    course: str
    region: str
    provider: str | None
    first_day: dt.date
    days_off: list[dt.date]  # its days that are no longer working days
    days_skipped: list[dt.date]  # working days now between its days (adjusted working weekends)


@dataclass(frozen=True)
class CalendarReview:
    """A scenario's calendar against its plan: provisional years, announced years, and the
    classes of the plan (the published one, else the newest) that the calendar now breaks."""

    provisional_years: list[int]
    announced_years: list[int]
    plan: PlanSummary | None
    affected: list[AffectedClass]
    # A newer draft that no longer breaks the calendar (a re-plan not yet published).
    fixed_by: PlanSummary | None = None
    # The notices entered so far, by year: entering a year again replaces its notice.
    notices: dict[int, OfficialDays] = field(default_factory=dict)


def affected_classes(scenario: Scenario, plan: Plan) -> list[AffectedClass]:
    """The plan's classes that the scenario's calendar breaks (rule 1), by first day."""
    broken = {
        obj for v in check_plan(scenario, plan) if v.rule == _WORKING_DAYS_RULE for obj in v.objects
    }
    cal = scenario_calendar(scenario)
    cohorts = {c.id: c for c in scenario.cohorts}
    courses = {c.id: c.name for c in scenario.courses}
    regions = {r.id: r.name for r in scenario.regions}
    out = []
    for sc in plan.cohorts:
        cohort = cohorts.get(sc.id)
        if sc.id not in broken or cohort is None:
            continue
        provider = scenario.provider_of(cohort)
        out.append(
            AffectedClass(
                id=sc.id,
                course=courses.get(cohort.course, cohort.course),
                region=regions.get(cohort.region, cohort.region),
                provider=provider.name if provider else None,
                first_day=min(sc.days),
                days_off=sorted(d for d in sc.days if not cal.is_working(d)),
                days_skipped=[
                    d for d in cal.days if min(sc.days) < d < max(sc.days) and d not in set(sc.days)
                ],
            )
        )
    return sorted(out, key=lambda a: (a.first_day, a.id))


def review(session: Session, actor: Actor, scenario_id: str) -> CalendarReview:
    """The scenario's calendar state and the classes its plan must move because of it."""
    _, scenario = load(session, actor, scenario_id)
    found = plans.list_summaries(session, actor, scenario_id)
    chosen = next((p for p in found if p.status == "published"), found[-1] if found else None)
    affected: list[AffectedClass] = []
    fixed_by = None
    if chosen is not None:
        affected = affected_classes(scenario, plans.load(session, actor, chosen.id)[1])
        newest = found[-1]
        if affected and newest.id != chosen.id:
            draft = plans.load(session, actor, newest.id)[1]
            fixed_by = None if affected_classes(scenario, draft) else newest
    return CalendarReview(
        provisional_years=list(scenario_calendar(scenario).provisional_years),
        announced_years=sorted(announced_years(scenario)),
        plan=chosen,
        affected=affected,
        fixed_by=fixed_by,
        notices=entered_notices(scenario),
    )


def _refuse_outside(days: OfficialDays) -> None:
    problems = [
        Problem(f"{name}[{i}]", f"{day} is not in {days.year}")
        for name, listed in (("holidays", days.holidays), ("workdays", days.workdays))
        for i, day in enumerate(listed)
        if day.year != days.year
    ]
    problems += [
        Problem(f"workdays[{i}]", f"{day} is not a Saturday or Sunday")
        for i, day in enumerate(days.workdays)
        if day.weekday() < 5
    ]
    if problems:
        detail = "; ".join(f"{p.path}: {p.message}" for p in problems)
        raise Invalid(detail, problems, kind="invalid-request")


# Where the scenario keeps each entered notice (``x``), so entering a year again replaces it.
NOTICES = "official_notices"


def entered_notices(scenario: Scenario) -> dict[int, OfficialDays]:
    """The notices entered so far, by year (what the page shows and a new entry replaces)."""
    raw = (scenario.x or {}).get(NOTICES, {})
    found: dict[int, OfficialDays] = {}
    for key, entry in raw.items() if isinstance(raw, dict) else ():
        if not (str(key).isdigit() and isinstance(entry, dict)):
            continue
        found[int(key)] = OfficialDays(
            int(key), _dates(entry.get("holidays")), _dates(entry.get("workdays"))
        )
    return dict(sorted(found.items()))


def _dates(raw: object) -> list[dt.date]:
    # Written by ``with_official_days`` as ISO dates; anything else is not ours and is skipped.
    days = []
    for item in raw if isinstance(raw, list) else []:
        try:
            days.append(dt.date.fromisoformat(str(item)))
        except ValueError:
            continue
    return days


def with_official_days(scenario: Scenario, days: OfficialDays) -> Scenario:
    """The scenario with a year's official days in its calendar and the year announced.

    A notice entered before for the same year is taken back first, so entering the year
    again corrects a wrong date instead of adding to it. Days listed otherwise (a
    coordinator's local closures) stay; an entered holiday wins over an adjusted working day
    listed before for the same date, and the other way round.
    """
    before = entered_notices(scenario).get(days.year, OfficialDays(days.year, [], []))
    holidays = set(scenario.calendar.holidays) - set(before.holidays)
    workdays = set(scenario.calendar.workdays) - set(before.workdays)
    holidays = holidays - set(days.workdays) | set(days.holidays)
    workdays = workdays - set(days.holidays) | set(days.workdays)
    calendar = scenario.calendar.model_copy(
        update={"holidays": sorted(holidays), "workdays": sorted(workdays)}
    )
    x = dict(scenario.x or {})
    x[ANNOUNCED_YEARS] = sorted(announced_years(scenario) | {days.year})
    notices = {str(year): _as_json(notice) for year, notice in entered_notices(scenario).items()}
    notices[str(days.year)] = _as_json(days)
    x[NOTICES] = notices
    return scenario.model_copy(update={"calendar": calendar, "x": x})


def _as_json(days: OfficialDays) -> dict[str, list[str]]:
    return {
        "holidays": [d.isoformat() for d in sorted(set(days.holidays))],
        "workdays": [d.isoformat() for d in sorted(set(days.workdays))],
    }


def enter_official_days(
    session: Session, actor: Actor, scenario_id: str, days: OfficialDays, if_match: str | None
) -> ScenarioSummary:
    """Store a year's official notice in the scenario: its days stop being provisional."""
    row, scenario = load(session, actor, scenario_id, "planner")
    check_if_match(if_match, scenario_etag(row))
    _refuse_outside(days)
    return summary(save(session, actor, row, with_official_days(scenario, days)))


def replan_affected(
    session: Session,
    actor: Actor,
    plan_id: str,
    settings: Settings,
    if_match: str | None = None,
) -> replan.ReplanOutcome:
    """A new draft plan that moves only the classes the calendar broke and keeps the rest."""
    return replan.replan_plan(session, actor, plan_id, [], (None, 0), settings, if_match)
