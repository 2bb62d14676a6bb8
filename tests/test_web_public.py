"""Trainees find a class by district, course, month and key group, and open its page."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.web_data import demo_city, publish
from trainsched.checker import check_plan, fund_usage, served_value
from trainsched.formats import Plan, Scenario
from trainsched.httpdeps import get_now
from trainsched.web.views.search import PAGE_SIZE


def class_ids(page: str) -> list[str]:
    """The class ids a results page lists, in order (cards and fallback lists)."""
    return re.findall(r'href="/classes/[0-9a-f-]{36}/([^"/]+)"', page)


def scheduled(scenario: Scenario, plan: Plan, **match: str) -> set[str]:
    """Ids of scheduled classes whose cohort has the given course/region."""
    cohorts = {c.id: c for c in scenario.cohorts}
    return {
        s.id
        for s in plan.cohorts
        if all(getattr(cohorts[s.id], key) == value for key, value in match.items())
    }


@pytest.fixture
def demo(api: TestClient) -> tuple[str, Scenario, Plan]:
    scenario, plan = demo_city()
    return publish(api, scenario, plan), scenario, plan


def all_pages(api: TestClient, query: str) -> list[str]:
    """Every class id over every page of a search."""
    ids: list[str] = []
    for page in range(1, 20):
        found = class_ids(api.get(f"/classes?{query}&page={page}").text)
        if not found or found[0] in ids:
            break
        ids += found
    return ids


def test_every_published_class_is_listed_a_page_at_a_time(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    _, _, plan = demo
    first = api.get("/classes")
    assert first.status_code == 200
    assert f"共{len(plan.cohorts)}个班" in first.text
    assert len(class_ids(first.text)) == PAGE_SIZE
    assert 'rel="next"' in first.text
    assert sorted(all_pages(api, "x=1")) == sorted(c.id for c in plan.cohorts)


def test_district_and_course_narrow_the_list(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    _, scenario, plan = demo
    page = api.get("/classes?district=R03&course=SYB").text
    expected = scheduled(scenario, plan, region="R03", course="SYB")
    assert expected and set(class_ids(page)) == expected
    assert f"共{len(expected)}个班" in page
    assert '<option value="R03" selected>东湖区</option>' in page


def test_month_keeps_classes_starting_that_month(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    _, _, plan = demo
    march = {c.id for c in plan.cohorts if min(c.days).month == 3}
    assert set(all_pages(api, "month=2027-03")) == march


def test_key_group_keeps_classes_with_places_for_that_group(api: TestClient) -> None:
    scenario, plan = demo_city()
    only_other = plan.cohorts[0].id
    cohorts = [
        c.model_copy(update={"trainees": {"other": c.size}}) if c.id == only_other else c
        for c in scenario.cohorts
    ]
    edited = scenario.model_copy(update={"cohorts": cohorts})
    used = fund_usage(edited, plan)
    funds = [f.model_copy(update={"used": used.get(f.id, 0)}) for f in plan.funds]
    plan = plan.model_copy(update={"funds": funds, "objective": served_value(edited, plan)})
    assert check_plan(edited, plan) == []
    publish(api, edited, plan)
    graduates = all_pages(api, "group=graduate")
    assert only_other not in graduates
    with_graduates = {c.id for c in cohorts if c.trainees.get("graduate", 0) > 0}
    assert set(graduates) == with_graduates & {c.id for c in plan.cohorts}
    assert only_other in all_pages(api, "x=1")


def test_empty_district_shows_the_nearest_classes_and_its_next_ones(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    _, scenario, plan = demo
    assert not scheduled(scenario, plan, region="R10", course="EYB")
    page = api.get("/classes?district=R10&course=EYB").text
    assert "龙阳县暂时没有符合条件的培训班" in page
    assert "离龙阳县最近的班" in page
    nearest_part = page.split("离龙阳县最近的班")[1]
    near_ids = class_ids(nearest_part)
    assert near_ids and set(near_ids) <= scheduled(scenario, plan, course="EYB")
    kms = [int(k) for k in re.findall(r"约(\d+)公里", nearest_part)]
    assert kms == sorted(kms)
    next_part = page.split("龙阳县接下来计划开的班")[1].split("离龙阳县最近的班")[0]
    assert set(class_ids(next_part)) <= scheduled(scenario, plan, region="R10")
    assert "开班" in next_part


def _first_to_end(plan: Plan) -> tuple[str, dt.date]:
    first = min(plan.cohorts, key=lambda c: (max(c.days), c.id))
    return first.id, max(first.days)


def _at_shanghai(api: TestClient, day: dt.date, hour: int, minute: int) -> None:
    shanghai = dt.timezone(dt.timedelta(hours=8))
    now = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=shanghai)
    api.app.dependency_overrides[get_now] = lambda: now  # type: ignore[attr-defined]


def test_a_class_stays_listed_until_its_last_day_is_over_locally(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    cohort_id, last = _first_to_end(demo[2])
    _at_shanghai(api, last, 23, 59)  # 15:59 UTC: still the class's last day in Shanghai
    assert cohort_id in all_pages(api, "")
    page = api.get(f"/classes/{demo[0]}/{cohort_id}").text
    assert "加入我的日历" in page and "这个培训班已于" not in page


def test_an_ended_class_leaves_the_list_but_keeps_its_page(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    scenario_id, _, plan = demo
    cohort_id, last = _first_to_end(plan)
    # Local midnight after the last day is still that day in UTC: the day is the local one.
    _at_shanghai(api, last + dt.timedelta(days=1), 0, 0)
    listed = all_pages(api, "")
    assert cohort_id not in listed
    assert len(listed) == sum(1 for c in plan.cohorts if max(c.days) > last)
    page = api.get(f"/classes/{scenario_id}/{cohort_id}")
    assert page.status_code == 200
    assert "这个培训班已于" in page.text and "加入我的日历" not in page.text
    english = api.get(f"/classes/{scenario_id}/{cohort_id}?lang=en").text
    assert f"This class ended on {last:%b} {last.day}, {last.year}." in english


def test_a_month_whose_classes_are_all_over_is_no_longer_a_choice(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    plan = demo[2]
    first = min(min(c.days) for c in plan.cohorts).strftime("%Y-%m")
    started_then = [c for c in plan.cohorts if min(c.days).strftime("%Y-%m") == first]
    _at_shanghai(api, max(max(c.days) for c in started_then) + dt.timedelta(days=1), 8, 0)
    page = api.get("/classes").text
    assert f'<option value="{first}"' not in page
    later = sorted({min(c.days).strftime("%Y-%m") for c in plan.cohorts} - {first})
    assert f'<option value="{later[-1]}"' in page


def test_class_page_shows_its_timetable_place_map_and_trainers(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    scenario_id, scenario, plan = demo
    placed = plan.cohorts[0]
    venue = next(v for v in scenario.venues if v.id == placed.venue)
    page = api.get(f"/classes/{scenario_id}/{placed.id}")
    assert page.status_code == 200
    text = html.unescape(page.text)
    for day in placed.days:
        assert f'datetime="{day.isoformat()}"' in text
    assert text.count("<tr><td>第") == len(placed.days)
    assert venue.name in text and venue.address and venue.address in text
    assert f"https://uri.amap.com/marker?position={venue.lon:.6f}%2C{venue.lat:.6f}" in text
    for trainer_id in placed.trainers:
        assert next(t.name for t in scenario.trainers if t.id == trainer_id) in text
    assert "webcal://" in text


def test_add_to_calendar_downloads_the_class_days(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    scenario_id, _, plan = demo
    placed = plan.cohorts[1]
    page = api.get(f"/classes/{scenario_id}/{placed.id}").text
    link = re.search(r'href="([^"]+add-to-calendar\.ics)" download', page)
    assert link is not None
    download = api.get(link.group(1))
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(download.content).walk("VEVENT")
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert [s.date() for s in starts] == sorted(placed.days)
    assert all(s.utcoffset() == dt.timedelta(hours=8) for s in starts)


def test_a_class_named_by_id_alone_opens_its_page(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    scenario_id, _, plan = demo
    answer = api.get(f"/classes/{plan.cohorts[2].id}", follow_redirects=False)
    assert answer.status_code == 307
    assert answer.headers["location"] == f"/classes/{scenario_id}/{plan.cohorts[2].id}"


def test_unknown_class_is_a_404_page(api: TestClient, demo: tuple[str, Scenario, Plan]) -> None:
    scenario_id, _, _ = demo
    for url in (f"/classes/{scenario_id}/NOPE", "/classes/NOPE"):
        page = api.get(url)
        assert page.status_code == 404
        assert page.headers["content-type"].startswith("text/html")
        assert "没有找到这个培训班" in page.text


def test_no_published_plan_shows_an_empty_list_not_an_error(api: TestClient) -> None:
    page = api.get("/classes?district=R01&course=SYB&month=2027-13&group=nobody")
    assert page.status_code == 200
    assert "共0个班" in page.text


def test_pages_switch_to_english(api: TestClient, demo: tuple[str, Scenario, Plan]) -> None:
    scenario_id, _, plan = demo
    listing = api.get("/classes?lang=en&course=SYB").text
    assert "Find a class" in listing and "SYB Start Your Business" in listing
    assert "找培训班" not in listing.replace('lang="zh-CN">中文', "")
    page = api.get(f"/classes/{scenario_id}/{plan.cohorts[0].id}").text
    assert "Add to my calendar" in page and "Day 1" in page


def test_about_page_explains_courses_groups_and_subsidy_with_pictures(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    _, scenario, _ = demo
    page = api.get("/about")
    assert page.status_code == 200
    for words in ("SYB 创办你的企业", "IYB 改善你的企业", "EYB 扩大你的企业", "补贴包括什么"):
        assert words in page.text
    for group in ("高校毕业生", "返乡入乡农民工", "就业困难人员"):
        assert group in page.text
    syb = next(c for c in scenario.courses if c.id == "SYB")
    assert f"{syb.subsidy_per_trainee:,}元" in page.text
    icons = re.findall(
        r'<img class="icon" src="(/static/icons/[a-z]+\.svg)"[^>]*alt="([^"]*)"', page.text
    )
    assert len(icons) >= 7 and all(alt for _, alt in icons[:7])
    for src, _ in icons:
        svg = api.get(src)
        assert svg.status_code == 200 and "<title" in svg.text
    english = api.get("/about?lang=en").text
    assert "What the subsidy covers" in english and "Start Your Business" in english


def test_a_bad_or_too_high_page_number_shows_a_page_not_an_error(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    _, _, plan = demo
    first = api.get("/classes?page=abc")
    assert first.status_code == 200 and "第1页" in first.text
    last_page = -(-len(plan.cohorts) // PAGE_SIZE)
    beyond = api.get("/classes?page=999")
    assert beyond.status_code == 200
    assert f"第{last_page}页，共{last_page}页" in beyond.text
    assert class_ids(beyond.text)
