"""Small helpers for the browser tests: accessibility checks, sign-in, screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe

SERIOUS = {"serious", "critical"}
_AXE = Axe()


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    results = _AXE.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in SERIOUS:
            targets = [node["target"] for node in violation["nodes"]][:3]
            found.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return found


# The user name the browser tests' server creates (tests/browser/conftest.py).
BROWSER_COORDINATOR = "浏览器测试"


def sign_in(
    page: Any,
    base_url: str,
    token: str,
    next_path: str = "/coordinator",
    name: str = BROWSER_COORDINATOR,
) -> None:
    """Sign in through the form, the way a coordinator does."""
    page.goto(f"{base_url}/login?next={next_path}")
    page.get_by_label("用户名").fill(name)
    page.get_by_label("登录令牌").fill(token)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base_url}{next_path}*")


def shoot(page: Any, folder: Path, name: str, full_page: bool = True) -> Path:
    """A screenshot (the whole page, or what the window shows) saved as a test artifact."""
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
