"""Reasons on the demo read as a coordinator says them: names, local dates, money with separators.

Each output speaks one language: the API in the one asked for, the workbook in Chinese, the
command line in the one chosen; the text finder itself is shown to catch the issue's examples.
"""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.readable_text import codes_of, unreadable
from tests.web_data import publish
from trainsched.checker import check_plan
from trainsched.cli import app
from trainsched.formats import Message, Plan, Scenario
from trainsched.formats.load import parse_scenario
from trainsched.formats.plan_text import cohort_reasons, plan_warnings, visit_reasons
from trainsched.resources import fixture_path
from trainsched.sheets import export_plan
from trainsched.solver import SolveOptions, solve

CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def demo() -> tuple[Scenario, Plan]:
    """The demo city with one founder asking three visits on one day (so a visit reason too)."""
    doc = json.loads(fixture_path("demo-city.json").read_text("utf-8"))
    doc["visit_requests"][0].update({"from": "2027-03-25", "to": "2027-03-25", "visits": 3})
    scenario = parse_scenario(doc)
    plan = solve(scenario, SolveOptions(time_limit_s=5, method="greedy", workers=1)).plan
    assert check_plan(scenario, plan) == []
    assert plan.unscheduled_cohorts and plan.unscheduled_visits and plan_warnings(plan)
    return scenario, plan


def messages(plan: Plan) -> list[Message]:
    return [*cohort_reasons(plan).values(), *visit_reasons(plan).values(), *plan_warnings(plan)]


def names_of(scenario: Scenario) -> list[str]:
    """Names an English text may carry as they are (longest first, so none is cut)."""
    found = [r.name for r in scenario.regions] + [p.name for p in scenario.providers]
    found += [f.name for f in scenario.funds if f.name] + [v.name for v in scenario.venues]
    found += [t.name for t in scenario.trainers]
    return sorted(found, key=len, reverse=True)


def english_only(text: str, scenario: Scenario) -> bool:
    """True when ``text`` holds no Chinese beyond the names it quotes."""
    for name in names_of(scenario):
        text = text.replace(name, "")
    return not CJK.search(text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_reason_and_warning_of_the_demo_reads_in_names_dates_and_money(lang: str) -> None:
    scenario, plan = demo()
    codes = codes_of(scenario)
    bad = {m.text(lang): unreadable(m.text(lang), codes) for m in messages(plan)}
    assert {text: why for text, why in bad.items() if why} == {}


def test_the_demo_says_the_issues_example_in_plain_words() -> None:
    plan = demo()[1]
    texts = [m.zh for m in cohort_reasons(plan).values()]
    # "R05区的SYB讲师…最多0名有空" became "西江县的SYB讲师…都已排满（含天数上限），本班需要2名".
    assert any(
        re.fullmatch(
            r"西江县的SYB讲师在\d+月\d+日–\d+月\d+日都已排满（含天数上限），本班需要2名", t
        )
        for t in texts
    )


def test_english_reasons_hold_no_chinese_but_the_names_they_quote() -> None:
    scenario, plan = demo()
    mixed = [m.en for m in messages(plan) if not english_only(m.en, scenario)]
    assert mixed == []


def test_the_explanations_api_answers_readable_reasons_in_the_language_asked(
    api: TestClient, auth: dict[str, str]
) -> None:
    scenario, plan = demo()
    sid = publish(api, scenario, plan)
    (listed,) = api.get(f"/api/v1/scenarios/{sid}/plans", headers=auth).json()
    codes = codes_of(scenario)
    for lang in ("zh", "en"):
        headers = {**auth, "Accept-Language": lang}
        body = api.get(f"/api/v1/plans/{listed['id']}/explanation", headers=headers).json()
        reasons = [u["reason"] for u in body["unscheduled_cohorts"] + body["unscheduled_visits"]]
        assert len(reasons) == len(plan.unscheduled_cohorts) + len(plan.unscheduled_visits)
        assert [r for r in reasons if unreadable(r, codes)] == []
        if lang == "en":
            assert all(english_only(r, scenario) for r in reasons)
        else:
            assert all(CJK.search(r) for r in reasons)


def test_the_workbooks_unscheduled_sheet_is_chinese_one_reason_per_cell() -> None:
    scenario, plan = demo()
    wb = openpyxl.load_workbook(io.BytesIO(export_plan(scenario, plan)))
    rows = list(wb["未安排"].iter_rows(min_row=2, values_only=True))
    header = [c.value for c in wb["未安排"][1]]
    reasons = [str(r[header.index("原因")]) for r in rows if r[0]]
    assert len(reasons) == len(plan.unscheduled_cohorts) + len(plan.unscheduled_visits)
    codes = codes_of(scenario)
    assert [r for r in reasons if unreadable(r, codes) or not CJK.search(r)] == []
    assert all(english_only(r, scenario) is False for r in reasons)


def test_the_command_line_says_each_reason_in_the_language_chosen(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    args = ["solve", str(fixture_path("demo-city.json")), "-o", str(out), "--method", "greedy"]
    result = CliRunner().invoke(app, [*args, "--reasons", "--lang", "en"])
    assert result.exit_code == 0, result.output
    scenario = demo()[0]
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(("left out", "warning"))]
    assert len(lines) > 1
    assert [ln for ln in lines if unreadable(ln, codes_of(scenario))] == []
    assert [ln for ln in lines if not english_only(ln, scenario)] == []


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            "R05区的SYB讲师在2027-05-13至2027-06-30之间已被其他班占用或达到天数上限，"
            "最多0名有空，本班需要2名",
            ["code R05", "ISO date 2027-05-13", "ISO date 2027-06-30", "a count of nothing"],
        ),
        (
            "资金F004剩余28000元，本班需要38000元",
            ["code F004", *(f"money without separators {m}" for m in ("28000元", "38000元"))],
        ),
        (
            "R10区内没有能容纳27人的场地 / no venue in R10 seats 27",
            ["code R10", "two languages glued"],
        ),
    ],
)
def test_the_finder_catches_the_unreadable_reasons_the_issue_quotes(
    text: str, problems: list[str]
) -> None:
    assert unreadable(text, {"R05", "R10", "F004"}) == problems
