"""The audit trail: every change recorded in the same transaction as the change itself.

A use case calls :func:`record` after its change is flushed and before the request's session
commits, so a change and its row are stored together or not at all: a refused or failed
write leaves no row. Reading the trail takes the publisher role (the people accountable for
what an office makes public) or admin, at the offices it covers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from sqlmodel import Session, col, select

from trainsched.formats import Problem
from trainsched.formats.message import Message
from trainsched.services import access
from trainsched.services.access import Actor
from trainsched.services.errors import Forbidden, Invalid
from trainsched.sheets import csv_cell
from trainsched.store import offices
from trainsched.store.office_tables import AuditRow

AuditKind = Literal[
    "scenario.created",
    "scenario.replaced",
    "scenario.deleted",
    "solve.started",
    "solve.cancelled",
    "plan.published",
    "plan.replanned",
    "feedlink.issued",
    "feedlink.revoked",
    "office.added",
    "user.added",
    "user.disabled",
    "user.rotated",
    "signin.failed",
]

KINDS: Final[dict[str, Message]] = {
    "scenario.created": Message("新建方案", "scenario created"),
    "scenario.replaced": Message("修改方案", "scenario changed"),
    "scenario.deleted": Message("删除方案", "scenario deleted"),
    "solve.started": Message("开始求解", "solve started"),
    "solve.cancelled": Message("取消求解", "solve cancelled"),
    "plan.published": Message("发布计划", "plan published"),
    "plan.replanned": Message("重新规划", "plan re-planned"),
    "feedlink.issued": Message("发放（更换）日历链接", "feed link issued (rotated)"),
    "feedlink.revoked": Message("停用日历链接", "feed links revoked"),
    "office.added": Message("新建单位", "office added"),
    "user.added": Message("新建用户", "user added"),
    "user.disabled": Message("停用用户", "user disabled"),
    "user.rotated": Message("更换用户令牌", "user's token rotated"),
    "signin.failed": Message("登录失败", "sign-in failed"),
}
# Who did it when it was not a signed-in user: the command line on the server (stored as no
# name, shown in the reader's language).
COMMAND_LINE: Final = Message("命令行", "command line")
READ_ROLE: Final = "publisher"
MAX_ROWS: Final = 5000


@dataclass(frozen=True)
class AuditEntry:
    """One recorded change as people read it."""

    at: dt.datetime
    user_name: Message
    office_id: str | None
    office_name: str
    kind: str
    what: Message
    object_id: str
    etag_before: str | None
    etag_after: str | None


def record(
    session: Session,
    kind: AuditKind,
    object_id: str,
    *,
    actor: Actor | None = None,
    office_id: str | None = None,
    etag_before: str | None = None,
    etag_after: str | None = None,
    user_name: str | None = None,
) -> AuditRow:
    """Add one row to the trail in the caller's transaction (committed with the change).

    ``actor`` is who did it; without one (the command line, a failed sign-in) ``user_name``
    says who, or who was claimed.
    """
    row = AuditRow(
        user_id=actor.user_id if actor else None,
        user_name=actor.name if actor else (user_name or ""),
        office_id=office_id,
        kind=kind,
        object_id=object_id,
        etag_before=etag_before,
        etag_after=etag_after,
    )
    session.add(row)
    session.flush()
    return row


def entries(
    session: Session,
    actor: Actor,
    office_id: str | None = None,
    since: dt.datetime | None = None,
) -> list[AuditEntry]:
    """The trail of an office and the offices below it (by default every office the actor
    may read it at), newest first, at most ``MAX_ROWS`` rows."""
    if since is not None and since.utcoffset() is None:
        raise Invalid(
            "since needs a timezone", [Problem("since", "add Z or an offset, e.g. +08:00")]
        )
    if office_id is not None:
        access.require(actor, office_id, READ_ROLE, "office", office_id)
        covered = set(offices.below(session, [office_id]))
    else:
        covered = {o for o in actor.office_ids if actor.may(o, READ_ROLE)}
        if not covered:
            raise Forbidden(
                Message(
                    "需要发布员或管理员角色才能查看操作记录。",
                    "reading the audit trail needs the publisher or admin role",
                )
            )
    query = select(AuditRow).where(col(AuditRow.office_id).in_(covered))
    if since is not None:
        query = query.where(col(AuditRow.at) >= since)
    rows = session.exec(query.order_by(col(AuditRow.at).desc()).limit(MAX_ROWS))
    names = {o.id: o.name for o in offices.list_offices(session)}
    return [_entry(row, names) for row in rows]


def _entry(row: AuditRow, names: dict[str, str]) -> AuditEntry:
    known = KINDS.get(row.kind)
    return AuditEntry(
        at=row.at,
        user_name=Message.same(row.user_name) if row.user_name else COMMAND_LINE,
        office_id=row.office_id,
        office_name=names.get(row.office_id or "", ""),
        kind=row.kind,
        what=known or Message.same(row.kind),
        object_id=row.object_id,
        etag_before=row.etag_before,
        etag_after=row.etag_after,
    )


CSV_HEADER: Final = ("时间 (UTC)", "用户", "单位", "操作", "类型", "对象", "修改前", "修改后")


def as_csv(found: Sequence[AuditEntry]) -> str:
    """The trail as CSV for a spreadsheet; every cell made safe from formula injection."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for e in found:
        cells = (
            e.at.isoformat(),
            e.user_name.zh,
            e.office_name,
            e.what.zh,
            e.kind,
            e.object_id,
            e.etag_before or "",
            e.etag_after or "",
        )
        writer.writerow([csv_cell(c) for c in cells])
    return out.getvalue()


__all__ = ["KINDS", "AuditEntry", "AuditKind", "as_csv", "entries", "record"]
