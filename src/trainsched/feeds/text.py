"""The Chinese text of event descriptions, with personal data only where it belongs."""

from __future__ import annotations

from trainsched.feeds.events import ClassDayInfo, FeedEvent, VisitInfo
from trainsched.feeds.slots import VISIT_SLOTS
from trainsched.feeds.subjects import Audience, feed_key
from trainsched.formats.words import topic_words


def class_url(base_url: str, cohort_id: str) -> str:
    """The public page of one class."""
    return f"{base_url.rstrip('/')}/classes/{cohort_id}"


def description(event: FeedEvent, audience: Audience, base_url: str) -> str:
    """The DESCRIPTION of an event as seen in this audience's feed."""
    if isinstance(event.info, ClassDayInfo):
        return _class_day(event, event.info, audience, base_url)
    return _visit(event, event.info, audience)


def _hours(event: FeedEvent) -> str:
    return f"{event.start:%H:%M}–{event.end:%H:%M}"


def _class_day(event: FeedEvent, info: ClassDayInfo, audience: Audience, base_url: str) -> str:
    if audience.is_person:
        others = [name for tid, name in info.trainers if tid not in audience.trainer_ids]
        trainers = f"同班讲师：{'、'.join(others) or '无'}"
    else:
        trainers = f"讲师：{'、'.join(name for _, name in info.trainers)}"
    # Class ids are for staff (trainers, venues, coordinators); trainees have the page link.
    day = f"第{info.day}天/共{info.days}天"
    lines = [
        f"课程：{info.course}",
        day if audience.public else f"班级：{info.cohort_id}（{day}）",
        trainers,
        f"学员：{info.trainees} 人",
        f"班级页面：{class_url(base_url, info.cohort_id)}",
    ]
    return "\n".join(lines)


def _visit(event: FeedEvent, info: VisitInfo, audience: Audience) -> str:
    slot = min(info.order, len(VISIT_SLOTS))
    lines = [
        f"创业者：{info.entrepreneur}",
        f"重点群体：{info.group}",
        f"辅导方向：{topic_words(info.topic).zh}",
        f"第{info.ordinal}次走访/共{info.asked}次",
        f"时段：当天第{info.order}个走访，第{slot}时段 {_hours(event)}",
    ]
    # The founder's address and contact are for the visiting mentor only, never anyone else.
    if feed_key("mentor", info.mentor_id) in audience.keys:
        if info.address:
            lines.append(f"地址：{info.address}")
        if info.contact:
            lines.append(f"联系方式：{info.contact}")
        if info.map_url:
            lines.append(f"地图：{info.map_url}")
    return "\n".join(lines)
