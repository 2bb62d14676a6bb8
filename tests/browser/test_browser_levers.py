"""In a real browser: the plan page says what it would take to place the classes left out,
and, when asked, what money and one more trainer would buy (curve, tables)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, Server, copy_to_docs
from tests.browser.helpers import shoot, sign_in


def _reload_until(page: Any, selector: str, limit_s: float) -> None:
    # Without JavaScript the sections show "computing" with a link; a coordinator reloads.
    deadline = time.monotonic() + limit_s
    while page.locator(selector).count() == 0:
        assert time.monotonic() < deadline, f"{selector} did not appear in {limit_s} s"
        time.sleep(2)
        page.reload()


def test_plan_page_shows_levers_and_the_money_curve(
    server: Server, browser: Any, artifacts: Path
) -> None:
    plans = httpx.get(
        f"{server.base_url}/api/v1/scenarios/{server.scenario_id}/plans",
        headers={"Authorization": f"Bearer {server.token}"},
        timeout=10,
    ).json()
    published = next(p["id"] for p in plans if p["status"] == "published")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, server.base_url, server.token, f"/coordinator/plans/{published}")
    expect(page.get_by_role("heading", name="还需要什么")).to_be_visible()
    _reload_until(page, "#levers-table", 180)
    assert "就能安排本班" in page.locator("#levers-table").inner_text()
    page.get_by_role("button", name="计算资金曲线（约需几分钟）").click()
    _reload_until(page, "#money-curve", 600)
    assert "每增加1万元可多培训约" in page.locator("#money-per-10k").inner_text()
    assert page.locator("#money-curve polyline").count() == 2
    assert page.locator("table.money-table").count() >= 2
    shoot(page, artifacts, "coordinator-levers-money-full")
    # The first levers, then the money section (its curve, sentence and tables), for README.
    top = page.locator("section[aria-labelledby=levers]").bounding_box()
    assert top is not None
    # The box is where the window shows it; a full-page clip counts from the page's top.
    y = top["y"] + page.evaluate("window.scrollY")
    clip = {"x": 0, "y": y, "width": DESKTOP["width"], "height": 620}
    levers = artifacts / "coordinator-levers.png"
    page.screenshot(path=str(levers), full_page=True, clip=clip)
    copy_to_docs(levers, "coordinator-levers.png")
    money = artifacts / "coordinator-money.png"
    page.locator("section[aria-labelledby=money]").screenshot(path=str(money))
    copy_to_docs(money, "coordinator-money.png")
    context.close()
