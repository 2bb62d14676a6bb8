"""What money buys: the plan re-solved with each fund (and the whole budget) cut or topped up.

Each point of a curve is a real re-plan (``replan_changes``) of the plan with the amounts
changed: the plan's classes that still fit are kept, the rest and the classes it left out are
solved again within a short time limit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from trainsched.formats import Message, Plan, Scenario
from trainsched.solver.changes import FundChanged
from trainsched.solver.joint import replan_changes
from trainsched.solver.options import SolveOptions, StopFlag

STEPS: tuple[float, ...] = (-0.2, -0.1, 0.1, 0.2, 0.5)
PER = 10_000  # yuan: "each extra 10,000 yuan buys …"


@dataclass(frozen=True)
class CurvePoint:
    """The plan at one amount: its served value and trainees per key group."""

    step: float  # -0.2 … +0.5 of the amount; 0 is the plan itself
    amount: int  # yuan in the curve's funds
    value: int
    trainees: dict[str, int]  # group id → trainees in the plan's classes


@dataclass(frozen=True)
class MoneyCurve:
    """One fund's curve (``fund`` None: every fund changed together, the whole budget)."""

    fund: str | None
    name: Message
    points: tuple[CurvePoint, ...]

    def per_10k(self, key_groups: Sequence[str]) -> tuple[float, float]:
        """(trainees, of whom in key groups) each 10,000 yuan more adds, from the smallest
        top-up that adds any (0, 0 when none does). Classes come in steps of thousands of
        yuan: the smallest top-up alone would often buy nothing and say 0."""
        base = next(p for p in self.points if p.step == 0)

        def people(p: CurvePoint, groups: Sequence[str]) -> int:
            return sum(p.trainees.get(g, 0) for g in groups)

        everyone = list(base.trainees)
        ups = sorted((p for p in self.points if p.amount > base.amount), key=lambda p: p.step)
        more = next((p for p in ups if people(p, everyone) > people(base, everyone)), None)
        if more is None:
            return 0.0, 0.0
        scale = PER / (more.amount - base.amount)
        total = (people(more, everyone) - people(base, everyone)) * scale
        key = (people(more, key_groups) - people(base, key_groups)) * scale
        return round(total, 1), round(key, 1)


def _about(n: float) -> str:
    # Whole people from 10 on; below that one decimal says more than a rounded 0 or 1.
    return f"{n:.0f}" if n >= 10 or n == int(n) else f"{n:.1f}"


def per_10k_message(people: float, key: float) -> Message:
    """The sentence the finance office reads."""
    n, m = _about(people), _about(key)
    return Message(
        f"每增加1万元可多培训约{n}人，其中重点群体{m}人",
        f"Each extra 10,000 yuan would train about {n} more people, {m} of them from key groups",
    )


def key_groups(scenario: Scenario) -> list[str]:
    """The key groups (重点群体): the subsidised ones (graduates, migrants, hardship)."""
    return [g for g, group in scenario.groups.items() if group.subsidised]


def trainees(scenario: Scenario, plan: Plan) -> dict[str, int]:
    """Trainees per group in the plan's classes."""
    by_id = {c.id: c for c in scenario.cohorts}
    out = dict.fromkeys(scenario.groups, 0)
    for sc in plan.cohorts:
        for g, n in by_id[sc.id].trainees.items():
            out[g] = out.get(g, 0) + n
    return out


def _curve(
    scenario: Scenario,
    plan: Plan,
    scope: tuple[str | None, Sequence[str], Message],
    run: Callable[[Sequence[FundChanged]], Plan],
    steps: Sequence[float],
) -> MoneyCurve:
    fund, funds, name = scope
    amounts = {f.id: f.amount for f in scenario.funds if f.id in funds}
    total = sum(amounts.values())
    points = [CurvePoint(0.0, total, plan.objective, trainees(scenario, plan))]
    for step in steps:
        changes = [FundChanged(f, round(a * (1 + step))) for f, a in amounts.items()]
        new = run(changes)
        amount = sum(ch.amount for ch in changes)
        points.append(CurvePoint(step, amount, new.objective, trainees(scenario, new)))
    points.sort(key=lambda p: p.step)
    return MoneyCurve(fund, name, tuple(points))


def money_curves(
    scenario: Scenario,
    plan: Plan,
    options: SolveOptions,
    *,
    steps: Sequence[float] = STEPS,
    on_progress: Callable[[int, int], None] | None = None,
    stop: StopFlag | None = None,
) -> list[MoneyCurve]:
    """The whole budget's curve first, then each fund's; each point re-planned sequentially.

    ``stop`` ends early with the curves finished so far.
    """

    def run(changes: Sequence[FundChanged]) -> Plan:
        return replan_changes(scenario, plan, changes, options, stop=stop).result.plan

    everything = [f.id for f in scenario.funds]
    scopes: list[tuple[str | None, Sequence[str], Message]] = [
        (None, everything, Message("全部资金", "The whole budget"))
    ]
    scopes += [(f.id, [f.id], Message.same(f.name or f.id)) for f in scenario.funds]
    out: list[MoneyCurve] = []
    for done, scope in enumerate(scopes, start=1):
        if stop is not None and stop.is_set():
            break
        out.append(_curve(scenario, plan, scope, run, steps))
        if on_progress is not None:
            on_progress(done, len(scopes))
    return out
