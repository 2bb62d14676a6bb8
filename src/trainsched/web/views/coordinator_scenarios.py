"""The coordinator's scenarios: upload, import from Excel, and one scenario's overview."""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict

import sqlalchemy as sa
from pydantic import BaseModel
from sqlmodel import Session, col

from trainsched.api.schemas import JobPublic, PlanPublic, ScenarioPublic
from trainsched.formats import FormatError, Scenario, parse_scenario
from trainsched.formats.validate import scenario_problems
from trainsched.services import jobs, plans
from trainsched.services import scenarios as service
from trainsched.services.errors import NotFound
from trainsched.sheets import MAX_UPLOAD_BYTES, SheetImportError, import_workbook
from trainsched.store import repo
from trainsched.store.tables import ScenarioRow
from trainsched.workcal import scenario_calendar


class ProblemRow(BaseModel):
    """One problem of an uploaded scenario document, at its JSON path."""

    path: str
    message: str


class SheetErrorRow(BaseModel):
    """One problem of an imported workbook, by sheet, row and column."""

    sheet: str
    row: int | None
    column: str | None
    value: str | None
    message_zh: str
    message_en: str


class UploadRefused(Exception):  # noqa: N818 - a refusal the page shows, not a crash
    """An upload was refused as a whole; nothing was stored."""

    def __init__(self, problems: list[ProblemRow]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class ImportRefused(Exception):  # noqa: N818
    """A workbook was refused as a whole; nothing was stored."""

    def __init__(self, errors: list[SheetErrorRow]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


class Bilingual(BaseModel):
    """A message the core writes in both languages."""

    zh: str
    en: str


# Calendar warnings read "English text (中文)".
_EN_ZH = re.compile(r"^(?P<en>.*\S)\s*\((?P<zh>[^()]*)\)$", re.S)


def bilingual(text: str) -> Bilingual:
    """Split an "English (中文)" message; one that is not split shows as is in both."""
    found = _EN_ZH.match(text)
    if found is None:
        return Bilingual(zh=text, en=text)
    return Bilingual(zh=found["zh"], en=found["en"])


class ScenarioChecks(BaseModel):
    """What one revision of a scenario holds and what is wrong or doubtful in it."""

    scenario: ScenarioPublic
    regions: int
    problems: list[ProblemRow]
    calendar_warnings: list[Bilingual]
    untaught_courses: list[str]


class ScenarioOverview(ScenarioChecks):
    """A scenario's counts and checks, with its jobs and plans."""

    jobs: list[JobPublic]
    plans: list[PlanPublic]


_CACHE_SIZE = 16
_checks: OrderedDict[tuple[str, int], ScenarioChecks] = OrderedDict()
_lock = threading.Lock()


def _too_big(data: bytes) -> bool:
    return len(data) > MAX_UPLOAD_BYTES


def create_from_json(session: Session, data: bytes) -> ScenarioPublic:
    """Store an uploaded scenario document, or refuse it listing every problem."""
    if _too_big(data):
        limit = MAX_UPLOAD_BYTES // (1024 * 1024)
        raise UploadRefused([ProblemRow(path="$", message=f"larger than {limit} MB")])
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UploadRefused([ProblemRow(path="$", message=f"not JSON: {exc}")]) from None
    try:
        scenario = parse_scenario(document)
    except FormatError as exc:
        problems = [ProblemRow(path=p.path, message=p.message) for p in exc.problems]
        raise UploadRefused(problems) from None
    return service.to_public(repo.save_scenario(session, scenario))


def create_from_workbook(session: Session, data: bytes, filename: str) -> ScenarioPublic:
    """Store a scenario imported from a workbook: all or nothing."""
    try:
        scenario = import_workbook(data, filename)  # refuses a file over the size limit too
    except SheetImportError as exc:
        raise ImportRefused(
            [SheetErrorRow.model_validate(e.as_dict()) for e in exc.errors]
        ) from None
    return service.to_public(repo.save_scenario(session, scenario))


def _untaught_courses(scenario: Scenario) -> list[str]:
    # A requested course no trainer is qualified for can never be placed.
    taught = {q for t in scenario.trainers for q in t.qualifications}
    wanted = {c.course for c in scenario.cohorts}
    return sorted(
        c.id for c in scenario.courses if c.id in wanted and c.qualification_tag not in taught
    )


def _build_checks(session: Session, scenario_id: str) -> ScenarioChecks:
    row, scenario = service.load(session, scenario_id)
    return ScenarioChecks(
        scenario=service.to_public(row),
        regions=len(scenario.regions),
        problems=[ProblemRow(path=p.path, message=p.message) for p in scenario_problems(scenario)],
        calendar_warnings=[bilingual(w) for w in scenario_calendar(scenario).warnings],
        untaught_courses=_untaught_courses(scenario),
    )


def checks(session: Session, scenario_id: str) -> ScenarioChecks:
    """A scenario's counts and checks, parsed once per revision (revisions never change)."""
    revision = session.execute(
        sa.select(col(ScenarioRow.revision)).where(col(ScenarioRow.id) == scenario_id)
    ).scalar_one_or_none()
    if revision is None:
        raise NotFound("scenario", scenario_id)
    key = (scenario_id, revision)
    with _lock:
        found = _checks.get(key)
    if found is None:
        found = _build_checks(session, scenario_id)
        with _lock:
            _checks[(scenario_id, found.scenario.revision)] = found
            while len(_checks) > _CACHE_SIZE:
                _checks.popitem(last=False)
    return found


def overview(session: Session, scenario_id: str) -> ScenarioOverview:
    """A stored scenario as its overview page shows it."""
    return ScenarioOverview(
        **dict(checks(session, scenario_id)),
        jobs=[jobs.to_public(j) for j in repo.list_jobs(session, scenario_id)],
        plans=plans.list_public(session, scenario_id),
    )


def my_scenarios(session: Session) -> list[ScenarioPublic]:
    """Every stored scenario, newest change first (each document parsed once per revision)."""
    found = []
    for scenario_id in session.execute(sa.select(col(ScenarioRow.id))).scalars().all():
        try:
            found.append(checks(session, scenario_id).scenario)
        except NotFound:
            continue  # deleted meanwhile by someone else
    return sorted(found, key=lambda s: s.updated_at, reverse=True)
