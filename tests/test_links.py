"""Links in answers, pages and feeds follow the address the client used, or the configured one."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from starlette.requests import Request

from tests.links_support import HERE, published_client
from trainsched.httpdeps import public_base
from trainsched.server.run import add_coordinator_cli
from trainsched.settings import Settings


@pytest.fixture
def on_port(db_url: str) -> Iterator[TestClient]:
    """The app with no public URL configured, reached at 127.0.0.1:8123."""
    yield from published_client(Settings(database_url=db_url, cpsat_workers=2))


@pytest.fixture
def configured(db_url: str) -> Iterator[TestClient]:
    """The app with a configured public URL, reached at another address."""
    settings = Settings(database_url=db_url, public_base_url="https://px.example.cn/")
    yield from published_client(settings)


def _link(client: TestClient, settings: Settings, kind: str, who: str) -> dict[str, str]:
    token = add_coordinator_cli(settings, "links")
    sid = client.headers["X-Test-Scenario"]
    answer = client.put(
        f"/api/v1/scenarios/{sid}/feed-tokens/{kind}/{who}",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 201, answer.text
    link: dict[str, str] = answer.json()
    return link


def _settings(client: TestClient) -> Settings:
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    return settings


def test_feed_link_answer_uses_the_port_the_client_used(on_port: TestClient) -> None:
    link = _link(on_port, _settings(on_port), "trainer", "T01")
    assert link["url"] == f"{HERE}/api/v1/feeds/{link['token']}.ics"
    assert link["webcal"] == f"webcal://127.0.0.1:8123/api/v1/feeds/{link['token']}.ics"
    assert link["page"] == f"{HERE}/me/{link['token']}"
    page = html.unescape(on_port.get(f"/me/{link['token']}").text)
    assert f'value="{link["url"]}"' in page


def test_links_inside_the_ics_use_the_port_the_client_used(on_port: TestClient) -> None:
    link = _link(on_port, _settings(on_port), "trainer", "T01")
    body = on_port.get(link["url"].removeprefix(HERE)).content
    events = [e for e in Calendar.from_ical(body).walk("VEVENT") if "-C0" in str(e["UID"])]
    assert events
    for event in events:
        assert str(event["URL"]).startswith(f"{HERE}/classes/")
        assert f"班级页面：{HERE}/classes/" in str(event["DESCRIPTION"])
    assert b"127.0.0.1:8000" not in body


def test_class_page_subscribe_links_use_the_port_the_client_used(on_port: TestClient) -> None:
    sid = on_port.headers["X-Test-Scenario"]
    page = html.unescape(on_port.get(f"/classes/{sid}/C01").text)
    assert f'href="webcal://127.0.0.1:8123/api/v1/public/scenarios/{sid}/classes/C01.ics"' in page
    assert f'href="{HERE}/api/v1/public/scenarios/{sid}/classes/C01.ics"' in page
    assert "127.0.0.1:8000" not in page


def test_the_same_feed_reached_at_two_addresses_links_to_each(on_port: TestClient) -> None:
    sid = on_port.headers["X-Test-Scenario"]
    path = f"/api/v1/public/scenarios/{sid}/classes/C01.ics"
    here = on_port.get(path).text
    there = on_port.get(path, headers={"Host": "10.1.2.3:9000"}).text
    assert "http://127.0.0.1:8123/classes/C01" in here.replace("\r\n ", "")
    assert "http://10.1.2.3:9000/classes/C01" in there.replace("\r\n ", "")


def test_configured_public_url_wins(configured: TestClient) -> None:
    link = _link(configured, _settings(configured), "mentor", "M01")
    assert link["url"].startswith("https://px.example.cn/api/v1/feeds/")
    assert link["page"] == f"https://px.example.cn/me/{link['token']}"
    sid = configured.headers["X-Test-Scenario"]
    page = configured.get(f"/classes/{sid}/C01").text
    assert "webcal://px.example.cn/api/v1/public/" in page and HERE not in page


def _request(client: str, headers: dict[str, str]) -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    scope = {"type": "http", "scheme": "http", "path": "/", "headers": raw, "query_string": b""}
    return Request({**scope, "client": (client, 5000), "server": ("10.0.0.9", 8000)})


FORWARDED = {"Host": "10.0.0.9:8000", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "px.cn"}


def test_forwarded_headers_count_from_a_trusted_proxy_holds() -> None:
    settings = Settings(trusted_proxies="10.0.0.0/24, 192.168.1.7")  # type: ignore[arg-type]
    assert public_base(_request("10.0.0.5", FORWARDED), settings) == "https://px.cn"
    assert public_base(_request("192.168.1.7", FORWARDED), settings) == "https://px.cn"


def test_forwarded_headers_count_from_a_trusted_proxy_broken() -> None:
    # Anyone else could send them: a stranger's headers change no link.
    settings = Settings(trusted_proxies="10.0.0.0/24")  # type: ignore[arg-type]
    assert public_base(_request("203.0.113.8", FORWARDED), settings) == "http://10.0.0.9:8000"
    assert public_base(_request("10.0.0.5", FORWARDED), Settings()) == "http://10.0.0.9:8000"


def test_a_host_header_that_is_no_host_never_reaches_a_link() -> None:
    hostile = {"Host": "evil.cn/<script>"}
    assert public_base(_request("203.0.113.8", hostile), Settings()) == "http://10.0.0.9:8000"


def test_public_url_must_be_a_web_address() -> None:
    with pytest.raises(ValueError, match="PUBLIC_BASE_URL"):
        Settings(public_base_url="px.example.cn")
    assert Settings(public_base_url="").public_base_url is None
    assert re.fullmatch(
        r"https://a\.cn", Settings(public_base_url="https://a.cn/").public_base_url or ""
    )
