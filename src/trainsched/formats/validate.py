"""The spec's cross-field rules: ids unique, references resolved, sizes, dates and funds sane."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence

from trainsched.formats.common import DateRange, Unavailable
from trainsched.formats.errors import Problem
from trainsched.formats.plan import Plan
from trainsched.formats.scenario import Cohort, Scenario


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def unique(self, name: str, ids: Sequence[str]) -> set[str]:
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                self.add(f"{name}[{i}].id", f"duplicate id {ident!r}")
            seen.add(ident)
        return seen

    def refs(self, path: str, values: Iterable[str], known: set[str], kind: str) -> None:
        for value in values:
            if value not in known:
                self.add(path, f"unknown {kind} {value!r}")

    def in_horizon(self, path: str, day: dt.date, scenario: Scenario) -> None:
        h = scenario.horizon
        if not h.start <= day <= h.end:
            self.add(path, f"{day} is outside the horizon {h.start}..{h.end}")

    def ordered(self, path: str, first: dt.date, last: dt.date, names: tuple[str, str]) -> None:
        if first > last:
            self.add(path, f"{names[0]} {first} is after {names[1]} {last}")


def _check_unavailable(c: _Collector, path: str, items: Unavailable) -> None:
    for i, item in enumerate(items):
        if isinstance(item, DateRange):
            c.ordered(f"{path}[{i}]", item.start, item.end, ("from", "to"))


def _check_header(c: _Collector, s: Scenario) -> None:
    try:
        zoneinfo.ZoneInfo(s.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        c.add("timezone", f"unknown IANA timezone {s.timezone!r}")
    c.ordered("horizon", s.horizon.start, s.horizon.end, ("start", "end"))
    if not s.courses:
        c.add("courses", "the course catalogue is empty")
    if not s.regions:
        c.add("regions", "no regions: at least one district is needed")
    if not s.groups:
        c.add("groups", "no key groups defined")


def _check_courses(c: _Collector, s: Scenario) -> None:
    for i, course in enumerate(s.courses):
        p = f"courses[{i}]"
        if course.min_size > course.max_size:
            c.add(f"{p}.min_size", f"min_size {course.min_size} exceeds max_size {course.max_size}")
        if course.max_span_days is not None and course.max_span_days < course.days:
            c.add(
                f"{p}.max_span_days", f"max_span_days {course.max_span_days} < days {course.days}"
            )
        if course.hours.start >= course.hours.end:
            c.add(f"{p}.hours", f"start {course.hours.start} is not before end {course.hours.end}")


def _check_cohort(
    c: _Collector, s: Scenario, i: int, cohort: Cohort, ids: dict[str, set[str]]
) -> None:
    p = f"cohorts[{i}]"
    courses = {co.id: co for co in s.courses}
    course = courses.get(cohort.course)
    if course is None:
        c.add(f"{p}.course", f"unknown course {cohort.course!r}")
    c.refs(f"{p}.region", [cohort.region], ids["regions"], "region")
    c.refs(f"{p}.venue_regions", cohort.venue_regions or [], ids["regions"], "region")
    for group in cohort.trainees:
        if group not in s.groups:
            c.add(f"{p}.trainees.{group}", f"unknown group {group!r}")
    if course is not None and not course.min_size <= cohort.size <= course.max_size:
        c.add(
            f"{p}.trainees",
            f"{cohort.size} trainees is outside {course.id}'s size "
            f"{course.min_size}..{course.max_size}",
        )
    c.in_horizon(f"{p}.earliest", cohort.earliest, s)
    c.in_horizon(f"{p}.latest_end", cohort.latest_end, s)
    c.ordered(p, cohort.earliest, cohort.latest_end, ("earliest", "latest_end"))
    if cohort.pinned is not None:
        pin = cohort.pinned
        for k, day in enumerate(pin.days or []):
            c.in_horizon(f"{p}.pinned.days[{k}]", day, s)
        if pin.venue is not None:
            c.refs(f"{p}.pinned.venue", [pin.venue], ids["venues"], "venue")
        c.refs(f"{p}.pinned.trainers", pin.trainers or [], ids["trainers"], "trainer")
    if cohort.provider is not None:
        _check_cohort_provider(c, s, p, cohort)


def _check_cohort_provider(c: _Collector, s: Scenario, p: str, cohort: Cohort) -> None:
    provider = s.provider_of(cohort)
    if provider is None:
        c.add(f"{p}.provider", f"unknown provider {cohort.provider!r}")
    elif not provider.runs(cohort.course, cohort.region):
        c.add(
            f"{p}.provider",
            f"provider {provider.id!r} is not designated for course {cohort.course!r} "
            f"in region {cohort.region!r}",
        )


def _check_providers(c: _Collector, s: Scenario, ids: dict[str, set[str]]) -> None:
    for i, pr in enumerate(s.providers):
        c.refs(f"providers[{i}].regions", pr.regions or [], ids["regions"], "region")
        c.refs(f"providers[{i}].courses", pr.courses or [], ids["courses"], "course")
    for i, t in enumerate(s.trainers):
        c.refs(f"trainers[{i}].providers", t.providers or [], ids["providers"], "provider")
    for i, v in enumerate(s.venues):
        if v.provider is not None:
            c.refs(f"venues[{i}].provider", [v.provider], ids["providers"], "provider")


def _check_people_and_places(c: _Collector, s: Scenario, ids: dict[str, set[str]]) -> None:
    regions = ids["regions"]
    for i, t in enumerate(s.trainers):
        c.refs(f"trainers[{i}].region", [t.region], regions, "region")
        c.refs(f"trainers[{i}].serves_regions", t.serves_regions or [], regions, "region")
        _check_unavailable(c, f"trainers[{i}].unavailable", t.unavailable)
    for i, v in enumerate(s.venues):
        c.refs(f"venues[{i}].region", [v.region], regions, "region")
        _check_unavailable(c, f"venues[{i}].unavailable", v.unavailable)
    for i, m in enumerate(s.mentors):
        c.refs(f"mentors[{i}].region", [m.region], regions, "region")
        if m.trainer is not None:
            c.refs(f"mentors[{i}].trainer", [m.trainer], ids["trainers"], "trainer")
        _check_unavailable(c, f"mentors[{i}].unavailable", m.unavailable)
    for i, r in enumerate(s.visit_requests):
        p = f"visit_requests[{i}]"
        c.refs(f"{p}.region", [r.region], regions, "region")
        if r.group not in s.groups:
            c.add(f"{p}.group", f"unknown group {r.group!r}")
        c.in_horizon(f"{p}.from", r.start, s)
        c.in_horizon(f"{p}.to", r.end, s)
        c.ordered(p, r.start, r.end, ("from", "to"))


def _check_funds(c: _Collector, s: Scenario, ids: dict[str, set[str]]) -> None:
    for i, f in enumerate(s.funds):
        c.refs(f"funds[{i}].regions", f.regions, ids["regions"], "region")
        c.ordered(f"funds[{i}]", f.start, f.end, ("from", "to"))
    for i, a in enumerate(s.funds):
        for j in range(i + 1, len(s.funds)):
            b = s.funds[j]
            shared = sorted(set(a.regions) & set(b.regions))
            if shared and a.start <= b.end and b.start <= a.end:
                c.add(
                    f"funds[{j}]",
                    f"scope overlaps fund {a.id!r} (funds[{i}]) in {', '.join(shared)} "
                    f"between {max(a.start, b.start)} and {min(a.end, b.end)}",
                )


def scenario_problems(s: Scenario) -> list[Problem]:
    """Every cross-field rule the scenario breaks (empty when it is valid)."""
    c = _Collector()
    _check_header(c, s)
    ids = {
        "regions": c.unique("regions", [r.id for r in s.regions]),
        "courses": c.unique("courses", [x.id for x in s.courses]),
        "providers": c.unique("providers", [x.id for x in s.providers]),
        "trainers": c.unique("trainers", [x.id for x in s.trainers]),
        "venues": c.unique("venues", [x.id for x in s.venues]),
        "cohorts": c.unique("cohorts", [x.id for x in s.cohorts]),
        "funds": c.unique("funds", [x.id for x in s.funds]),
        "mentors": c.unique("mentors", [x.id for x in s.mentors]),
        "visit_requests": c.unique("visit_requests", [x.id for x in s.visit_requests]),
    }
    _check_courses(c, s)
    _check_providers(c, s, ids)
    _check_people_and_places(c, s, ids)
    for i, cohort in enumerate(s.cohorts):
        _check_cohort(c, s, i, cohort, ids)
    _check_funds(c, s, ids)
    return c.problems


def plan_problems(plan: Plan, s: Scenario) -> list[Problem]:
    """References in a plan that do not resolve against its scenario."""
    c = _Collector()
    cohorts = {x.id for x in s.cohorts}
    venues = {x.id for x in s.venues}
    trainers = {x.id for x in s.trainers}
    mentors = {x.id for x in s.mentors}
    requests = {x.id for x in s.visit_requests}
    for i, sc in enumerate(plan.cohorts):
        c.refs(f"cohorts[{i}].id", [sc.id], cohorts, "cohort")
        c.refs(f"cohorts[{i}].venue", [sc.venue], venues, "venue")
        c.refs(f"cohorts[{i}].trainers", sc.trainers, trainers, "trainer")
    for i, v in enumerate(plan.visits):
        c.refs(f"visits[{i}].request", [v.request], requests, "visit request")
        c.refs(f"visits[{i}].mentor", [v.mentor], mentors, "mentor")
    for i, u in enumerate(plan.unscheduled_cohorts):
        c.refs(f"unscheduled_cohorts[{i}].id", [u.id], cohorts, "cohort")
    for i, uv in enumerate(plan.unscheduled_visits):
        c.refs(f"unscheduled_visits[{i}].request", [uv.request], requests, "visit request")
    funds = {f.id for f in s.funds}
    for i, fu in enumerate(plan.funds):
        c.refs(f"funds[{i}].id", [fu.id], funds, "fund")
    return c.problems
