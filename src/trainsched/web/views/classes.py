"""Public class cards: what a trainee may see of a published class, and nothing personal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import ClassVar, Final
from urllib.parse import quote
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from trainsched.formats import Plan, Scenario
from trainsched.geo import map_link
from trainsched.memo import Shelf
from trainsched.services.publications import (
    Publications,
    Published,
    PublishedClass,
    PublishedKey,
    PublishedVenue,
    published_classes,
)
from trainsched.web.i18n import N_

# Key groups in the order the notice names them; "other" last.
GROUP_ORDER = ("graduate", "migrant", "hardship", "other")


# Names the demo and the default groups use, so English pages can translate them.
DATA_TEXTS = (
    N_("高校毕业生"),
    N_("返乡入乡农民工"),
    N_("就业困难人员"),
    N_("其他人员"),
    N_("GYB 产生你的企业想法"),
    N_("SYB 创办你的企业"),
    N_("IYB 改善你的企业"),
    N_("EYB 扩大你的企业"),
    N_("网络创业培训"),
    N_("创业模拟实训"),
)


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class Place(PublishedVenue):
    """Where a class is held: a public venue, never a person's address."""

    @property
    def map_url(self) -> str | None:
        """A plain link to the venue on a map app (nothing is loaded by the page itself)."""
        if self.lat is None or self.lon is None:
            return None
        return map_link(self.lat, self.lon, self.name)


class GroupSeats(_View):
    """How many places of a class are planned for one key group."""

    id: str
    name: str
    seats: int


class ClassCard(PublishedClass):
    """One published class as a trainee sees it: its public facts, and where it is listed."""

    scenario_id: str
    venue: Place
    groups: tuple[GroupSeats, ...]
    timezone: str  # the scenario's: its dates are local dates there

    @property
    def url(self) -> str:
        """The class page."""
        return f"/classes/{quote(self.scenario_id)}/{quote(self.id)}"

    @property
    def first_day(self) -> dt.date:
        """The first teaching day."""
        return self.days[0]

    @property
    def last_day(self) -> dt.date:
        """The last teaching day."""
        return self.days[-1]

    @property
    def month(self) -> str:
        """The month it starts in, ``YYYY-MM``."""
        return self.first_day.strftime("%Y-%m")

    def ended(self, now: dt.datetime) -> bool:
        """Whether its last teaching day is over, in the scenario's own timezone."""
        return self.last_day < self._today(now)

    def enrol_closed(self, now: dt.datetime) -> bool:
        """Whether its enrolment deadline has passed, in the scenario's own timezone."""
        return self.enrol_closes < self._today(now)

    def _today(self, now: dt.datetime) -> dt.date:
        return now.astimezone(ZoneInfo(self.timezone)).date()

    @property
    def provider_id(self) -> str | None:
        """The institution that runs it, for the list's filter."""
        return self.provider.id if self.provider else None

    def has_group(self, group: str) -> bool:
        """Whether the class has places for this key group."""
        return any(g.id == group for g in self.groups)


class Option(_View):
    """One choice of a filter."""

    value: str
    label: str


class District(_View):
    """A district with the point distances are measured from."""

    id: str
    name: str
    lat: float | None
    lon: float | None


class Catalog(_View):
    """Every published class, with the choices the filters offer."""

    classes: tuple[ClassCard, ...]
    districts: tuple[District, ...]
    courses: tuple[Option, ...]
    groups: tuple[Option, ...]
    providers: tuple[Option, ...] = ()
    # When any of its publications last changed (``Last-Modified`` of pages built from it).
    changed_at: dt.datetime = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

    EPOCH: ClassVar[dt.datetime] = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _groups(scenario: Scenario, trainees: Mapping[str, int]) -> tuple[GroupSeats, ...]:
    names = {g: v.name for g, v in scenario.groups.items()}
    order = [g for g in GROUP_ORDER if g in trainees] + sorted(set(trainees) - set(GROUP_ORDER))
    return tuple(
        GroupSeats(id=g, name=names.get(g, g), seats=trainees[g]) for g in order if trainees[g] > 0
    )


def class_cards(scenario_id: str, scenario: Scenario, plan: Plan) -> list[ClassCard]:
    """The public cards of a published plan's classes, by first day."""
    return [_card(scenario_id, scenario, found) for found in published_classes(scenario, plan)]


def _card(scenario_id: str, scenario: Scenario, found: PublishedClass) -> ClassCard:
    return ClassCard(
        **found.model_dump(),
        scenario_id=scenario_id,
        groups=_groups(scenario, found.trainees),
        timezone=scenario.timezone,
    )


def _districts(publications: list[Published]) -> tuple[District, ...]:
    seen: dict[str, District] = {}
    for pub in publications:
        for r in pub.scenario.regions:
            seen.setdefault(r.id, District(id=r.id, name=r.name, lat=r.lat, lon=r.lon))
    return tuple(sorted(seen.values(), key=lambda d: d.id))


def _group_options(publications: list[Published]) -> tuple[Option, ...]:
    seen: dict[str, str] = {}
    for pub in publications:
        for gid, group in pub.scenario.groups.items():
            if group.subsidised:
                seen.setdefault(gid, group.name)
    order = [g for g in GROUP_ORDER if g in seen] + sorted(set(seen) - set(GROUP_ORDER))
    return tuple(Option(value=g, label=seen[g]) for g in order)


def build_catalog(publications: list[Published]) -> Catalog:
    """Every class of every publication, with the filter choices they give."""
    classes: list[ClassCard] = []
    courses: dict[str, str] = {}
    for pub in publications:
        classes.extend(class_cards(pub.key.scenario_id, pub.scenario, pub.plan))
        for course in pub.scenario.courses:
            courses.setdefault(course.id, course.name)
    classes.sort(key=lambda c: (c.first_day, c.region, c.id))
    used = {c.course for c in classes}
    return Catalog(
        classes=tuple(classes),
        districts=_districts(publications),
        courses=tuple(Option(value=k, label=v) for k, v in courses.items() if k in used),
        groups=_group_options(publications),
        providers=_provider_options(classes),
        changed_at=max((p.changed_at for p in publications), default=Catalog.EPOCH),
    )


def _provider_options(classes: list[ClassCard]) -> tuple[Option, ...]:
    # Only institutions running a published class are offered, by name.
    seen = {c.provider.id: c.provider.name for c in classes if c.provider}
    return tuple(Option(value=k, label=v) for k, v in sorted(seen.items(), key=lambda kv: kv[1]))


CatalogKey = tuple[PublishedKey, ...]
_CATALOGS: Final = Shelf[CatalogKey, Catalog]("catalogs", 4)


def remembered_catalog(publications: Publications) -> tuple[CatalogKey, Catalog] | None:
    """The catalog of what is published now if looked up recently and built (no store access)."""
    keys = publications.remembered_keys()
    found = publications.memo(_CATALOGS).get(keys) if keys is not None else None
    return (keys, found) if keys is not None and found is not None else None


def current_catalog(publications: Publications) -> tuple[CatalogKey, Catalog]:
    """The catalog of what is published now (built once per set of publications), with its key."""
    keys = publications.current_keys()
    catalog = publications.memo(_CATALOGS).get_or_make(
        keys, lambda: build_catalog([publications.published(key) for key in keys])
    )
    return keys, catalog
