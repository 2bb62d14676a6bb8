"""API schemas of the answers about a plan computed as jobs: levers, money curves, trainers."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from trainsched.api.schemas import Out, Text


class LeverPublic(Out):
    """One verified way to place a class the plan leaves out."""

    cohort: str
    kind: Literal["trainer", "fund", "venue", "window", "several", "drop"]
    change: dict[str, Any] = Field(
        description="the changes, as a body for POST /plans/{id}/replan: {changes: [...]}"
    )
    places: list[str] = Field(description="the classes it places")
    value_gain: int = Field(description="served value gained")
    message: Text


class PlanLeversPublic(Out):
    """What it would take to place each class the plan leaves out (each lever checked)."""

    levers: list[LeverPublic]


class CurvePointPublic(Out):
    """The plan re-solved at one amount."""

    step: float = Field(description="change of the amount: -0.2 … 0.5; 0 is the plan itself")
    amount: int = Field(description="yuan in the curve's funds")
    value: int = Field(description="served value")
    trainees: dict[str, int] = Field(description="trainees per key group id")


class MoneyCurvePublic(Out):
    """One fund's money curve (``fund`` null: the whole budget)."""

    fund: str | None
    name: Text
    points: list[CurvePointPublic]


class TrainerValuePublic(Out):
    """What one more certified trainer of a course in a district would buy (a re-plan)."""

    qualification: str
    region: str
    value_gain: int
    trainees_gain: int
    left_out_value: int = Field(description="value of the left-out classes waiting there")


class PlanMoneyPublic(Out):
    """What money buys: the whole budget's curve first, then each fund's; and what one more
    trainer buys, ranked (the districts and courses with the most left-out value re-solved)."""

    curves: list[MoneyCurvePublic]
    trainers: list[TrainerValuePublic]
    key_groups: list[str] = Field(description="the key groups (subsidised groups)")
    per_10k: Text | None = Field(description="what the next 10,000 yuan of the whole budget buys")
