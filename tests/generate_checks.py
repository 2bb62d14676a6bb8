"""Checks shared by the generator's tests (helpers, not tests)."""

from __future__ import annotations

from trainsched.formats import Scenario


def short_of_trainers(s: Scenario) -> list[str]:
    """Classes with fewer trainers than their course needs among those they may take:
    qualified, serving the class's district, of its institution or the shared pool (rule 7)."""
    courses = {c.id: c for c in s.courses}
    out = []
    for c in s.cohorts:
        course = courses[c.course]
        able = [
            t
            for t in s.trainers
            if c.region in t.served_regions
            and course.qualification_tag in t.qualifications
            and t.teaches_for(c.provider)
        ]
        if len(able) < course.trainers_required:
            out.append(c.id)
    return out
