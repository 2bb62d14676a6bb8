"""In a real browser on a phone: a trainee finds a class, opens it and saves it to a calendar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from icalendar import Calendar

from tests.browser.conftest import DESKTOP, PHONE, Server, copy_to_docs
from tests.browser.helpers import serious_violations, shoot


def _first_class_url(server: Server, browser: Any) -> str:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(server.base_url + "/classes")
    href: str = page.locator("article.class-card h3 a").first.get_attribute("href")
    page.close()
    return href


def test_trainee_finds_a_class_opens_it_and_downloads_its_calendar(
    server: Server, browser: Any, artifacts: Path
) -> None:
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    page.goto(server.base_url + "/classes")
    district = page.get_by_label("区县")
    first_district = district.locator("option").nth(1).get_attribute("value")
    district.select_option(first_district)
    page.get_by_role("button", name="查找").click()
    page.wait_for_url(f"**district={first_district}**")
    cards = page.locator("article.class-card")
    assert cards.count() > 0
    title = cards.first.locator("h3 a").inner_text()
    cards.first.locator("h3 a").click()
    assert title in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("heading", name="每天的课程安排").is_visible()
    # The page fits a phone: nothing scrolls sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px phone"
    shot = shoot(page, artifacts, "class-page-phone")
    copy_to_docs(shot, "class-page-phone.png")
    with page.expect_download() as info:
        page.get_by_role("link", name="加入我的日历").click()
    saved = Path(info.value.path())
    calendar = Calendar.from_ical(saved.read_bytes())
    days = [event for event in calendar.walk("VEVENT")]
    assert days, "the downloaded calendar holds the class's days"
    assert all(str(event["DTSTART"].dt.tzinfo) == "Asia/Shanghai" for event in days)
    context.close()


def test_public_pages_have_no_serious_accessibility_findings(
    server: Server, browser: Any, artifacts: Path
) -> None:
    class_url = _first_class_url(server, browser)
    page = browser.new_page(viewport=PHONE)
    paths = ["/classes", class_url, "/about", "/classes?lang=en", class_url + "?lang=en"]
    findings = {}
    for path in paths:
        page.goto(server.base_url + path)
        found = serious_violations(page)
        if found:
            findings[path] = found
    shoot(page, artifacts, "class-page-phone-en")
    page.close()
    assert findings == {}


def test_on_a_phone_a_class_says_whom_to_call_where_by_when_and_seats_left(
    server: Server, browser: Any, artifacts: Path
) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(server.base_url + _first_class_url(server, browser))
    enrol = page.locator("section.enrol")
    enrol.scroll_into_view_if_needed()
    assert enrol.is_visible()
    call = enrol.locator("a[href^='tel:']")
    assert call.is_visible() and call.inner_text().replace("-", "").isdigit()
    text = enrol.inner_text()
    assert "报名地址" in text and "前报名" in text
    facts = page.locator("dl.facts").first.inner_text()
    assert "还剩" in facts and "报名截止" in facts
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px phone"
    # The screenshot shows the facts and the enrolment box together, as a phone shows them.
    page.locator("dl.facts").first.scroll_into_view_if_needed()
    shot = shoot(page, artifacts, "class-enrol-phone", full_page=False)
    copy_to_docs(shot, "class-enrol-phone.png")
    page.close()
