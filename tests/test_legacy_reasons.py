"""Plans stored before reasons spoke plainly are read in today's words where names are known."""

from __future__ import annotations

from tests import factories as f
from tests.readable_text import codes_of, unreadable
from trainsched.formats import Message, Plan, Scenario
from trainsched.formats.legacy_words import scenario_names
from trainsched.formats.plan_text import cohort_reasons, reasons_extension, visit_reasons

OLD_TRAINERS = (
    "R05区的SYB讲师在2027-05-13至2027-06-30之间已被其他班占用或达到天数上限，最多0名有空，本班需要2名"
    " / the SYB trainers serving R05 are booked by other classes or at their day caps between "
    "2027-05-13 and 2027-06-30: at most 0 of 2 free"
)
OLD_FUND = (
    "资金F004剩余28000元，本班需要38000元 / fund F004 has 28,000 yuan left and this class "
    "needs 38,000"
)
OLD_VISITS = (
    "时间窗口 2027-03-03 至 2027-03-05 太短：间隔 1 天最多安排 3 次，不够 4 次 / window "
    "2027-03-03..2027-03-05 too short for 4 visits with a gap of 1 days (at most 3 fit)"
)


def city() -> Scenario:
    return f.scenario(
        regions=[f.region("R05", name="西江县")],
        funds=[f.fund("F004", regions=["R05"], name="西江县2027年第2季度创业培训补贴")],
        venues=[f.venue(region="R05")],
        trainers=[f.trainer(region="R05")],
        cohorts=[f.cohort("C0067", region="R05"), f.cohort("C0068", region="R05")],
    )


def old_plan() -> Plan:
    return f.plan(
        unscheduled_cohorts=[
            {"id": "C0067", "reason": OLD_TRAINERS},
            {"id": "C0068", "reason": OLD_FUND},
        ],
        unscheduled_visits=[{"request": "Q01", "missing": 1, "reason": OLD_VISITS}],
    )


def test_an_old_plans_reasons_are_said_with_names_local_dates_and_separated_money() -> None:
    s = city()
    why = cohort_reasons(old_plan(), scenario_names(s))
    assert why["C0067"] == Message(
        "西江县的SYB讲师在5月13日–6月30日都已排满（含天数上限），本班需要2名",
        "the SYB trainers serving 西江县 are booked by other classes or at their day caps in "
        "13 May–30 Jun: none of the 2 needed free",
    )
    assert why["C0068"].zh == "资金西江县2027年第2季度创业培训补贴剩余28,000元，本班需要38,000元"
    visits = visit_reasons(old_plan(), scenario_names(s))
    assert visits["Q01"].zh.startswith("时间窗口 3月3日–3月5日 太短")
    assert "window 3 Mar–5 Mar too short" in visits["Q01"].en
    texts = [m.text(lang) for m in [*why.values(), *visits.values()] for lang in ("zh", "en")]
    assert [t for t in texts if unreadable(t, codes_of(s))] == []


def test_without_names_an_old_plans_reasons_are_kept_as_stored() -> None:
    why = cohort_reasons(old_plan())
    assert why["C0067"].zh == OLD_TRAINERS.split(" / ", maxsplit=1)[0]


def test_a_plan_whose_reasons_are_in_words_is_never_rewritten() -> None:
    # A name may look like a code ("区R01"): today's reasons are taken as they were written.
    said = Message("区R01的场地在3月1日–3月3日都已被其他班占用", "venues in 区R01 are booked")
    plan = f.plan(
        unscheduled_cohorts=[{"id": "C01", "reason": said.zh}],
        x={"reasons": reasons_extension({"C01": said}, {})},
    )
    assert cohort_reasons(plan, scenario_names(f.scenario()))["C01"] == said
