"""Feeds over HTTP: token feeds, public feeds, conditional GET, rotation and re-plans."""

from __future__ import annotations

import base64
import copy
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.factories import FEED_CONTACTS, feed_plan_doc, feed_scenario_doc
from tests.http_helpers import scenario_match
from trainsched.formats import Plan, parse_scenario
from trainsched.services.publications import Publications
from trainsched.store import repo
from trainsched.store.db import make_engine, session_scope

API = "/api/v1"


@pytest.fixture
def scenario_id(api: TestClient, db_url: str) -> Iterator[str]:
    """The feed test scenario stored, with the feed test plan published."""
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        row = repo.save_scenario(session, parse_scenario(feed_scenario_doc()))
        sid = row.id
    publish(db_url, sid, feed_plan_doc())
    yield sid
    engine.dispose()


def publish(db_url: str, sid: str, doc: dict[str, Any]) -> None:
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        plan = repo.add_plan(session, sid, Plan.model_validate(doc))
        repo.publish_plan(session, plan.id)
    engine.dispose()


def link(api: TestClient, auth: dict[str, str], sid: str, kind: str, subject: str) -> str:
    res = api.put(f"{API}/scenarios/{sid}/feed-tokens/{kind}/{subject}", headers=auth)
    assert res.status_code == 201, res.text
    url: str = res.json()["url"]
    return url.split("://", 1)[1].split("/", 1)[1]


def seen(body: bytes) -> dict[str, tuple[int, str]]:
    cal = Calendar.from_ical(body)
    return {str(e["UID"]): (int(e["SEQUENCE"]), str(e["STATUS"])) for e in cal.walk("VEVENT")}


def test_person_feed_is_served_as_calendar(
    api: TestClient, auth: dict[str, str], scenario_id: str
) -> None:
    res = api.get("/" + link(api, auth, scenario_id, "mentor", "M01"))
    assert res.status_code == 200
    assert res.headers["content-type"] == "text/calendar; charset=utf-8"
    assert res.headers["etag"].startswith('"')
    assert res.headers["last-modified"].endswith("GMT")
    assert res.headers["cache-control"].startswith("private")
    assert len(seen(res.content)) == 5
    assert "13700000001" in res.content.decode().replace("\r\n ", "")


