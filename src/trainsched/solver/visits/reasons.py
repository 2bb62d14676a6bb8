"""Why a request got fewer visits than asked: computed from the data, in Chinese and English."""

from __future__ import annotations

import datetime as dt

from trainsched.formats import Message
from trainsched.geo import round_trip_km
from trainsched.solver.visits.daysched import pack
from trainsched.solver.visits.problem import VisitProblem


def _window(prob: VisitProblem, r: int) -> tuple[str, str]:
    req = prob.reqs[r]
    return dt.date.fromordinal(req.lo).isoformat(), dt.date.fromordinal(req.hi).isoformat()


def window_max(prob: VisitProblem, r: int) -> int:
    """Visits the window holds at most, by working days and gap alone."""
    return pack(prob.window(r), prob.reqs[r].gap, [])


def reach_max(prob: VisitProblem, r: int) -> int:
    """Visits the window holds at most on days some mentor in reach with the topic is free."""
    mentors = [prob.mentors[m] for m, _ in prob.cands[r]]
    days = [d for d in prob.window(r) if any(d in mt.free for mt in mentors)]
    return pack(days, prob.reqs[r].gap, [])


def _no_reach(prob: VisitProblem, r: int) -> Message:
    topic = prob.reqs[r].topic
    holders = prob.topic_count.get(topic, 0)
    if holders == 0:
        return Message(
            f"没有具备「{topic}」专长的导师（导师库中 0 位）",
            f"no mentor with topic {topic} within reach (none of the mentors has it)",
        )
    point = prob.reqs[r].point
    trip, limit = min(
        (round_trip_km(m.home, [point]), m.km_limit or 0.0)
        for m in prob.mentors
        if topic in m.topics
    )
    return Message(
        f"没有可达的具备「{topic}」专长的导师：{holders} 位具备该专长，"
        f"最近的往返 {trip:.0f} 公里，超过其每日上限 {limit:g} 公里",
        f"no mentor with topic {topic} within reach: {holders} have the topic, "
        f"the nearest round trip is {trip:.0f} km, over that mentor's daily limit of "
        f"{limit:g} km",
    )


def reason(prob: VisitProblem, r: int, got: int) -> Message:
    """The reason for ``r`` getting ``got`` visits, fewer than it asked."""
    req = prob.reqs[r]
    if not prob.cands[r]:
        return _no_reach(prob, r)
    start, end = _window(prob, r)
    most = window_max(prob, r)
    if most < req.want and got >= most:
        return Message(
            f"时间窗口 {start} 至 {end} 太短：间隔 {req.gap} 天最多安排 {most} 次，"
            f"不够 {req.want} 次",
            f"window {start}..{end} too short for {req.want} visits with a gap of "
            f"{req.gap} days (at most {most} fit)",
        )
    k = len(prob.cands[r])
    most = reach_max(prob, r)
    if most < req.want and got >= most:
        return Message(
            f"具备「{req.topic}」专长且可达的 {k} 位导师在 {start} 至 {end} 期间已排满："
            f"不可用或授课，空闲日最多容纳 {most} 次，不够 {req.want} 次",
            f"all {k} mentors with topic {req.topic} within reach are full in the window "
            f"{start}..{end}: unavailable or teaching, their free days hold at most {most} "
            f"of {req.want} visits",
        )
    return Message(
        f"具备「{req.topic}」专长且可达的 {k} 位导师在 {start} 至 {end} 期间已排满"
        f"（每日/每周走访上限、每日里程上限），还差 {req.want - got} 次",
        f"all {k} mentors with topic {req.topic} within reach are full in the window "
        f"{start}..{end} (visits per day/week, km per day), {req.want - got} of "
        f"{req.want} visits short",
    )
