"""The front page, language switch, page errors and coordinator sign-in."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web_coordinator import TEST_COORDINATOR, sign_in
from trainsched.server import create_app
from trainsched.settings import Settings
from trainsched.web.render import SESSION_COOKIE


def test_front_page_is_chinese_even_for_an_english_browser(api: TestClient) -> None:
    page = api.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert page.status_code == 200
    assert page.headers["content-language"] == "zh-CN"
    assert '<html lang="zh-CN">' in page.text
    assert "找培训班" in page.text


def test_english_switch_sticks_for_later_pages(api: TestClient) -> None:
    first = api.get("/?lang=en")
    assert "Find a class" in first.text
    assert first.cookies.get("lang") == "en"
    later = api.get("/login")
    assert "Coordinator sign-in" in later.text
    assert "协调员登录" not in later.text.replace('lang="zh-CN">中文', "")


def test_unknown_page_is_a_page_not_json(api: TestClient) -> None:
    page = api.get("/no-such-page")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "找不到这个页面" in page.text


def test_api_errors_stay_problem_json(api: TestClient) -> None:
    answer = api.get("/api/v1/scenarios/nope")
    assert answer.status_code == 401
    assert answer.headers["content-type"] == "application/problem+json"


def test_static_assets_are_served_by_the_app(api: TestClient) -> None:
    css = api.get("/static/app.css")
    assert css.status_code == 200
    assert "text/css" in css.headers["content-type"]


def test_login_with_a_wrong_token_shows_the_form_again(api: TestClient) -> None:
    page = api.post(
        "/login", data={"name": TEST_COORDINATOR, "token": "wrong", "next": "/coordinator"}
    )
    assert page.status_code == 401
    assert "用户名或令牌不对" in page.text
    assert SESSION_COOKIE not in page.cookies


def test_login_sets_an_httponly_session_and_follows_only_local_next(
    api: TestClient, coordinator_token: str
) -> None:
    answer = api.post(
        "/login",
        data={"name": TEST_COORDINATOR, "token": coordinator_token, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/coordinator"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie


def test_logout_forgets_the_session(api: TestClient, coordinator_token: str) -> None:
    sign_in(api, coordinator_token)
    answer = api.post("/logout", follow_redirects=False)
    assert answer.status_code == 303
    assert SESSION_COOKIE not in api.cookies


def test_a_wrong_query_value_on_a_page_is_an_html_page_naming_the_field(
    api_settings: Settings,
) -> None:
    app = create_app(api_settings)

    @app.get("/typed-page")
    def typed_page(count: int) -> str:
        return str(count)

    with TestClient(app) as client:
        page = client.get("/typed-page?count=many")
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert "这些填写项的值无效" in page.text and "count" in page.text


def test_a_wrong_query_value_on_the_api_stays_problem_json(api: TestClient) -> None:
    answer = api.get("/api/v1/public/scenarios/x/plan", headers={"If-None-Match": "x"})
    assert answer.headers["content-type"] == "application/problem+json"
