"""What money buys: a plan's money curves (whole budget, each fund), computed as a job.

Kept per plan like its levers (``services/answers.py``). Each point is a re-plan with a short
time limit (``TRAINSCHED_MONEY_POINT_S``, 2 s), one after another in the job: a split into
parallel queue jobs would need a merge of its own, and the curve is small enough not to.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from trainsched.cpus import MAX_THREADS
from trainsched.formats import Message
from trainsched.jobs.backend import JobBackend
from trainsched.services import plans
from trainsched.services.access import Actor
from trainsched.services.answers import answer_about, latest
from trainsched.services.jobs import JobStatus
from trainsched.settings import Settings
from trainsched.sheets import MoneyRow, MoneySheet
from trainsched.solver import (
    CurvePoint,
    MoneyCurve,
    SolveOptions,
    TrainerValue,
    key_groups,
    per_10k_message,
)


@dataclass(frozen=True)
class PlanMoney:
    """A plan's money curves once computed (whole budget first), else the job computing them."""

    plan_id: str
    job: JobStatus | None  # None: never asked for
    curves: list[MoneyCurve] | None
    key_groups: list[str]
    per_10k: Message | None  # "每增加1万元可多培训约N人，其中重点群体M人" (whole budget)
    trainers: list[TrainerValue] = field(default_factory=list)  # one more trainer, ranked
    group_names: dict[str, str] = field(default_factory=dict)  # key group id → its name


def _curve(raw: dict[str, Any]) -> MoneyCurve:
    points = tuple(
        CurvePoint(p["step"], p["amount"], p["value"], dict(p["trainees"])) for p in raw["points"]
    )
    return MoneyCurve(raw["fund"], Message.from_json(raw["name"]) or Message.same(""), points)


def _found(plan_id: str, job: JobStatus | None, result: dict[str, Any] | None,
           keys: list[str]) -> PlanMoney:  # fmt: skip
    if result is None:
        return PlanMoney(plan_id, job, None, keys, None)
    curves = [_curve(raw) for raw in result["curves"]]
    sentence = per_10k_message(*curves[0].per_10k(keys)) if curves else None
    trainers = [TrainerValue(**raw) for raw in result.get("trainers", [])]
    return PlanMoney(plan_id, job, curves, keys, sentence, trainers)


def money_sheet(session: Session, plan_id: str, names: dict[str, str]) -> MoneySheet | None:
    """The plan's money curves for its workbook, when they have been computed (``names``:
    the key groups' names by id)."""
    keys = list(names)
    job = latest(session, plan_id, "money")
    if job is None or job.state != "succeeded" or job.result is None:
        return None
    found = _found(plan_id, None, json.loads(job.result), keys)
    rows = [
        MoneyRow(c.name.zh, p.step, p.amount, p.value, sum(p.trainees.values()),
                 sum(p.trainees.get(g, 0) for g in keys),
                 tuple(p.trainees.get(g, 0) for g in keys))
        for c in found.curves or []
        for p in c.points
    ]  # fmt: skip
    return MoneySheet(rows, found.per_10k.zh if found.per_10k else "", list(names.values()))


def plan_money(
    session: Session,
    actor: Actor,
    backend: JobBackend,
    plan_id: str,
    settings: Settings,
    *,
    start: bool = True,
) -> PlanMoney:
    """The plan's money curves when computed; otherwise the job computing them (started unless
    ``start`` is False: dozens of re-plans are run only when someone asks for them)."""
    row, _, scenario = plans.load_with_scenario(session, actor, plan_id)
    keys = key_groups(scenario)
    options = SolveOptions(
        time_limit_s=settings.money_point_s, workers=settings.cpsat_workers or MAX_THREADS, seed=0
    )
    found = answer_about(session, backend, row, "money", options, start=start)
    return dataclasses.replace(
        _found(plan_id, found.job, found.result, keys),
        group_names={g: scenario.groups[g].name for g in keys},
    )
