"""Spreadsheets over HTTP: template, all-or-nothing import, scenario and plan export."""

from __future__ import annotations

import io

import httpx
import openpyxl
import pytest
from fastapi.testclient import TestClient

from tests import factories as f
from tests.http_helpers import solved_plan
from trainsched.sheets import XLSX_MEDIA_TYPE, export_scenario

B = "/api/v1"


def _workbook_bytes() -> bytes:
    scenario = f.scenario(
        trainers=[f.trainer(), f.trainer("T02")], cohorts=[f.cohort(), f.cohort("C02")]
    )
    return export_scenario(scenario)


def _upload(
    api: TestClient, auth: dict[str, str], data: bytes, name: str = "lists.xlsx"
) -> httpx.Response:
    files = {"file": (name, data, XLSX_MEDIA_TYPE)}
    return api.post(f"{B}/scenarios/import", files=files, headers=auth)


def _scenario_count(api: TestClient, auth: dict[str, str]) -> int:
    return len(api.get(f"{B}/scenarios", headers=auth).json())


def test_template_downloads_as_an_excel_workbook(api: TestClient, auth: dict[str, str]) -> None:
    answer = api.get(f"{B}/sheets/template", headers=auth)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == XLSX_MEDIA_TYPE
    workbook = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert "讲师" in workbook.sheetnames


def test_import_stores_the_scenario_and_answers_its_counts(
    api: TestClient, auth: dict[str, str]
) -> None:
    answer = _upload(api, auth, _workbook_bytes())
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert answer.headers["location"] == f"{B}/scenarios/{body['id']}"
    assert body["counts"]["cohorts"] == 2
    assert body["counts"]["trainers"] == 2


def test_bad_cell_is_named_by_sheet_row_and_column_and_nothing_is_stored(
    api: TestClient, auth: dict[str, str]
) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(_workbook_bytes()))
    workbook["讲师"]["D3"] = "SYBB"
    out = io.BytesIO()
    workbook.save(out)
    before = _scenario_count(api, auth)
    answer = _upload(api, auth, out.getvalue())
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    [error] = answer.json()["errors"]
    assert (error["sheet"], error["row"], error["column"], error["value"]) == (
        "讲师",
        3,
        "资质",
        "SYBB",
    )
    assert error["path"] == "sheet 讲师 row 3, column 资质"
    assert error["message"] and error["message_zh"]
    assert _scenario_count(api, auth) == before


def test_a_file_that_is_no_spreadsheet_is_refused_by_name(
    api: TestClient, auth: dict[str, str]
) -> None:
    answer = _upload(api, auth, b"%PDF-1.7 not a workbook", name="lists.pdf")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["sheet"] == "文件"


def test_oversized_upload_is_413(
    api: TestClient, auth: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("trainsched.sheets.sources.MAX_UPLOAD_BYTES", 1000)
    answer = _upload(api, auth, _workbook_bytes())
    assert answer.status_code == 413
    assert _scenario_count(api, auth) == 0


def test_import_needs_a_coordinator(api: TestClient) -> None:
    assert _upload(api, {}, _workbook_bytes()).status_code == 401


def test_scenario_export_reimports_to_the_same_lists(api: TestClient, auth: dict[str, str]) -> None:
    first = _upload(api, auth, _workbook_bytes()).json()
    exported = api.get(f"{B}/scenarios/{first['id']}/export.xlsx", headers=auth)
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    again = _upload(api, auth, exported.content).json()
    assert again["counts"] == first["counts"]


def test_plan_export_is_a_printable_workbook(api: TestClient, auth: dict[str, str]) -> None:
    plan_id = solved_plan(api, auth)
    answer = api.get(f"{B}/plans/{plan_id}/export.xlsx", headers=auth)
    assert answer.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert any(name.startswith("开班申请") for name in workbook.sheetnames)


def test_export_of_an_unknown_plan_is_404(api: TestClient, auth: dict[str, str]) -> None:
    assert api.get(f"{B}/plans/nope/export.xlsx", headers=auth).status_code == 404
