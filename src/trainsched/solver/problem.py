"""The solver's own domain model: integer indices in working-day space, built once per scenario."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from trainsched.formats import Message
from trainsched.formats.common import unavailable_dates
from trainsched.formats.scenario import Cohort, Course, Scenario
from trainsched.solver.pins import pin_problem, pinned_starts, provider_pin_problem
from trainsched.workcal import WorkingCalendar

NO_FUND = -1


@dataclass(frozen=True)
class TrainerP:
    """A trainer: home region, regions served, qualifications, own absences, day caps."""

    index: int
    id: str
    region: str
    serves: frozenset[str]
    quals: frozenset[str]
    away: frozenset[int]
    month_cap: int | None
    total_cap: int | None
    providers: frozenset[str] = frozenset()  # empty: the shared pool
    name: str = ""  # for reasons people read

    def teaches_for(self, provider: str | None) -> bool:
        """Rule 7: may teach a class of ``provider`` (its own institution's, or shared)."""
        return provider is None or not self.providers or provider in self.providers


@dataclass(frozen=True)
class VenueP:
    """A venue: region, seats, daily cost, whether it is a free incubation base, closures."""

    index: int
    id: str
    region: str
    capacity: int
    daily_cost: int
    incubator: bool
    closed: frozenset[int]
    provider: str | None = None  # the institution owning the room; None: public
    name: str = ""


@dataclass(frozen=True)
class FundP:
    """A subsidy fund and its amount."""

    index: int
    id: str
    amount: int
    name: str = ""


@dataclass(frozen=True)
class CohortP:
    """A requested class with everything that does not depend on other classes."""

    index: int
    id: str
    course: str
    qual: str
    region: str
    venue_regions: tuple[str, ...]
    length: int
    max_span: int | None
    size: int
    value: int
    cost: int
    required: int
    priority: int
    window: tuple[dt.date, dt.date]
    starts: tuple[int, ...]
    funds: tuple[int, ...]
    venues: tuple[int, ...]
    trainers: tuple[int, ...]
    pinned_trainers: tuple[int, ...]
    pinned: bool
    pin_problem: Message | None  # why the pins cannot be kept, found before any search
    provider: str | None = None  # the institution that applied for the class
    provider_name: str = ""
    # Rule 7 relaxed, for reasons: qualified trainers serving its districts and rooms seating
    # it that the class may not use because they are another institution's.
    barred_trainers: tuple[int, ...] = ()
    barred_venues: tuple[int, ...] = ()

    def fund_at(self, start: int) -> int:
        """The fund charged when the class starts at working-day ``start`` (or NO_FUND)."""
        return self.funds[self.starts.index(start)]


@dataclass(frozen=True)
class Problem:
    """A scenario in integer form: days, months, trainers, venues, funds and cohorts."""

    name: str
    days: tuple[dt.date, ...]
    month_of_day: tuple[int, ...]
    months: tuple[tuple[int, int], ...]
    trainers: tuple[TrainerP, ...]
    venues: tuple[VenueP, ...]
    funds: tuple[FundP, ...]
    cohorts: tuple[CohortP, ...]
    provisional_years: tuple[int, ...] = ()  # years planned before their official notice
    # District id → name: reasons name districts as people know them (西江县, not R05).
    region_names: tuple[tuple[str, str], ...] = ()

    @cached_property
    def _region_name_of(self) -> dict[str, str]:
        return dict(self.region_names)

    def region_name(self, region: str) -> str:
        """A district's name (its id when the scenario names none)."""
        return self._region_name_of.get(region, region)

    @property
    def n_days(self) -> int:
        """Number of working days in the horizon."""
        return len(self.days)

    @cached_property
    def month_start(self) -> tuple[int, ...]:
        """First working-day index of each month, then ``n_days`` (so month m is [m], [m+1])."""
        mo = self.month_of_day
        firsts = [d for d in range(self.n_days) if d == 0 or mo[d - 1] != mo[d]]
        return (*firsts, self.n_days)

    def block_dates(self, start: int, length: int) -> list[dt.date]:
        """The dates of a block of working days."""
        return list(self.days[start : start + length])

    @cached_property
    def _month_days_memo(self) -> dict[tuple[int, int], Mapping[int, int]]:
        return {}

    @cached_property
    def _month_table_memo(self) -> dict[tuple[int, int], list[int]]:
        return {}

    def month_days(self, start: int, length: int) -> Mapping[int, int]:
        """How many days of a block fall in each month (month index → days)."""
        # Model building asks this for every start of every class in every round: memoised.
        key = (start, length)
        if key not in self._month_days_memo:
            out: dict[int, int] = {}
            for i in range(start, start + length):
                m = self.month_of_day[i]
                out[m] = out.get(m, 0) + 1
            self._month_days_memo[key] = out
        return self._month_days_memo[key]

    def month_table(self, length: int, month: int) -> list[int]:
        """Per start day, the days of a block of ``length`` in ``month`` (0 past the horizon)."""
        key = (length, month)
        if key not in self._month_table_memo:
            n = self.n_days
            self._month_table_memo[key] = [
                self.month_days(s, length).get(month, 0) if s + length <= n else 0 for s in range(n)
            ]
        return self._month_table_memo[key]

    def cohort_by_id(self) -> dict[str, int]:
        """Cohort id → index."""
        return {c.id: c.index for c in self.cohorts}


def _value(scenario: Scenario, cohort: Cohort) -> int:
    weights = sum(n * scenario.groups[g].weight for g, n in cohort.trainees.items())
    return cohort.priority * weights


def _cost(scenario: Scenario, cohort: Cohort, course: Course) -> int:
    subsidised = sum(n for g, n in cohort.trainees.items() if scenario.groups[g].subsidised)
    return course.subsidy_per_trainee * subsidised


def _window_starts(cal: WorkingCalendar, cohort: Cohort, course: Course) -> list[int]:
    days, n = cal.days, course.days
    out: list[int] = []
    for s in range(cal.next_on_or_after(cohort.earliest), len(days) - n + 1):
        first, last = days[s], days[s + n - 1]
        if last > cohort.latest_end:
            break
        if course.max_span_days is None or (last - first).days + 1 <= course.max_span_days:
            out.append(s)
    return out


def _trainer(i: int, scenario: Scenario, cal: WorkingCalendar) -> TrainerP:
    t = scenario.trainers[i]
    away = unavailable_dates(t.unavailable)
    idx = frozenset(k for k, d in enumerate(cal.days) if d in away)
    return TrainerP(
        i, t.id, t.region, frozenset(t.served_regions), frozenset(t.qualifications), idx,
        t.max_days_per_month, t.max_days_total, frozenset(t.providers or ()), t.name,
    )  # fmt: skip


def _venue(i: int, scenario: Scenario, cal: WorkingCalendar) -> VenueP:
    v = scenario.venues[i]
    closed = unavailable_dates(v.unavailable)
    idx = frozenset(k for k, d in enumerate(cal.days) if d in closed)
    incubator = v.kind is not None and "incubat" in v.kind.lower()
    return VenueP(i, v.id, v.region, v.capacity, v.daily_cost, incubator, idx, v.provider, v.name)


def _cohort(
    i: int, scenario: Scenario, cal: WorkingCalendar, trainers: tuple[TrainerP, ...]
) -> CohortP:
    c = scenario.cohorts[i]
    course = next(x for x in scenario.courses if x.id == c.course)
    starts = pinned_starts(cal, c, course.days, _window_starts(cal, c, course))
    funds = tuple(
        next(
            (f for f, fd in enumerate(scenario.funds) if fd.covers(c.region, cal.days[s])), NO_FUND
        )
        for s in starts
    )
    regions = tuple(c.allowed_venue_regions)
    pin = c.pinned
    seats = [
        k
        for k, v in enumerate(scenario.venues)
        if v.region in regions
        and v.capacity >= c.size
        and (pin is None or pin.venue in (None, v.id))
    ]
    venues = tuple(k for k in seats if scenario.venues[k].open_to(c.provider))
    qual = course.qualification_tag
    able = [t for t in trainers if qual in t.quals and t.serves.intersection(regions)]
    cands = tuple(t.index for t in able if t.teaches_for(c.provider))
    pinned_ids = set(pin.trainers or []) if pin is not None else set()
    pinned_tr = tuple(t.index for t in trainers if t.id in pinned_ids)
    provider = scenario.provider_of(c)
    problem = provider_pin_problem(scenario, c, provider) or pin_problem(
        c, starts, course, qual, pinned_tr, cands
    )
    return CohortP(
        index=i, id=c.id, course=course.id, qual=qual, region=c.region, venue_regions=regions,
        length=course.days, max_span=course.max_span_days, size=c.size,
        value=_value(scenario, c), cost=_cost(scenario, c, course),
        required=course.trainers_required, priority=c.priority, window=(c.earliest, c.latest_end),
        starts=tuple(starts), funds=funds, venues=venues, trainers=cands,
        pinned_trainers=pinned_tr, pinned=pin is not None, pin_problem=problem,
        provider=c.provider, provider_name=provider.name if provider else "",
        barred_trainers=tuple(t.index for t in able if t.index not in cands),
        barred_venues=tuple(k for k in seats if k not in venues),
    )  # fmt: skip


def build_problem(scenario: Scenario, cal: WorkingCalendar) -> Problem:
    """Turn a validated scenario and its calendar into the solver's integer model."""
    month_keys = sorted({(d.year, d.month) for d in cal.days})
    month_index = {k: i for i, k in enumerate(month_keys)}
    trainers = tuple(_trainer(i, scenario, cal) for i in range(len(scenario.trainers)))
    venues = tuple(_venue(i, scenario, cal) for i in range(len(scenario.venues)))
    funds = tuple(FundP(i, f.id, f.amount, f.name or f.id) for i, f in enumerate(scenario.funds))
    cohorts = tuple(_cohort(i, scenario, cal, trainers) for i in range(len(scenario.cohorts)))
    return Problem(
        name=scenario.name,
        days=cal.days,
        month_of_day=tuple(month_index[(d.year, d.month)] for d in cal.days),
        months=tuple(month_keys),
        trainers=trainers,
        venues=venues,
        funds=funds,
        cohorts=cohorts,
        provisional_years=cal.provisional_years,
        region_names=tuple((r.id, r.name) for r in scenario.regions),
    )
