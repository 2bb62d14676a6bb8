"""Facts for the plain-language page: the published courses with their days and subsidy, and
the institutions where trainees enrol."""

from __future__ import annotations

from typing import Final

from pydantic import BaseModel, ConfigDict

from trainsched.formats import Plan, Scenario
from trainsched.memo import Shelf
from trainsched.services.publications import Publications, PublishedKey


class _Fact(BaseModel):
    model_config = ConfigDict(frozen=True)


class CourseFact(_Fact):
    """One course as the city runs it: how long, which hours, how much is paid per trainee."""

    id: str
    name: str
    days: int
    hours_start: str
    hours_end: str
    subsidy_per_trainee: int


class InstitutionFact(_Fact):
    """A training institution running published classes: its public enrolment office, the
    districts and courses of its published classes, and its enrolment note."""

    id: str
    name: str
    phone: str
    address: str
    enrol: str | None
    enrol_close_days: int
    districts: tuple[str, ...]
    courses: tuple[str, ...]


class AboutFacts(_Fact):
    """What the plain-language page names from the published plans."""

    courses: tuple[CourseFact, ...]
    institutions: tuple[InstitutionFact, ...]


Keys = tuple[PublishedKey, ...]
_FACTS: Final = Shelf[Keys, AboutFacts]("about-facts", 4)


def _courses(scenario: Scenario, seen: dict[str, CourseFact]) -> None:
    for c in scenario.courses:
        seen.setdefault(
            c.id,
            CourseFact(
                id=c.id,
                name=c.name,
                days=c.days,
                hours_start=c.hours.start,
                hours_end=c.hours.end,
                subsidy_per_trainee=c.subsidy_per_trainee,
            ),
        )


def _institutions(scenario: Scenario, plan: Plan, seen: dict[str, InstitutionFact]) -> None:
    # Only institutions with a published class are named, with where and what they teach.
    cohorts = {c.id: c for c in scenario.cohorts}
    regions = {r.id: r.name for r in scenario.regions}
    courses = {c.id: c.name for c in scenario.courses}
    taught: dict[str, tuple[set[str], set[str]]] = {}
    for scheduled in plan.cohorts:
        cohort = cohorts.get(scheduled.id)
        provider = scenario.provider_of(cohort) if cohort else None
        if cohort is None or provider is None:
            continue
        where, what = taught.setdefault(provider.id, (set(), set()))
        where.add(regions.get(cohort.region, cohort.region))
        what.add(courses.get(cohort.course, cohort.course))
    for p in scenario.providers:
        if p.id in taught and p.name not in seen:
            where, what = taught[p.id]
            seen[p.name] = InstitutionFact(
                id=p.id,
                name=p.name,
                phone=p.phone,
                address=p.address,
                enrol=p.enrol,
                enrol_close_days=p.enrol_close_days,
                districts=tuple(sorted(where)),
                courses=tuple(sorted(what)),
            )


def _build(publications: Publications, keys: Keys) -> AboutFacts:
    courses: dict[str, CourseFact] = {}
    institutions: dict[str, InstitutionFact] = {}
    for key in keys:
        published = publications.published(key)
        _courses(published.scenario, courses)
        _institutions(published.scenario, published.plan, institutions)
    return AboutFacts(
        courses=tuple(courses.values()),
        institutions=tuple(sorted(institutions.values(), key=lambda i: i.name)),
    )


def about_facts(publications: Publications) -> tuple[Keys, AboutFacts]:
    """The courses (the first city's terms when several differ) and the institutions of the
    published plans."""
    keys = publications.current_keys()
    return keys, publications.memo(_FACTS).get_or_make(keys, lambda: _build(publications, keys))
