"""The plan page's "what money buys": the whole budget's curve drawn, every curve as a table."""

from __future__ import annotations

from dataclasses import dataclass

from trainsched.formats import Message
from trainsched.services.money import PlanMoney
from trainsched.solver import MoneyCurve, TrainerValue
from trainsched.web.svg import LineChart, line_chart
from trainsched.web.views.job_section import JobSection, job_progress


@dataclass(frozen=True)
class MoneyRow:
    """One point of a curve as the table shows it."""

    step: float
    label: str  # −20%, 0%, +50%
    amount: int
    value: int
    trainees: int
    key_trainees: int
    by_group: list[int]  # trainees of each key group, in the view's ``groups`` order


@dataclass(frozen=True)
class MoneyTable:
    """One curve (the whole budget or a fund) as a table."""

    name: Message
    rows: list[MoneyRow]


@dataclass(frozen=True)
class MoneyView(JobSection):
    """The section once the curves are computed, or the job still computing them (its parts
    are the curves); no job: not asked for yet (the page offers to start it)."""

    sentence: Message | None
    chart: LineChart | None  # trainees, then key-group trainees, over the whole budget
    tables: list[MoneyTable]
    trainers: list[TrainerValue]
    groups: list[str]  # the key groups' names  # one more trainer per course and district, ranked


def _table(curve: MoneyCurve, keys: list[str]) -> MoneyTable:
    rows = [
        MoneyRow(
            p.step,
            step_label(p.step),
            p.amount,
            p.value,
            sum(p.trainees.values()),
            sum(p.trainees.get(g, 0) for g in keys),
            [p.trainees.get(g, 0) for g in keys],
        )
        for p in curve.points
    ]
    return MoneyTable(curve.name, rows)


def step_label(step: float) -> str:
    """A point's change of the amount as people read it: −20%, 0%, +50%."""
    return f"{round(step * 100):+d}%".replace("-", "−") if step else "0%"


def money_view(found: PlanMoney) -> MoneyView:
    """The curves as tables, and the whole budget's as a chart."""
    tables = [_table(c, found.key_groups) for c in found.curves or []]
    chart = None
    if tables:
        rows = tables[0].rows
        xs = [(r.step, r.label) for r in rows]
        chart = line_chart(xs, [[r.trainees for r in rows], [r.key_trainees for r in rows]])
    return MoneyView(
        **job_progress(found.job),
        computing=found.job is not None and found.curves is None,
        sentence=found.per_10k,
        chart=chart,
        tables=tables,
        trainers=found.trainers,
        groups=[found.group_names.get(g, g) for g in found.key_groups],
    )
