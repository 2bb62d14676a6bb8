"""Find classes by district, course, month and key group; the nearest ones when none is close."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from trainsched.geo import great_circle_km
from trainsched.web.views.classes import Catalog, ClassCard, District

PAGE_SIZE = 20
NEAREST = 5
NEXT_IN_DISTRICT = 3
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class Filters(BaseModel):
    """What the trainee asked for; unknown or empty choices mean "any"."""

    model_config = ConfigDict(frozen=True)

    district: str | None = None
    course: str | None = None
    month: str | None = None
    group: str | None = None
    provider: str | None = None
    page: int = 1

    @classmethod
    def clean(
        cls,
        catalog: Catalog,
        district: str | None,
        course: str | None,
        month: str | None,
        group: str | None,
        page: int | None,
        provider: str | None = None,
    ) -> Filters:
        """Only choices the catalog offers are kept, so a stale or edited link still works."""
        return cls(
            district=district if district in {d.id for d in catalog.districts} else None,
            course=course if course in {c.value for c in catalog.courses} else None,
            month=month if month and _MONTH.match(month) else None,
            group=group if group in {g.value for g in catalog.groups} else None,
            provider=provider if provider in {p.value for p in catalog.providers} else None,
            page=max(1, page or 1),
        )

    @property
    def any(self) -> bool:
        """Whether any filter is chosen."""
        return any((self.district, self.course, self.month, self.group, self.provider))


class Near(BaseModel):
    """A class outside the chosen district and how far its venue is."""

    model_config = ConfigDict(frozen=True)

    card: ClassCard
    km: int


class Results(BaseModel):
    """One page of matching classes, and the fallbacks when none is in the district."""

    model_config = ConfigDict(frozen=True)

    total: int
    page: int
    pages: int
    classes: tuple[ClassCard, ...]
    district: District | None
    months: tuple[str, ...] = ()  # the month choices: months with classes not yet over
    nearest: tuple[Near, ...] = ()
    next_in_district: tuple[ClassCard, ...] = ()


def _matches(card: ClassCard, f: Filters, *, district: bool = True, month: bool = True) -> bool:
    return (
        (not district or f.district is None or card.region == f.district)
        and (f.course is None or card.course == f.course)
        and (not month or f.month is None or card.month == f.month)
        and (f.group is None or card.has_group(f.group))
        and (f.provider is None or card.provider_id == f.provider)
    )


def search(catalog: Catalog, f: Filters, now: dt.datetime) -> Results:
    """The classes matching every filter, a page at a time, with fallbacks for an empty district.

    Classes whose last day is over (``now``, in their scenario's timezone) are left out.
    """
    live = [c for c in catalog.classes if not c.ended(now)]
    found = [c for c in live if _matches(c, f)]
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(f.page, pages)
    district = next((d for d in catalog.districts if d.id == f.district), None)
    results = Results(
        total=len(found),
        page=page,
        pages=pages,
        classes=tuple(found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]),
        district=district,
        # The chosen month stays a choice, so the form shows what the list is filtered by.
        months=tuple(sorted({c.month for c in live} | ({f.month} if f.month else set()))),
    )
    if found or district is None:
        return results
    return results.model_copy(
        update={
            "nearest": nearest(live, catalog, f, district),
            "next_in_district": next_in_district(live, f),
        }
    )


def _distance(card: ClassCard, district: District, catalog: Catalog) -> float | None:
    if district.lat is None or district.lon is None:
        return None
    lat, lon = card.venue.lat, card.venue.lon
    if lat is None or lon is None:
        # A venue without coordinates counts from its district's centre.
        home = next((d for d in catalog.districts if d.id == card.region), None)
        lat, lon = (home.lat, home.lon) if home else (None, None)
    if lat is None or lon is None:
        return None
    return great_circle_km(district.lat, district.lon, lat, lon)


def nearest(
    classes: Sequence[ClassCard], catalog: Catalog, f: Filters, district: District
) -> tuple[Near, ...]:
    """The closest classes elsewhere matching the other filters (any month if none that month)."""
    for keep_month in (True, False):
        near = []
        for card in classes:
            if card.region == district.id or not _matches(
                card, f, district=False, month=keep_month
            ):
                continue
            km = _distance(card, district, catalog)
            if km is not None:
                near.append(Near(card=card, km=round(km)))
        if near:
            near.sort(key=lambda n: (n.km, n.card.first_day, n.card.id))
            return tuple(near[:NEAREST])
    return ()


def _month_start(month: str | None) -> dt.date | None:
    return dt.date.fromisoformat(f"{month}-01") if month else None


def next_in_district(classes: Sequence[ClassCard], f: Filters) -> tuple[ClassCard, ...]:
    """The district's next classes after the chosen month: same course and group, else any."""
    since = _month_start(f.month)
    in_district = [
        c for c in classes if c.region == f.district and (since is None or c.first_day >= since)
    ]
    same = [c for c in in_district if _matches(c, f, month=False)]
    return tuple((same or in_district)[:NEXT_IN_DISTRICT])
