"""Each visit rule of the spec (hard rule 6) alone, on tiny crafted scenarios."""

from __future__ import annotations

from typing import Any

from tests import factories as f
from tests.visits_support import D, days, solve, why


def test_working_day_holds() -> None:
    res = solve(
        calendar={"workdays": ["2027-03-06"]},
        mentors=[f.mentor()],
        visit_requests=[f.visit_request(**{"from": "2027-03-06", "to": "2027-03-07"})],
    )
    assert days(res) == [D(2027, 3, 6)]


def test_working_day_broken() -> None:
    res = solve(
        mentors=[f.mentor()],
        visit_requests=[f.visit_request(**{"from": "2027-03-06", "to": "2027-03-07"})],
    )
    assert res.visits == []
    assert res.unscheduled[0].missing == 1
    assert "too short for 1 visits" in why(res).en


def test_window_holds() -> None:
    res = solve(
        mentors=[f.mentor()],
        visit_requests=[f.visit_request(visits=3, **{"from": "2027-03-03", "to": "2027-03-05"})],
    )
    assert days(res) == [D(2027, 3, 3), D(2027, 3, 4), D(2027, 3, 5)]
    assert res.unscheduled == []
    assert res.status == "optimal"


def test_window_broken() -> None:
    res = solve(
        mentors=[f.mentor()],
        visit_requests=[f.visit_request(visits=4, **{"from": "2027-03-03", "to": "2027-03-05"})],
    )
    assert len(days(res)) == 3
    (short,) = res.unscheduled
    assert short.missing == 1
    assert "太短" in why(res).zh
    assert "the window 3 Mar–5 Mar is too short for 4 visits with a gap of 1 day" in (why(res).en)


def test_topic_holds() -> None:
    near = f.mentor("M01", expertise=["finance"])
    far = f.mentor("M02", lat=30.2, expertise=["ecommerce"])
    res = solve(mentors=[near, far], visit_requests=[f.visit_request()])
    assert [v.mentor for v in res.visits] == ["M02"]


def test_topic_broken() -> None:
    res = solve(
        mentors=[f.mentor(expertise=["finance"])],
        visit_requests=[f.visit_request(topic="legal")],
    )
    assert res.visits == []
    assert "none of the mentors has the topic Law" in why(res).en
    assert "导师" in why(res).zh


def test_available_holds() -> None:
    away = {"from": "2027-03-01", "to": "2027-03-04"}
    res = solve(
        mentors=[f.mentor(unavailable=[away])],
        visit_requests=[f.visit_request(**{"from": "2027-03-01", "to": "2027-03-05"})],
    )
    assert days(res) == [D(2027, 3, 5)]


def test_available_broken() -> None:
    away = {"from": "2027-03-01", "to": "2027-03-05"}
    res = solve(
        mentors=[f.mentor(unavailable=[away])],
        visit_requests=[f.visit_request(**{"from": "2027-03-01", "to": "2027-03-05"})],
    )
    assert res.visits == []
    assert "has no free day in 1 Mar–5 Mar" in why(res).en


def _three_requests(start: str, end: str) -> list[dict[str, Any]]:
    return [f.visit_request(f"Q0{i}", **{"from": start, "to": end}) for i in (1, 2, 3)]


def test_visits_per_day_holds() -> None:
    res = solve(
        mentors=[f.mentor(max_visits_per_day=2)],
        visit_requests=_three_requests("2027-03-01", "2027-03-02"),
    )
    assert len(res.visits) == 3
    assert max(sum(1 for v in res.visits if v.date == d) for d in {v.date for v in res.visits}) == 2


def test_visits_per_day_broken() -> None:
    res = solve(
        mentors=[f.mentor(max_visits_per_day=2)],
        visit_requests=_three_requests("2027-03-01", "2027-03-01"),
    )
    assert len(res.visits) == 2
    assert len(res.unscheduled) == 1
    assert "has no room in 1 Mar" in why(res).en


def test_visits_per_week_holds() -> None:
    res = solve(
        mentors=[f.mentor(max_visits_per_week=2)],
        visit_requests=_three_requests("2027-03-04", "2027-03-08"),  # Thu..next Mon
    )
    assert len(res.visits) == 3
    assert sum(1 for v in res.visits if v.date <= D(2027, 3, 7)) == 2


def test_visits_per_week_broken() -> None:
    res = solve(
        mentors=[f.mentor(max_visits_per_week=2)],
        visit_requests=_three_requests("2027-03-01", "2027-03-05"),
    )
    assert len(res.visits) == 2
    assert res.unscheduled[0].missing == 1


def test_teaching_day_holds() -> None:
    teach = frozenset(D(2027, 3, d) for d in (1, 2, 3, 4))
    res = solve(
        teaching={"T01": teach},
        mentors=[f.mentor(trainer="T01")],
        visit_requests=[f.visit_request(**{"from": "2027-03-01", "to": "2027-03-05"})],
    )
    assert days(res) == [D(2027, 3, 5)]


def test_teaching_day_broken() -> None:
    teach = frozenset(D(2027, 3, d) for d in (1, 2, 3, 4, 5))
    res = solve(
        teaching={"T01": teach},
        mentors=[f.mentor(trainer="T01")],
        visit_requests=[f.visit_request(**{"from": "2027-03-01", "to": "2027-03-05"})],
    )
    assert res.visits == []
    assert "teaching" in why(res).en


def test_mentor_who_teaches_is_never_sent_out_that_day() -> None:
    teach = frozenset(D(2027, 3, d) for d in range(1, 32) if d % 2)
    reqs = [f.visit_request(f"Q{i:02d}", visits=2) for i in range(1, 13)]
    res = solve(teaching={"T01": teach}, mentors=[f.mentor(trainer="T01")], visit_requests=reqs)
    assert len(res.visits) == 24
    assert not any(v.date in teach for v in res.visits)


def test_min_gap_holds() -> None:
    res = solve(
        mentors=[f.mentor()],
        visit_requests=[
            f.visit_request(visits=2, min_gap_days=10, **{"from": "2027-03-01", "to": "2027-03-11"})
        ],
    )
    assert days(res) == [D(2027, 3, 1), D(2027, 3, 11)]


def test_min_gap_broken() -> None:
    res = solve(
        mentors=[f.mentor()],
        visit_requests=[
            f.visit_request(visits=2, min_gap_days=10, **{"from": "2027-03-01", "to": "2027-03-10"})
        ],
    )
    assert len(days(res)) == 1
    assert "too short for 2 visits with a gap of 10 days (at most 1 fit)" in why(res).en


def test_never_more_visits_than_asked_holds() -> None:
    res = solve(mentors=[f.mentor()], visit_requests=[f.visit_request(visits=2)])
    assert len(days(res)) == 2
    assert len(set(days(res))) == 2


def test_never_more_visits_than_asked_broken() -> None:
    # Two mentors with room cannot push one founder past the visits asked, nor double a day.
    res = solve(
        mentors=[f.mentor("M01"), f.mentor("M02")],
        visit_requests=[f.visit_request(visits=3, **{"from": "2027-03-01", "to": "2027-03-02"})],
    )
    assert days(res) == [D(2027, 3, 1), D(2027, 3, 2)]
    assert res.unscheduled[0].missing == 1
