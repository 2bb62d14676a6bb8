"""What money buys: each point of a money curve is the plan re-solved with the amount changed."""

from __future__ import annotations

from tests import factories as f
from trainsched.formats import Message
from trainsched.solver import (
    CurvePoint,
    MoneyCurve,
    SolveOptions,
    money_curves,
    per_10k_message,
    solve,
    trainer_values,
)

OPTS = SolveOptions(time_limit_s=1.0, workers=1, seed=1)


def test_each_point_is_a_re_solve_at_that_amount() -> None:
    # Money alone binds: five classes of 10 graduates at 10,000 yuan each, 30,000 yuan.
    s = f.scenario(
        cohorts=[f.cohort(f"C0{i}", trainees={"graduate": 10}) for i in range(1, 6)],
        funds=[f.fund("F01", amount=30_000, name="西江县补贴")],
    )
    plan = solve(s, OPTS).plan
    whole, fund = money_curves(s, plan, OPTS)
    assert whole.fund is None and fund.fund == "F01"
    assert fund.name == Message.same("西江县补贴")
    steps = [p.step for p in whole.points]
    assert steps == [-0.2, -0.1, 0.0, 0.1, 0.2, 0.5]
    assert [p.amount for p in whole.points] == [24_000, 27_000, 30_000, 33_000, 36_000, 45_000]
    assert [p.trainees["graduate"] for p in whole.points] == [20, 20, 30, 30, 30, 40]
    assert [p.value for p in whole.points] == [40, 40, 60, 60, 60, 80]


def test_each_10000_yuan_more_counts_from_the_smallest_top_up_that_buys_anything() -> None:
    curve = MoneyCurve(
        None,
        Message("全部资金", "The whole budget"),
        (
            CurvePoint(0.0, 100_000, 100, {"graduate": 40, "other": 10}),
            CurvePoint(0.1, 110_000, 100, {"graduate": 40, "other": 10}),
            CurvePoint(0.2, 120_000, 150, {"graduate": 60, "other": 20}),
        ),
    )
    assert curve.per_10k(["graduate"]) == (15, 10)
    assert per_10k_message(0.56, 0.5).zh == "每增加1万元可多培训约0.6人，其中重点群体0.5人"
    assert per_10k_message(15, 10).zh == "每增加1万元可多培训约15人，其中重点群体10人"


def test_one_more_trainer_is_ranked_where_classes_wait_for_one() -> None:
    # R01 has two classes and one trainer who may teach only one; R02 has nothing waiting.
    s = f.scenario(
        regions=[f.region("R01"), f.region("R02")],
        trainers=[f.trainer("T01", max_days_total=3), f.trainer("T02", region="R02")],
        venues=[f.venue("V01"), f.venue("V02", region="R02")],
        cohorts=[f.cohort("C01"), f.cohort("C02", trainees={"graduate": 10})],
        funds=[f.fund("F01", regions=["R01", "R02"])],
    )
    plan = solve(s, OPTS).plan
    (best,) = trainer_values(s, plan, OPTS)
    assert (best.qualification, best.region) == ("SYB", "R01")
    assert best.trainees_gain == 10 and best.value_gain == 20
