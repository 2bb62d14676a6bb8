"""Why a class is not scheduled: test each limit in turn by relaxation and name the binding one."""

from __future__ import annotations

from trainsched.formats import Message
from trainsched.solver.problem import NO_FUND, CohortP, Problem
from trainsched.solver.residual import Residual


def _where(c: CohortP) -> str:
    return "、".join(c.venue_regions)


def _span(c: CohortP) -> str:
    return f"{c.window[0]}至{c.window[1]}"


def _span_en(c: CohortP) -> str:
    return f"between {c.window[0]} and {c.window[1]}"


def _no_block(c: CohortP) -> Message:
    span = f"（跨度不超过{c.max_span}天）" if c.max_span else ""
    span_en = f" within a span of {c.max_span} days" if c.max_span else ""
    return Message(
        f"{c.window[0]}至{c.window[1]}之间没有连续{c.length}个工作日{span}",
        f"no {c.length} consecutive working days{span_en} fit {_span_en(c)}",
    )


def _venues_open(
    res: Residual, c: CohortP, starts: list[int], rooms: tuple[int, ...] | None = None
) -> list[int]:
    venues = c.venues if rooms is None else rooms
    return [s for s in starts if any(res.venue_free(v, s, c.length) for v in venues)]


def _most_trainers(
    res: Residual, c: CohortP, starts: list[int], pool: tuple[int, ...] | None = None
) -> int:
    """Most qualified trainers (of ``pool``) free together on one block at one venue's district."""
    best = 0
    regions = {res.problem.venues[v].region for v in c.venues}
    for s in starts:
        for region in regions:
            trainers = c.trainers if pool is None else pool
            free = sum(1 for t in trainers if res.trainer_can(c, t, s, region))
            best = max(best, free)
    return best


def _own(c: CohortP) -> Message:
    """The institution's name as the reasons use it: 本机构（name）."""
    return Message(f"本机构（{c.provider_name}）", f"this institution's ({c.provider_name})")


def _institution_static(c: CohortP) -> Message | None:
    """Rule 7 binding with nothing planned: what the class lacks would be there without it."""
    if c.provider is None:
        return None
    own, where = _own(c), _where(c)
    if not c.venues and c.barred_venues:
        return Message(
            f"{where}区能容纳{c.size}人的场地都属于其他机构，{own.zh}没有可用的自有或公共场地",
            f"every venue in {where} seating {c.size} belongs to another institution: "
            f"{c.provider_name} has no room of its own nor a public one there",
        )
    wider = c.trainers + c.barred_trainers
    if len(c.trainers) < c.required <= len(wider):
        return Message(
            f"{own.zh}的{c.qual}讲师和共享讲师中服务{where}区的只有{len(c.trainers)}名，"
            f"本班需要{c.required}名，其他机构的讲师不能为本机构授课",
            f"{own.en} {c.qual} trainers and the shared pool serving {where} are only "
            f"{len(c.trainers)}, the class needs {c.required}; other institutions' trainers "
            "may not teach its classes",
        )
    return None


def _institution_booked(res: Residual, c: CohortP, starts: list[int], most: int) -> Message | None:
    """Rule 7 binding once other classes are booked: another institution's would be free."""
    if (
        not c.barred_trainers
        or _most_trainers(res, c, starts, c.trainers + c.barred_trainers) < c.required
    ):
        return None
    own = _own(c)
    return Message(
        f"{own.zh}的{c.qual}讲师和共享讲师在{_span(c)}之间都已排满或达到天数上限，最多{most}名"
        f"有空，本班需要{c.required}名；其他机构的讲师不能为本机构授课",
        f"{own.en} {c.qual} trainers and the shared pool are all booked or at their day caps "
        f"{_span_en(c)}: at most {most} of {c.required} free; other institutions' trainers may "
        "not teach its classes",
    )