def test_conditional_get_holds(api: TestClient, auth: dict[str, str], scenario_id: str) -> None:
    path = "/" + link(api, auth, scenario_id, "trainer", "T02")
    first = api.get(path)
    by_etag = api.get(path, headers={"If-None-Match": first.headers["etag"]})
    by_date = api.get(path, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag.content == b""
    assert by_etag.headers["etag"] == first.headers["etag"]


def test_conditional_get_broken(api: TestClient, auth: dict[str, str], scenario_id: str) -> None:
    path = "/" + link(api, auth, scenario_id, "trainer", "T02")
    stale = api.get(path, headers={"If-None-Match": '"not-this-one"'})
    old = api.get(path, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert (stale.status_code, old.status_code) == (200, 200)


def test_tokens_are_long_random_and_rotation_stops_the_old_link(
    api: TestClient, auth: dict[str, str], scenario_id: str
) -> None:
    old = link(api, auth, scenario_id, "trainer", "T01")
    new = link(api, auth, scenario_id, "trainer", "T01")
    token = new.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) >= 16
    assert old != new
    assert api.get("/" + new).status_code == 200
    gone = api.get("/" + old)
    unknown = api.get(f"{API}/feeds/{'A' * 43}.ics")
    assert gone.status_code == unknown.status_code == 404
    assert gone.json()["detail"] == unknown.json()["detail"]


def test_revoked_link_is_404(api: TestClient, auth: dict[str, str], scenario_id: str) -> None:
    path = "/" + link(api, auth, scenario_id, "venue", "V01")
    assert api.get(path).status_code == 200
    res = api.delete(f"{API}/scenarios/{scenario_id}/feed-tokens/venue/V01", headers=auth)
    assert res.status_code == 204
    assert api.get(path).status_code == 404


def test_links_only_for_people_and_venues_of_the_scenario(
    api: TestClient, auth: dict[str, str], scenario_id: str
) -> None:
    assert (
        api.put(f"{API}/scenarios/{scenario_id}/feed-tokens/trainer/T99", headers=auth).status_code
        == 404
    )
    assert api.put(f"{API}/scenarios/{scenario_id}/feed-tokens/trainer/T01").status_code == 401


def test_public_feeds_need_no_token_and_carry_no_contact(api: TestClient, scenario_id: str) -> None:
    base = f"{API}/public/scenarios/{scenario_id}"
    for path in (f"{base}/classes/C01.ics", f"{base}/districts/R02.ics"):
        res = api.get(path)
        assert res.status_code == 200
        assert res.headers["cache-control"].startswith("public")
        text = res.content.decode().replace("\r\n ", "")
        assert [c for c in FEED_CONTACTS if c in text] == []
    assert api.get(f"{base}/classes/C99.ics").status_code == 404
    assert api.get(f"{API}/public/scenarios/nope/classes/C01.ics").status_code == 404


def test_class_download_is_an_attachment(api: TestClient, scenario_id: str) -> None:
    res = api.get(f"{API}/public/scenarios/{scenario_id}/classes/C01/add-to-calendar.ics")
    assert res.status_code == 200
    assert res.headers["content-disposition"] == 'attachment; filename="C01.ics"'
    assert len(seen(res.content)) == 3
    assert b"REFRESH-INTERVAL" not in res.content


def test_republished_plan_moves_and_cancels_in_the_feed(
    api: TestClient,
    auth: dict[str, str],
    scenario_id: str,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Published here behind the API's back: read the store on every request.
    monkeypatch.setattr(api.app.state.publications.keys, "ttl_s", 0.0)
    path = "/" + link(api, auth, scenario_id, "trainer", "T03")
    before = api.get(path)
    doc = copy.deepcopy(feed_plan_doc())
    doc["cohorts"][1]["days"] = ["2027-03-04", "2027-03-08"]
    publish(db_url, scenario_id, doc)
    after = api.get(path, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    assert sorted(seen(after.content).values()) == [(0, "CONFIRMED"), (1, "CONFIRMED")]
    doc["cohorts"] = doc["cohorts"][:1]
    publish(db_url, scenario_id, doc)
    dropped = api.get(path)
    assert sorted(seen(dropped.content).values()) == [(1, "CANCELLED"), (2, "CANCELLED")]


def _venue_address(doc: dict[str, Any], venue_id: str, address: str) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    for venue in doc["venues"]:
        if venue["id"] == venue_id:
            venue["address"] = address
    return doc


def _locations(body: bytes) -> dict[str, tuple[int, str]]:
    cal = Calendar.from_ical(body)
    return {str(e["UID"]): (int(e["SEQUENCE"]), str(e["LOCATION"])) for e in cal.walk("VEVENT")}


def test_venue_edit_between_publications_raises_sequence_each_time(
    api: TestClient, auth: dict[str, str], scenario_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.app.state.publications.keys, "ttl_s", 0.0)
    path = "/" + link(api, auth, scenario_id, "trainer", "T01")
    before = _locations(api.get(path).content)
    assert {seq for seq, _ in before.values()} == {0}
    for n, address in enumerate(["东城区和平路8号", "东城区解放路2号"], start=1):
        doc = _venue_address(feed_scenario_doc(), "V01", address)
        saved = api.put(
            f"{API}/scenarios/{scenario_id}",
            json=doc,
            headers=scenario_match(api, scenario_id, auth),
        )
        assert saved.status_code == 200, saved.text
        after = _locations(api.get(path).content)
        at_v01 = {uid: v for uid, v in after.items() if "东城区创业孵化基地" in v[1]}
        assert at_v01, after
        assert all(seq == n and address in loc for seq, loc in at_v01.values())
        # Visits elsewhere did not change, so their SEQUENCE stays.
        assert all(after[uid][0] == 0 for uid in after if uid not in at_v01)


def test_rebuilding_an_unchanged_feed_keeps_its_sequences(
    api: TestClient, auth: dict[str, str], scenario_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.app.state.publications.keys, "ttl_s", 0.0)
    path = "/" + link(api, auth, scenario_id, "trainer", "T01")
    first = _locations(api.get(path).content)
    # A restarted process: nothing in memory.
    api.app.state.publications = Publications(api.app.state.engine)
    assert _locations(api.get(path).content) == first
