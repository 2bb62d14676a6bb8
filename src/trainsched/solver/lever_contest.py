"""Whether a new trainer or room proposed for a class would go to another class instead.

A re-plan maximises served value over every class left out: a new SYB trainer in 桃阳区 from
5月13日 placed for a class worth 42 goes to a waiting class worth 47 that fits the same days.
Among equally small changes, a lever prefers a time and place where no class worth more could
take it, so that applied alone it places the class it was found for.
"""

from __future__ import annotations

from collections.abc import Sequence

from trainsched.solver.problem import CohortP


def rivals(left_out: Sequence[CohortP], c: CohortP) -> list[CohortP]:
    """The other left-out classes worth more than ``c`` (those a re-plan would serve first)."""
    return [d for d in left_out if d.index != c.index and d.value > c.value]


def contested(
    rivals: Sequence[CohortP], c: CohortP, start: int, region: str, trainers: bool, room: bool
) -> bool:
    """Whether a rival could run entirely within the class's block, in ``region``, with the
    new trainers (same qualification) or the new room (seating it) proposed there.

    Money is not looked at: a top-up can go to any class of its fund, wherever it runs.
    """
    if not trainers and not room:
        return False
    end = start + c.length
    for d in rivals:
        if region not in d.venue_regions:
            continue
        if (trainers and d.qual != c.qual) or (room and d.size > c.size):
            continue
        if any(start <= st and st + d.length <= end for st in d.starts):
            return True
    return False
