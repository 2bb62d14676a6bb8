"""Property-based fuzzing of the whole OpenAPI schema with every check schemathesis has.

Not only no 5xx: requests the document allows are accepted, requests it forbids are refused,
every status, header and body is the one documented.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS as REGISTRY
from schemathesis.checks import CheckContext, load_all_checks, positive_data_acceptance
from schemathesis.core.transport import Response
from schemathesis.openapi.checks import RejectedPositiveData

from tests import factories as f
from trainsched.server import create_app
from trainsched.settings import Settings

load_all_checks()
CHECKS = REGISTRY.get_all()
# A scenario document or a spreadsheet can satisfy the schema and still break a rule no JSON
# Schema states (a cohort naming an unknown course, a time "25:99", a sheet of no known
# list). There the server's 422 must name that rule; a generic "invalid-request" would
# mean the document is looser than the server.
DOCUMENTS = {
    "POST /api/v1/scenarios",
    "PUT /api/v1/scenarios/{scenario_id}",
    "POST /api/v1/scenarios/{scenario_id}/parts/{kind}",
    "PUT /api/v1/scenarios/{scenario_id}/parts/{kind}/{item_id}",
    "POST /api/v1/scenarios/import",
}
RULE_KINDS = ("/invalid-document", "/invalid-spreadsheet")
# The SSE stream of a job that never ends would block a fuzzer; its own tests cover it.
SKIP = {"GET /api/v1/jobs/{job_id}/events"}


def document_rules_named(ctx: CheckContext, response: Response, case: schemathesis.Case) -> None:
    """positive_data_acceptance, except that a 422 naming a document rule is an answer."""
    try:
        positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        kind = response.json().get("type", "") if response.status_code == 422 else ""
        if not kind.endswith(RULE_KINDS):
            raise


def _labels() -> list[str]:
    # Only the schema is read here (an in-memory store is never touched); each test
    # fuzzes its own app on its own fresh database.
    app = create_app(Settings(database_url="sqlite://"))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    labels = [result.ok().label for result in schema.get_all_operations()]
    return [label for label in labels if label not in SKIP]


@pytest.fixture
def api_settings(api_settings: Settings) -> Settings:
    """The test's settings, with no limit on refused tokens worth reaching.

    The fuzzer sends wrong and missing tokens from one client on purpose, as many as it
    likes; the 429 they would earn has its own tests (tests/test_auth_limits.py).
    """
    return api_settings.model_copy(update={"auth_failures_per_client": 1_000_000})


@pytest.mark.parametrize("label", _labels())
def test_no_request_breaks_the_api(label: str, api: TestClient, auth: dict[str, str]) -> None:
    created = api.post("/api/v1/scenarios", json=f.scenario_doc(), headers=auth)
    assert created.status_code == 201
    schema = schemathesis.openapi.from_asgi("/openapi.json", api.app)
    operation = schema.find_operation_by_label(label)
    assert operation is not None
    cases = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    checks = CHECKS
    if label in DOCUMENTS:
        checks = [c for c in CHECKS if c is not positive_data_acceptance]
        checks.append(document_rules_named)

    @given(case=cases)
    @settings(
        max_examples=30,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=auth, checks=checks)

    fuzz()
