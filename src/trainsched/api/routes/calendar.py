"""A scenario's calendar: entering a year's official holiday notice once it is announced."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from trainsched.api.mapping import public
from trainsched.api.problems import problem_responses
from trainsched.api.routes._body import ScenarioIfMatch
from trainsched.api.schemas import OfficialDaysUpdate, ScenarioPublic
from trainsched.httpdeps import CurrentActor, SessionDep
from trainsched.services import official_days

router = APIRouter(prefix="/scenarios", tags=["scenarios"])

Year = Annotated[int, Path(ge=2000, le=2100, description="The year the notice is for.")]


@router.put(
    "/{scenario_id}/official-days/{year}",
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def enter_official_days(
    scenario_id: str,
    year: Year,
    notice: OfficialDaysUpdate,
    response: Response,
    session: SessionDep,
    actor: CurrentActor,
    if_match: ScenarioIfMatch = None,
) -> ScenarioPublic:
    """Enter the State Council's notice for a year: its days stop being provisional.

    Entering the same year again replaces that year's notice, so a wrong date is taken back.
    Then ``POST /plans/{id}/replan`` with no changes moves only the classes it breaks.
    """
    days = official_days.OfficialDays(year, notice.holidays, notice.workdays)
    found = official_days.enter_official_days(session, actor, scenario_id, days, if_match)
    response.headers["ETag"] = found.etag
    return public(ScenarioPublic, found)
