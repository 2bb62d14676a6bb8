"""Words instead of codes: topics in feeds and diaries, requests vs visits on coordinator pages."""

from __future__ import annotations

import html
import json
import re

from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.feed_history_support import SCENARIO, T0, plan
from tests.people_support import issue
from tests.web_coordinator import scenario_id_of, sign_in, upload
from tests.web_data import demo_city, publish_demo
from trainsched.feeds import FeedSubject, build_feed
from trainsched.formats.words import TOPICS, topic_words
from trainsched.resources import fixture_path


def test_every_topic_of_the_demo_has_words_in_both_languages() -> None:
    scenario, _ = demo_city()
    tags = {r.topic for r in scenario.visit_requests} | {
        t for m in scenario.mentors for t in m.expertise
    }
    assert tags <= set(TOPICS)
    assert topic_words("ecommerce").zh == "电子商务" and topic_words("ecommerce").en == "E-commerce"
    assert topic_words("beekeeping").zh == "beekeeping"  # unknown tags are shown as they are


def test_mentor_feed_says_the_topic_in_words() -> None:
    body = build_feed(
        SCENARIO, plan(), FeedSubject.mentor("M01"), history=None, base_url="https://x.cn", now=T0
    ).body
    texts = [str(e["DESCRIPTION"]) for e in Calendar.from_ical(body).walk("VEVENT")]
    visits = [t for t in texts if t.startswith("创业者：")]
    assert visits and all("辅导方向：" in t for t in visits)
    for tag in TOPICS:
        assert not any(f"：{tag}" in t for t in texts), tag


def test_mentor_diary_says_the_topic_in_the_pages_language(api: TestClient) -> None:
    sid = publish_demo(api)
    scenario, plan_ = demo_city()
    mentor = next(m for m in scenario.mentors if any(v.mentor == m.id for v in plan_.visits))
    token = issue(api, "mentor", mentor.id, sid)
    for lang, words in (("zh", lambda m: m.zh), ("en", lambda m: m.en)):
        page = html.unescape(api.get(f"/me/{token}?lang={lang}").text)
        shown = [words(TOPICS[t]) for t in TOPICS if words(TOPICS[t]) in page]
        assert shown, lang
        assert not any(f"：{t}<" in page or f": {t}<" in page for t in TOPICS), lang


def test_scenario_page_says_founders_and_visits(api: TestClient, coordinator_token: str) -> None:
    csrf = sign_in(api, coordinator_token)
    sid = scenario_id_of(upload(api, csrf, fixture_path("tiny.json").read_bytes()))
    doc = json.loads(fixture_path("tiny.json").read_text("utf-8"))
    founders, visits = len(doc["visit_requests"]), sum(r["visits"] for r in doc["visit_requests"])
    page = api.get(f"/coordinator/scenarios/{sid}").text
    assert f"<dt>走访需求（创业者）</dt><dd>{founders}人，共需走访{visits}次</dd>" in page
    english = api.get(f"/coordinator/scenarios/{sid}?lang=en").text
    assert f"{founders} founders, {visits} visits asked for" in english


def test_diary_dates_have_one_style_per_language(api: TestClient) -> None:
    sid = publish_demo(api)
    _, plan_ = demo_city()
    token = issue(api, "trainer", plan_.cohorts[0].trainers[0], sid)
    english = api.get(f"/me/{token}?lang=en").text
    days = re.findall(r'<time datetime="[\d-]+">([^<]+)</time>', english)
    assert days and all(re.fullmatch(r"[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}", d) for d in days)
    chinese = api.get(f"/me/{token}?lang=zh").text
    days = re.findall(r'<time datetime="[\d-]+">([^<]+)</time>', chinese)
    assert days and all(re.fullmatch(r"\d{1,2}月\d{1,2}日 星期.", d) for d in days)


def test_trainees_feeds_carry_no_class_ids_staff_feeds_do() -> None:
    def texts(subject: FeedSubject) -> list[str]:
        body = build_feed(SCENARIO, plan(), subject, history=None, base_url="https://x.cn", now=T0)
        cal = Calendar.from_ical(body.body)
        found = [str(cal["X-WR-CALNAME"])]
        for event in cal.walk("VEVENT"):
            found += [str(event["SUMMARY"]), str(event["DESCRIPTION"]).split("班级页面")[0]]
        return found

    for public in (FeedSubject.cohort("C01"), FeedSubject.district("R01")):
        assert not any("C01" in t for t in texts(public)), public
    assert any("班级：C01（第1天/共3天）" in t for t in texts(FeedSubject.trainer("T02")))
    assert any("班级：C01" in t for t in texts(FeedSubject.venue("V01")))


def test_diary_course_names_are_translated_with_their_code(api: TestClient) -> None:
    sid = publish_demo(api)
    scenario, plan_ = demo_city()
    sim = [
        c
        for c in plan_.cohorts
        if next(x for x in scenario.cohorts if x.id == c.id).course == "SIM"
    ]
    assert sim, "the demo plan has a simulation class"
    token = issue(api, "trainer", sim[0].trainers[0], sid)
    english = html.unescape(api.get(f"/me/{token}?lang=en").text)
    assert "SIM 创业模拟实训" not in english and "创业模拟实训" not in english
    assert f"SIM Business simulation training {sim[0].id}" in english
