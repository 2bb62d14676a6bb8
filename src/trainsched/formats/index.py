"""A scenario's objects by id, for readers that join a plan to its scenario."""

from __future__ import annotations

from trainsched.formats.scenario import (
    Cohort,
    Course,
    Fund,
    Mentor,
    Region,
    Scenario,
    Trainer,
    Venue,
    VisitRequest,
)


class ScenarioIndex:
    """Each list of a scenario keyed by id, built once.

    Readers (the checker, the feeds) look references up here; one that does not resolve is
    simply missing, never an error, since a plan may name what an edited scenario dropped.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.courses: dict[str, Course] = {c.id: c for c in scenario.courses}
        self.cohorts: dict[str, Cohort] = {c.id: c for c in scenario.cohorts}
        self.trainers: dict[str, Trainer] = {t.id: t for t in scenario.trainers}
        self.venues: dict[str, Venue] = {v.id: v for v in scenario.venues}
        self.mentors: dict[str, Mentor] = {m.id: m for m in scenario.mentors}
        self.requests: dict[str, VisitRequest] = {r.id: r for r in scenario.visit_requests}
        self.funds: dict[str, Fund] = {f.id: f for f in scenario.funds}
        self.regions: dict[str, Region] = {r.id: r for r in scenario.regions}
