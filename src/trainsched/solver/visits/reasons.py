"""Why a request got fewer visits than asked: computed from the data, in Chinese and English."""

from __future__ import annotations

import datetime as dt

from trainsched.formats import Message
from trainsched.formats.readable import date_range, several
from trainsched.formats.words import topic_words
from trainsched.geo import round_trip_km
from trainsched.solver.visits.daysched import pack
from trainsched.solver.visits.problem import VisitProblem


def _window(prob: VisitProblem, r: int) -> Message:
    req = prob.reqs[r]
    return date_range(dt.date.fromordinal(req.lo), dt.date.fromordinal(req.hi))


def window_max(prob: VisitProblem, r: int) -> int:
    """Visits the window holds at most, by working days and gap alone."""
    return pack(prob.window(r), prob.reqs[r].gap, [])


def reach_max(prob: VisitProblem, r: int) -> int:
    """Visits the window holds at most on days some mentor in reach with the topic is free."""
    mentors = [prob.mentors[m] for m, _ in prob.cands[r]]
    days = [d for d in prob.window(r) if any(d in mt.free for mt in mentors)]
    return pack(days, prob.reqs[r].gap, [])


def _no_reach(prob: VisitProblem, r: int) -> Message:
    tag = prob.reqs[r].topic
    topic = topic_words(tag)
    holders = prob.topic_count.get(tag, 0)
    if holders == 0:
        return Message(
            f"导师库中没有具备「{topic.zh}」专长的导师",
            f"none of the mentors has the topic {topic.en}",
        )
    point = prob.reqs[r].point
    trip, limit = min(
        (round_trip_km(m.home, [point]), m.km_limit or 0.0) for m in prob.mentors if tag in m.topics
    )
    return Message(
        f"没有可达的具备「{topic.zh}」专长的导师：{holders}位具备该专长，"
        f"最近的往返{trip:.0f}公里，超过其每日上限{limit:g}公里",
        f"no mentor with topic {topic.en} within reach: {several(holders, 'mentor')} with "
        f"the topic, the nearest round trip is {trip:.0f} km, over that mentor's daily limit of "
        f"{limit:g} km",
    )


def reason(prob: VisitProblem, r: int, got: int) -> Message:
    """The reason for ``r`` getting ``got`` visits, fewer than it asked."""
    req = prob.reqs[r]
    if not prob.cands[r]:
        return _no_reach(prob, r)
    window, topic = _window(prob, r), topic_words(req.topic)
    most = window_max(prob, r)
    if most < req.want and got >= most:
        return Message(
            f"时间窗口{window.zh}太短：间隔{req.gap}天最多安排{most}次，不够{req.want}次",
            f"the window {window.en} is too short for {req.want} visits with a gap of "
            f"{several(req.gap, 'day')} (at most {most} fit)",
        )
    who = _mentors(len(prob.cands[r]), topic)
    most = reach_max(prob, r)
    if most == 0:
        return Message(
            f"{who.zh}在{window.zh}都没有空闲日（不可用或授课），本次需要{req.want}次",
            f"{who.en} no free day in {window.en} (unavailable or teaching); "
            f"{several(req.want, 'visit')} asked",
        )
    if most < req.want and got >= most:
        return Message(
            f"{who.zh}在{window.zh}已排满：不可用或授课，空闲日最多容纳{most}次，不够{req.want}次",
            f"{who.en} no room in {window.en}: unavailable or teaching, their free days hold "
            f"at most {most} of {several(req.want, 'visit')}",
        )
    return Message(
        f"{who.zh}在{window.zh}已排满（每日/每周走访上限、每日里程上限），还差{req.want - got}次",
        f"{who.en} no room in {window.en} (visits per day/week, km per day): "
        f"{req.want - got} of {several(req.want, 'visit')} short",
    )


def _mentors(k: int, topic: Message) -> Message:
    """The mentors in reach with the topic, as a subject: "the mentor … has" / "all 3 … have"."""
    who = f"with topic {topic.en} within reach"
    en = f"the one mentor {who} has" if k == 1 else f"all {k} mentors {who} have"
    return Message(f"具备「{topic.zh}」专长且可达的{k}位导师", en)
