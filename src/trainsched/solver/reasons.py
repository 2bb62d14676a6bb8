"""Why a class is not scheduled: test each limit in turn by relaxation and name the binding one.

Reasons are read by coordinators, who carry them to an institution or the finance office: they
name districts, funds and institutions by name, say dates as 5月13日–6月30日 and money as
28,000元, and say "none" rather than "at most 0".
"""

from __future__ import annotations

from trainsched.formats import Message
from trainsched.formats.readable import date_range, money, names, several
from trainsched.solver.problem import NO_FUND, CohortP, Problem
from trainsched.solver.residual import Residual

# Day caps are the trainers' own monthly and total limits: "booked" includes reaching them.
_BOOKED = Message("都已排满（含天数上限）", "are all booked (or at their day caps)")
_MOSTLY = Message("大多已排满（含天数上限）", "are mostly booked (or at their day caps)")
_NOT_OTHERS = Message(
    "；其他机构的讲师不能为本机构授课", "; other institutions' trainers may not teach its classes"
)


def _where(p: Problem, c: CohortP) -> Message:
    return names([p.region_name(r) for r in c.venue_regions])


def _span(c: CohortP) -> Message:
    return date_range(*c.window)


def _needs(c: CohortP) -> Message:
    return Message(f"本班需要{c.required}名", f"the class needs {c.required}")


def _free_at_once(most: int, c: CohortP) -> Message:
    """How many trainers are free together, said naturally: all booked, or only ``most``."""
    if most == 0:
        return Message(f"{_BOOKED.zh}，{_needs(c).zh}", f"{_BOOKED.en}; {_needs(c).en}")
    return Message(
        f"{_MOSTLY.zh}，同时有空的只有{most}名，{_needs(c).zh}",
        f"{_MOSTLY.en}: only {most} free at once, {_needs(c).en}",
    )


