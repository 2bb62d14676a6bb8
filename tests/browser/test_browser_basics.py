"""In a real browser: the front page, the language switch and coordinator sign-in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.conftest import DESKTOP, PHONE, Server
from tests.browser.helpers import serious_violations, shoot, sign_in


def test_front_page_reads_in_chinese_and_switches_to_english(
    server: Server, browser: Any, artifacts: Path
) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(server.base_url + "/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("免费创业培训")
    page.get_by_role("link", name="English").click()
    assert page.get_by_role("link", name="Find a class").first.is_visible()
    shoot(page, artifacts, "front-phone-en")
    page.close()


def test_front_and_sign_in_pages_have_no_serious_accessibility_findings(
    server: Server, browser: Any
) -> None:
    page = browser.new_page(viewport=DESKTOP)
    for path in ("/", "/login", "/?lang=en"):
        page.goto(server.base_url + path)
        assert serious_violations(page) == [], path
    page.close()


def test_coordinator_signs_in_with_a_token(server: Server, browser: Any) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, server.base_url, server.token, next_path="/")
    assert page.get_by_role("link", name="协调员工作台").is_visible()
    context.close()
