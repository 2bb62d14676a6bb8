"""Facts for the plain-language page: the published courses with their days and subsidy."""

from __future__ import annotations

from typing import Final

from pydantic import BaseModel, ConfigDict

from trainsched.memo import Shelf
from trainsched.services.publications import Publications, PublishedKey


class CourseFact(BaseModel):
    """One course as the city runs it: how long, which hours, how much is paid per trainee."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    days: int
    hours_start: str
    hours_end: str
    subsidy_per_trainee: int


Keys = tuple[PublishedKey, ...]
_FACTS: Final = Shelf[Keys, tuple[CourseFact, ...]]("course-facts", 4)


def _build(publications: Publications, keys: Keys) -> tuple[CourseFact, ...]:
    seen: dict[str, CourseFact] = {}
    for key in keys:
        for c in publications.published(key).scenario.courses:
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
    return tuple(seen.values())


def course_facts(publications: Publications) -> tuple[Keys, tuple[CourseFact, ...]]:
    """The courses of the published plans (the first city's terms when several differ)."""
    keys = publications.current_keys()
    return keys, publications.memo(_FACTS).get_or_make(keys, lambda: _build(publications, keys))
