"""Public pages and feeds are sent from prepared bytes: compressed as asked, 304 when current."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.factories import feed_plan_doc, feed_scenario_doc
from tests.http_helpers import plan_match
from trainsched.formats import Plan, parse_scenario
from trainsched.server import create_app
from trainsched.services.prepared import prepare
from trainsched.settings import Settings
from trainsched.store import repo
from trainsched.store.db import make_engine, session_scope

API = "/api/v1"
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture
def scenario_id(db_url: str) -> str:
    """The feed test city stored with its plan published (as another process would)."""
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        row = repo.save_scenario(session, parse_scenario(feed_scenario_doc()))
        repo.add_plan(session, row.id, Plan.model_validate(feed_plan_doc()), status="published")
        sid = row.id
    engine.dispose()
    return sid


def public_paths(sid: str) -> dict[str, str]:
    return {
        "class page": f"/classes/{sid}/C01",
        "class list": "/classes",
        "class feed": f"{API}/public/scenarios/{sid}/classes/C01.ics",
        "district feed": f"{API}/public/scenarios/{sid}/districts/R01.ics",
        "public plan": f"{API}/public/scenarios/{sid}/plan",
    }


def test_every_public_page_and_feed_is_compressed_as_the_caller_asks(
    api: TestClient, scenario_id: str
) -> None:
    for name, path in public_paths(scenario_id).items():
        plain = api.get(path, headers=PLAIN)
        assert plain.status_code == 200, name
        assert "content-encoding" not in plain.headers, name
        assert plain.headers["vary"] == "Accept-Encoding", name
        for coding in ("gzip", "br"):
            packed = api.get(path, headers={"Accept-Encoding": coding})
            assert packed.headers["content-encoding"] == coding, name
            assert packed.headers["vary"] == "Accept-Encoding", name
            # Each coding's bytes have their own strong ETag.
            assert packed.headers["etag"] != plain.headers["etag"], name
            # The client unpacked it (a broken coding would fail): the same bytes as plain.
            assert packed.content == plain.content, name
        refused = api.get(path, headers={"Accept-Encoding": "gzip;q=0, br;q=0"})
        assert "content-encoding" not in refused.headers, name


def test_a_current_copy_is_answered_304_by_any_of_its_etags_or_its_date(
    api: TestClient, scenario_id: str
) -> None:
    for name, path in public_paths(scenario_id).items():
        plain = api.get(path, headers=PLAIN)
        packed = api.get(path, headers={"Accept-Encoding": "br"})
        for etag in (plain.headers["etag"], packed.headers["etag"]):
            again = api.get(path, headers={"If-None-Match": etag, "Accept-Encoding": "br"})
            assert again.status_code == 304, name
            assert again.content == b"", name
        since = plain.headers["last-modified"]
        assert api.get(path, headers={"If-Modified-Since": since}).status_code == 304, name
        stale = api.get(path, headers={"If-None-Match": '"an-old-copy"'})
        assert stale.status_code == 200, name


def test_a_copy_from_before_the_last_change_is_sent_again(
    api: TestClient, scenario_id: str
) -> None:
    path = f"/classes/{scenario_id}/C01"
    changed = api.get(path).headers["last-modified"]
    earlier = dt.datetime.strptime(changed, "%a, %d %b %Y %H:%M:%S GMT") - dt.timedelta(hours=2)
    asked = {"If-Modified-Since": earlier.strftime("%a, %d %b %Y %H:%M:%S GMT")}
    assert api.get(path, headers=asked).status_code == 200


def test_a_signed_in_coordinators_copy_of_a_public_page_is_kept_from_shared_caches(
    api: TestClient, scenario_id: str
) -> None:
    path = f"/classes/{scenario_id}/C01"
    assert api.get(path).headers["cache-control"].startswith("public")
    api.cookies.set("trainsched_session", "anything")
    own = api.get(path)
    assert own.headers["cache-control"] == "private, no-cache"
    assert 'href="/coordinator"' in own.text
    api.cookies.clear()
    assert 'href="/coordinator"' not in api.get(path).text


@pytest.fixture
def second_process(api_settings: Settings) -> Iterator[TestClient]:
    """Another API process on the same store (in distributed mode, another machine)."""
    with TestClient(create_app(api_settings)) as client:
        yield client


def test_a_plan_published_by_another_process_replaces_the_prepared_bytes(
    api: TestClient,
    second_process: TestClient,
    auth: dict[str, str],
    db_url: str,
    scenario_id: str,
) -> None:
    before = {n: api.get(p).headers["etag"] for n, p in public_paths(scenario_id).items()}
    doc = copy.deepcopy(feed_plan_doc())
    doc["cohorts"][0]["days"] = ["2027-03-04", "2027-03-05"]
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        plan_id = repo.add_plan(session, scenario_id, Plan.model_validate(doc)).id
    engine.dispose()
    match = plan_match(second_process, plan_id, auth)
    # One published class moves: publishing takes that number confirmed.
    url = f"{API}/plans/{plan_id}/publish?confirm_changes=1"
    published = second_process.post(url, headers=match)
    assert published.status_code == 200, published.text
    # Other processes learn which publication is current within a second; what they send
    # is keyed by the publication, so nothing built from the old one is sent after that.
    # The wait is generous because each round rebuilds and compresses five answers, which on
    # a loaded 2-core CI machine has taken longer than 5 s; a quiet run ends within a second.
    deadline = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30)
    after = before
    while dt.datetime.now(dt.UTC) < deadline:
        after = {n: api.get(p).headers["etag"] for n, p in public_paths(scenario_id).items()}
        if all(after[n] != before[n] for n in after):
            break
    assert all(after[n] != before[n] for n in after), (before, after)
    assert "2027-03-04" in api.get(f"{API}/public/scenarios/{scenario_id}/plan").text


def test_small_answers_are_not_compressed_and_codings_follow_the_callers_weights() -> None:
    now = dt.datetime(2027, 3, 1, 8, 30, 15, 999, tzinfo=dt.UTC)
    small = prepare(b"BEGIN:VCALENDAR", "text/calendar", now)
    assert small.encoded == {} and small.coding_for("gzip, br") is None
    assert small.last_modified == now.replace(microsecond=0)
    big = prepare("班级".encode() * 1000, "text/html", now)
    assert set(big.encoded) == {"gzip", "br"}
    assert big.coding_for("gzip, br") == "br"
    assert big.coding_for("br;q=0, gzip") == "gzip"
    assert big.coding_for("identity") is None
    assert big.etag_for("gzip") != big.etag_for(None) != big.etag_for("br")