def _no_block(c: CohortP) -> Message:
    span = f"（跨度不超过{c.max_span}天）" if c.max_span else ""
    span_en = f" within a span of {c.max_span} days" if c.max_span else ""
    return Message(
        f"{_span(c).zh}没有连续{c.length}个工作日{span}",
        f"no {c.length} consecutive working days{span_en} fit in {_span(c).en}",
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


def _few_trainers(k: int, who: Message, c: CohortP) -> Message:
    """``who`` (trainers serving the districts) number ``k``, fewer than the class needs."""
    if k == 0:
        return Message(
            f"{who.zh}一名也没有，{_needs(c).zh}", f"no {c.qual} trainer {who.en}; {_needs(c).en}"
        )
    trainers = several(k, f"{c.qual} trainer")
    return Message(
        f"{who.zh}只有{k}名，{_needs(c).zh}", f"only {trainers} {who.en}; {_needs(c).en}"
    )


def _institution_static(p: Problem, c: CohortP) -> Message | None:
    """Rule 7 binding with nothing planned: what the class lacks would be there without it."""
    if c.provider is None:
        return None
    own, where = _own(c), _where(p, c)
    if not c.venues and c.barred_venues:
        return Message(
            f"{where.zh}能容纳{c.size}人的场地都属于其他机构，{own.zh}没有可用的自有或公共场地",
            f"every venue in {where.en} seating {c.size} belongs to another institution: "
            f"{c.provider_name} has no room of its own nor a public one there",
        )
    wider = c.trainers + c.barred_trainers
    if len(c.trainers) < c.required <= len(wider):
        who = Message(
            f"{own.zh}和共享讲师库中服务{where.zh}的{c.qual}讲师",
            f"of {c.provider_name} or the shared pool serving {where.en}",
        )
        few = _few_trainers(len(c.trainers), who, c)
        return Message(few.zh + _NOT_OTHERS.zh, few.en + _NOT_OTHERS.en)
    return None


def _institution_booked(res: Residual, c: CohortP, starts: list[int], most: int) -> Message | None:
    """Rule 7 binding once other classes are booked: another institution's would be free."""
    if (
        not c.barred_trainers
        or _most_trainers(res, c, starts, c.trainers + c.barred_trainers) < c.required
    ):
        return None
    own, free = _own(c), _free_at_once(most, c)
    return Message(
        f"{own.zh}的{c.qual}讲师和共享讲师在{_span(c).zh}{free.zh}{_NOT_OTHERS.zh}",
        f"in {_span(c).en}, {own.en} {c.qual} trainers and the shared pool {free.en}"
        f"{_NOT_OTHERS.en}",
    )


def _static(p: Problem, c: CohortP) -> Message | None:
    """Limits that hold with nothing else planned: window, venues, trainers, fund size."""
    if c.pin_problem is not None:
        return c.pin_problem
    if not c.starts:
        return _no_block(c)
    where = _where(p, c)
    barred = _institution_static(p, c)
    if barred is not None:
        return barred
    if not c.venues:
        return Message(
            f"{where.zh}没有能容纳{c.size}人的场地",
            f"no venue in the allowed districts ({where.en}) seats {c.size}",
        )
    empty = Residual(p)
    open_starts = _venues_open(empty, c, list(c.starts))
    if not open_starts:
        return Message(
            f"{where.zh}能容纳{c.size}人的场地在{_span(c).zh}没有连续{c.length}个工作日开放",
            f"no venue in {where.en} seating {c.size} is open for {c.length} consecutive "
            f"working days in {_span(c).en}",
        )
    if len(c.trainers) < c.required:
        who = Message(f"服务{where.zh}的{c.qual}讲师", f"serving {where.en}")
        return _few_trainers(len(c.trainers), who, c)
    most = _most_trainers(empty, c, open_starts)
    if most < c.required:
        return _institution_booked(empty, c, open_starts, most) or _unavailable(p, c, most)
    return _fund(p, c, empty, booked=False)


def _unavailable(p: Problem, c: CohortP, most: int) -> Message:
    """Too few trainers free for a whole block with nothing planned: their own absences."""
    block = Message(
        f"能连续{c.length}个工作日授课", f"can teach {c.length} consecutive working days"
    )
    if most == 0:
        return Message(
            f"{_where(p, c).zh}的{c.qual}讲师在{_span(c).zh}没有人{block.zh}，{_needs(c).zh}",
            f"no {c.qual} trainer serving {_where(p, c).en} {block.en} in {_span(c).en}; "
            f"{_needs(c).en}",
        )
    return Message(
        f"{_where(p, c).zh}的{c.qual}讲师在{_span(c).zh}最多只有{most}名{block.zh}，{_needs(c).zh}",
        f"only {several(most, c.qual + ' trainer')} serving {_where(p, c).en} {block.en} in "
        f"{_span(c).en}; {_needs(c).en}",
    )


def _fund(p: Problem, c: CohortP, res: Residual, booked: bool) -> Message | None:
    funds = {c.fund_at(s) for s in c.starts}
    if NO_FUND in funds:
        return None
    best = max(funds, key=res.fund_left)
    left = res.fund_left(best)
    if left >= c.cost:
        return None
    fund, need = p.funds[best].name or p.funds[best].id, money(c.cost)
    if not booked:
        has = Message(f"总额只有{money(left).zh}", f"holds only {money(left).en} in total")
    elif left <= 0:
        has = Message("已经用完", "is spent")
    else:
        has = Message(f"只剩{money(left).zh}", f"has only {money(left).en} left")
    return Message(
        f"资金「{fund}」{has.zh}，本班需要{need.zh}",
        f"fund {fund} {has.en}; the class needs {need.en}",
    )


def _booked(p: Problem, res: Residual, c: CohortP) -> Message:
    """Limits that only other classes' bookings make binding: venues, then trainers."""
    starts = [s for s in c.starts if res.fund_allows(c, s)]
    where, span = _where(p, c), _span(c)
    if not _venues_open(res, c, starts):
        if c.barred_venues and _venues_open(res, c, starts, c.barred_venues):
            return Message(
                f"{_own(c).zh}的自有场地和{where.zh}的公共场地在{span.zh}都已被其他班占用，"
                "其他机构的场地不能使用",
                f"{_own(c).en} own rooms and the public venues in {where.en} are booked by "
                f"other classes in {span.en}; other institutions' rooms may not be used",
            )
        return Message(
            f"{where.zh}能容纳{c.size}人的场地在{span.zh}都已被其他班占用",
            f"every venue in {where.en} seating {c.size} is booked by other classes in {span.en}",
        )
    most = _most_trainers(res, c, starts)
    if most < c.required:
        free = _free_at_once(most, c)
        return _institution_booked(res, c, starts, most) or Message(
            f"{where.zh}的{c.qual}讲师在{span.zh}{free.zh}",
            f"in {span.en}, the {c.qual} trainers serving {where.en} {free.en}",
        )
    return Message(
        f"{span.zh}没有哪段时间场地和{c.required}名{c.qual}讲师同时有空，除非挪动价值更高的班",
        f"no block in {span.en} has a venue and {c.required} {c.qual} trainers free at once "
        "without moving classes of higher value",
    )


def explain(p: Problem, res: Residual, ci: int) -> Message:
    """The binding limit for unscheduled class ``ci`` given the plan's bookings in ``res``."""
    c = p.cohorts[ci]
    return _static(p, c) or _fund(p, c, res, booked=True) or _booked(p, res, c)
