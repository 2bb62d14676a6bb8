"""Pinned parts of a class: the starts they leave, and why they cannot be kept (before search)."""

from __future__ import annotations

from trainsched.formats import Message
from trainsched.formats.readable import names
from trainsched.formats.scenario import Cohort, Course, Provider, Scenario
from trainsched.workcal import WorkingCalendar

# Pin problems of rule 7 name their rule themselves; the others are rules 1 and 3.
RULE_7 = Message("（规则7：机构的讲师和场地）", " (rule 7: the institution's trainers and rooms)")


def pinned_starts(cal: WorkingCalendar, cohort: Cohort, n: int, starts: list[int]) -> list[int]:
    pin = cohort.pinned
    if pin is None or not pin.days:
        return starts
    first = cal.index_of(min(pin.days))
    if first is None or first not in starts:
        return []
    if sorted(pin.days) != list(cal.days[first : first + n]):
        return []
    return [first]


def pin_problem(
    cohort: Cohort, starts: list[int], course: Course, qual: str, pinned: tuple[int, ...],
    cands: tuple[int, ...],
) -> Message | None:  # fmt: skip
    pin, cid = cohort.pinned, cohort.id
    if pin is None:
        return None
    if pin.days and not starts:
        return Message(
            f"{cid}的固定日期不是窗口内连续{course.days}个工作日",
            f"pinned days of {cid} are not {course.days} consecutive working days in its window",
        )
    if len(pinned) > course.trainers_required:
        return Message(
            f"{cid}固定的讲师多于所需人数", f"more trainers pinned on {cid} than it needs"
        )
    if any(t not in cands for t in pinned):
        return Message(
            f"{cid}固定的讲师不具备{qual}资格或不服务该区",
            f"a trainer pinned on {cid} lacks {qual} or does not serve its districts",
        )
    return None


def provider_pin_problem(
    scenario: Scenario, cohort: Cohort, provider: Provider | None
) -> Message | None:
    """A pinned trainer or venue that rule 7 bars from the institution's class."""
    pin = cohort.pinned
    if pin is None or provider is None:
        return None
    cid, name = cohort.id, provider.name
    pinned = pin.trainers or ()
    barred = names(
        [t.name for t in scenario.trainers if t.id in pinned and not t.teaches_for(provider.id)]
    )
    if barred.zh:
        return Message(
            f"{cid}固定的讲师{barred.zh}不是{name}或共享讲师库的讲师{RULE_7.zh}",
            f"trainer(s) {barred.en} pinned on {cid} teach neither for {name} nor for "
            f"the shared pool{RULE_7.en}",
        )
    room = next((v for v in scenario.venues if v.id == pin.venue), None)
    if room is not None and not room.open_to(provider.id):
        return Message(
            f"{cid}固定的场地{room.name}属于其他机构，{name}不能使用{RULE_7.zh}",
            f"venue {room.name} pinned on {cid} belongs to another institution, not to {name}"
            f"{RULE_7.en}",
        )
    return None
