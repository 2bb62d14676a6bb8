"""The coordinator's plan page says why classes were left out in words a coordinator can act on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.browser.conftest import DESKTOP, Server, copy_to_docs
from tests.browser.helpers import sign_in
from tests.readable_text import codes_of, unreadable
from trainsched.formats import load_scenario
from trainsched.resources import fixture_path

DISTRICTS = re.compile(
    "|".join(("桃阳区", "竹港区", "东湖区", "龙阳县", "兴坪县", "西江县", "白浦县", "鹤关县"))
)


def _reasons(page: Any) -> list[str]:
    rows = page.locator("section[aria-labelledby=unscheduled] table tbody tr")
    return [rows.nth(i).locator("td").last.inner_text() for i in range(rows.count())]


def test_plan_page_shows_readable_reasons_for_the_classes_left_out(
    server: Server, browser: Any, artifacts: Path
) -> None:
    codes = codes_of(load_scenario(fixture_path("demo-city.json")))
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, server.base_url, server.token)
    page.goto(f"{server.base_url}/coordinator/scenarios/{server.scenario_id}")
    plan_link = page.locator("a[href^='/coordinator/plans/']").first.get_attribute("href")
    page.goto(f"{server.base_url}{plan_link}")
    chinese = _reasons(page)
    assert chinese, "the demo leaves classes out"
    assert {r: unreadable(r, codes) for r in chinese if unreadable(r, codes)} == {}
    # Districts by name and dates as 5月13日–6月30日 (never 2027-05-13).
    assert any(DISTRICTS.search(r) for r in chinese)
    assert any(re.search(r"\d+月\d+日–\d+月\d+日", r) for r in chinese)
    # The heading and the first rows, as the window shows them (the whole table is long).
    page.locator("#unscheduled").evaluate("heading => heading.scrollIntoView()")
    shot = artifacts / "coordinator-plan-reasons.png"
    page.screenshot(path=str(shot))
    copy_to_docs(shot, "coordinator-plan-reasons.png")
    page.goto(f"{server.base_url}{plan_link}?lang=en")
    english = _reasons(page)
    assert len(english) == len(chinese)
    assert {r: unreadable(r, codes) for r in english if unreadable(r, codes)} == {}
    assert any(re.search(r"\d+ [A-Z][a-z]{2}–\d+ [A-Z][a-z]{2}", r) for r in english)
    page.goto(f"{server.base_url}/coordinator?lang=zh")
    context.close()