def _static(p: Problem, c: CohortP) -> Message | None:
    """Limits that hold with nothing else planned: window, venues, trainers, fund size."""
    if c.pin_problem is not None:
        return c.pin_problem
    if not c.starts:
        return _no_block(c)
    where = _where(c)
    barred = _institution_static(c)
    if barred is not None:
        return barred
    if not c.venues:
        return Message(
            f"{where}区内没有能容纳{c.size}人的场地",
            f"no venue in the allowed districts ({where}) seats {c.size}",
        )
    empty = Residual(p)
    open_starts = _venues_open(empty, c, list(c.starts))
    if not open_starts:
        return Message(
            f"{where}区能容纳{c.size}人的场地在{_span(c)}之间没有连续{c.length}个工作日开放",
            f"no venue in {where} seating {c.size} is open for {c.length} consecutive working "
            f"days {_span_en(c)}",
        )
    if len(c.trainers) < c.required:
        return Message(
            f"服务{where}区的{c.qual}讲师只有{len(c.trainers)}名，本班需要{c.required}名",
            f"only {len(c.trainers)} {c.qual} trainers serve {where}, the class needs {c.required}",
        )
    most = _most_trainers(empty, c, open_starts)
    if most < c.required:
        return _institution_booked(empty, c, open_starts, most) or Message(
            f"{where}区在{_span(c)}之间最多只有{most}名{c.qual}讲师能连续{c.length}个工作日授课，"
            f"本班需要{c.required}名",
            f"only {most} of the {c.required} {c.qual} trainers needed is free for {c.length} "
            f"consecutive working days in {where} {_span_en(c)}",
        )
    return _fund(p, c, empty, "总额只有", "holds only {} yuan in total")


def _fund(p: Problem, c: CohortP, res: Residual, zh: str, en: str) -> Message | None:
    funds = {c.fund_at(s) for s in c.starts}
    if NO_FUND in funds:
        return None
    best = max(funds, key=res.fund_left)
    left = res.fund_left(best)
    if left >= c.cost:
        return None
    fid = p.funds[best].id
    return Message(
        f"资金{fid}{zh}{left}元，本班需要{c.cost}元",
        f"fund {fid} {en.format(f'{left:,}')} and this class needs {c.cost:,}",
    )


def _booked(res: Residual, c: CohortP) -> Message:
    """Limits that only other classes' bookings make binding: venues, then trainers."""
    starts = [s for s in c.starts if res.fund_allows(c, s)]
    where = _where(c)
    if not _venues_open(res, c, starts):
        if c.barred_venues and _venues_open(res, c, starts, c.barred_venues):
            return Message(
                f"{_own(c).zh}的自有场地和{where}区的公共场地在{_span(c)}之间已被其他班占满，"
                "其他机构的场地不能使用",
                f"{_own(c).en} own rooms and the public venues in {where} are booked by other "
                f"classes {_span_en(c)}; other institutions' rooms may not be used",
            )
        return Message(
            f"{where}区能容纳{c.size}人的场地在{_span(c)}之间已被其他班占满",
            f"every venue in {where} seating {c.size} is booked by other classes {_span_en(c)}",
        )
    most = _most_trainers(res, c, starts)
    if most < c.required:
        return _institution_booked(res, c, starts, most) or Message(
            f"{where}区的{c.qual}讲师在{_span(c)}之间已被其他班占用或达到天数上限，最多{most}名"
            f"有空，本班需要{c.required}名",
            f"the {c.qual} trainers serving {where} are booked by other classes or at their day "
            f"caps {_span_en(c)}: at most {most} of {c.required} free",
        )
    return Message(
        f"没有哪段时间场地和{c.required}名{c.qual}讲师同时有空，需挪动价值更高的班",
        f"no block {_span_en(c)} where a venue and {c.required} {c.qual} trainers are free at "
        f"once without moving classes of higher value",
    )


def explain(p: Problem, res: Residual, ci: int) -> Message:
    """The binding limit for unscheduled class ``ci`` given the plan's bookings in ``res``."""
    c = p.cohorts[ci]
    return _static(p, c) or _fund(p, c, res, "剩余", "has {} yuan left") or _booked(res, c)
