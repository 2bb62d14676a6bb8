"""Facts for the plain-language page: the published courses with their days and subsidy."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine

from trainsched.web.views.published import Memo, PublicationKey, publication_keys, published


class CourseFact(BaseModel):
    """One course as the city runs it: how long, which hours, how much is paid per trainee."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    days: int
    hours_start: str
    hours_end: str
    subsidy_per_trainee: int


_facts: Memo[tuple[PublicationKey, ...], tuple[CourseFact, ...]] = Memo(4)


def _build(engine: Engine, keys: tuple[PublicationKey, ...]) -> tuple[CourseFact, ...]:
    seen: dict[str, CourseFact] = {}
    for key in keys:
        for c in published(engine, key).scenario.courses:
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


def course_facts(
    engine: Engine,
) -> tuple[tuple[PublicationKey, ...], tuple[CourseFact, ...]]:
    """The courses of the published plans (the first city's terms when several differ)."""
    keys = tuple(publication_keys(engine))
    return keys, _facts.get_or_make(keys, lambda: _build(engine, keys))
