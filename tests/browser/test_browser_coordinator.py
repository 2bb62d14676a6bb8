"""In a real browser: a coordinator signs in, starts a solve (keeping the published plan),
watches it finish and publishes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, Server, copy_to_docs
from tests.browser.helpers import serious_violations, shoot, sign_in

SOLVE_SECONDS = 4


def test_coordinator_solves_watches_progress_and_publishes(
    server: Server, browser: Any, artifacts: Path
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, server.base_url, server.token)
    page.goto(f"{server.base_url}/coordinator/scenarios/{server.scenario_id}")
    page.get_by_label("最长计算时间（秒）").fill(str(SOLVE_SECONDS))
    page.get_by_role("button", name="开始排班").click()
    page.wait_for_url(re.compile(r".*/coordinator/jobs/[^/]+$"))
    progress = page.locator("#job-progress")
    expect(progress).to_be_visible()
    # The live stream moves the bar; the page reloads itself when the job ends.
    page.get_by_role("link", name="查看方案").wait_for(timeout=90_000)
    assert progress.get_attribute("value") == progress.get_attribute("max")
    assert "已完成" in page.locator("#job").inner_text()
    # The demo is published: the form kept it, and the job page says what it changed.
    assert "本次排班尽量保留了已发布的方案" in page.locator("#published-changes").inner_text()
    page.get_by_role("link", name="查看方案").click()
    page.wait_for_url(re.compile(r".*/coordinator/plans/[^/]+$"))
    expect(page.get_by_role("heading", name="关键指标")).to_be_visible()
    assert page.locator("svg[role=img]").count() >= 2
    shoot(page, artifacts, "coordinator-plan-desktop-full")
    shot = shoot(page, artifacts, "coordinator-plan-desktop", full_page=False)
    copy_to_docs(shot, "coordinator-plan-desktop.png")
    confirm = page.locator("input[name=confirm_changes]")
    if confirm.count():  # published classes would change: the form asks first
        confirm.check()
    page.get_by_role("button", name="发布方案").click()
    page.wait_for_load_state()
    assert "已发布" in page.get_by_role("heading", level=1).inner_text()
    context.close()


def test_coordinator_pages_have_no_serious_accessibility_findings(
    server: Server, browser: Any, artifacts: Path
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, server.base_url, server.token)
    page.goto(f"{server.base_url}/coordinator/scenarios/{server.scenario_id}")
    plan_link = page.locator("a[href^='/coordinator/plans/']").first.get_attribute("href")
    paths = [
        "/coordinator",
        f"/coordinator/scenarios/{server.scenario_id}",
        plan_link,
        "/coordinator?lang=en",
        f"{plan_link}?lang=en",
    ]
    findings = {}
    for path in paths:
        page.goto(server.base_url + path)
        found = serious_violations(page)
        if found:
            findings[path] = found
    page.set_viewport_size(PHONE)
    page.goto(server.base_url + plan_link)
    shoot(page, artifacts, "coordinator-plan-phone")
    context.close()
    assert findings == {}
