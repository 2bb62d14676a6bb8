"""What a lever says to a coordinator: names not ids, readable dates and money."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from trainsched.formats import Message, Scenario
from trainsched.formats.readable import date_range, money
from trainsched.solver.changes import (
    Change,
    CohortWindowChanged,
    CohortWithdrawn,
    FundChanged,
    TrainerAdded,
    VenueAdded,
)
from trainsched.workcal import scenario_calendar


def _region(scenario: Scenario, rid: str) -> str:
    return next((r.name for r in scenario.regions if r.id == rid), rid)


def _class_name(scenario: Scenario, cohort_id: str) -> Message:
    """A class as coordinators say it: 西江县SYB班（C0007）."""
    c = next(c for c in scenario.cohorts if c.id == cohort_id)
    region = _region(scenario, c.region)
    return Message(f"{region}{c.course}班（{c.id}）", f"the {c.course} class {c.id} in {region}")


def _range_of(unavailable: Sequence[object], scenario: Scenario) -> tuple[dt.date, dt.date]:
    # The proposed trainer or room is away before and after the class: its free days lie between.
    h = scenario.horizon
    first, last = h.start, h.end
    for item in unavailable:
        start, end = getattr(item, "start", None), getattr(item, "end", None)
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            if start == h.start:
                first = end + dt.timedelta(days=1)
            else:
                last = start - dt.timedelta(days=1)
    return first, last


def _trainers(scenario: Scenario, added: list[TrainerAdded]) -> Message:
    t = added[0].trainer
    region, when = _region(scenario, t.region), date_range(*_range_of(t.unavailable, scenario))
    n, q = len(added), t.qualifications[0]
    return Message(
        f"再有{n}名能在{region}授课的{q}讲师在{when.zh}有空",
        f"{n} more certified {q} trainer{'s' if n > 1 else ''} teaching in {region}, "
        f"free {when.en}",
    )


def _venue(scenario: Scenario, v: VenueAdded) -> Message:
    region = _region(scenario, v.venue.region)
    when = date_range(*_range_of(v.venue.unavailable, scenario))
    seats = v.venue.capacity
    return Message(
        f"{region}再有一间能容纳{seats}人的场地在{when.zh}可用",
        f"one more room for {seats} people in {region}, free {when.en}",
    )


def _fund(scenario: Scenario, ch: FundChanged) -> Message:
    f = next(f for f in scenario.funds if f.id == ch.fund_id)
    name, more, total = f.name or f.id, money(ch.amount - f.amount), money(ch.amount)
    return Message(
        f"给{name}增加{more.zh}（共{total.zh}）",
        f"{more.en} more in {name} ({total.en} in all)",
    )


def _window(scenario: Scenario, ch: CohortWindowChanged) -> Message:
    c = next(c for c in scenario.cohorts if c.id == ch.cohort_id)
    cal = scenario_calendar(scenario)
    widened = sum(
        1
        for n in range((ch.latest_end - ch.earliest).days + 1)
        if not c.earliest <= (d := ch.earliest + dt.timedelta(days=n)) <= c.latest_end
        and cal.is_working(d)
    )
    when = date_range(ch.earliest, ch.latest_end)
    return Message(
        f"把本班的时间放宽{widened}个工作日（{when.zh}）",
        f"widening this class's window by {widened} working days ({when.en})",
    )


def _drop(scenario: Scenario, ch: CohortWithdrawn) -> Message:
    other = _class_name(scenario, ch.cohort_id)
    return Message(
        f"只有取消价值较低的{other.zh}，才能安排本班",
        f"only by dropping {other.en} (worth less) could this class be placed",
    )


def _phrase(scenario: Scenario, first: Change, changes: Sequence[Change]) -> Message:
    if isinstance(first, TrainerAdded):
        return _trainers(scenario, [c for c in changes if isinstance(c, TrainerAdded)])
    if isinstance(first, VenueAdded):
        return _venue(scenario, first)
    if isinstance(first, FundChanged):
        return _fund(scenario, first)
    if isinstance(first, CohortWindowChanged):
        return _window(scenario, first)
    raise ValueError(f"no words for a lever made of {type(first).__name__}")


def lever_message(scenario: Scenario, changes: Sequence[Change]) -> Message:
    """The lever in words, from the changes it makes to ``scenario``."""
    if isinstance(changes[0], CohortWithdrawn):
        return _drop(scenario, changes[0])
    # New trainers come as several changes of one kind, said once.
    firsts = [c for i, c in enumerate(changes) if i == 0 or type(changes[i - 1]) is not type(c)]
    parts = [_phrase(scenario, c, changes) for c in firsts]
    en = " and ".join(p.en for p in parts)
    return Message(
        "，并且".join(p.zh for p in parts) + "，就能安排本班",
        en[:1].upper() + en[1:] + " would place this class",
    )
