"""Shared by the trainers' and mentors' page tests: feed links and the busiest trainer."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web_data import engine_of
from trainsched.formats import Plan
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.tables import SubjectKind


def issue(api: TestClient, kind: SubjectKind, subject_id: str, scenario_id: str) -> str:
    with session_scope(engine_of(api)) as session:
        return repo.issue_feed_token(session, kind, subject_id, scenario_id)


def busiest_trainer(plan: Plan) -> str:
    days: dict[str, int] = {}
    for c in plan.cohorts:
        for t in c.trainers:
            days[t] = days.get(t, 0) + len(c.days)
    return max(days, key=lambda t: (days[t], t))


def dates_listed(page: str) -> list[str]:
    return re.findall(r'<h3 id="d-(\d{4}-\d\d-\d\d)">', page)
