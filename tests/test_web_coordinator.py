"""Coordinator desk and scenario pages: sign-in, upload, Excel import and export, checks."""

from __future__ import annotations

import io
import json

import openpyxl
from fastapi.testclient import TestClient

from tests import factories as f
from tests.web_coordinator import csrf_of, scenario_id_of, sign_in, upload
from trainsched.resources import fixture_path
from trainsched.sheets import XLSX_MEDIA_TYPE, export_scenario


def test_coordinator_pages_redirect_to_sign_in_when_signed_out(api: TestClient) -> None:
    for path in ("/coordinator", "/coordinator/scenarios/x", "/coordinator/plans/x"):
        answer = api.get(path, follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == f"/login?next={path}"


def test_a_form_post_without_the_csrf_value_is_refused_and_stores_nothing(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    sign_in(api, coordinator_token)
    data = json.dumps(f.scenario_doc()).encode()
    answer = api.post(
        "/coordinator/scenarios", files={"file": ("s.json", data)}, follow_redirects=False
    )
    assert answer.status_code == 403
    assert "text/html" in answer.headers["content-type"]
    assert api.get("/api/v1/scenarios", headers=auth).json() == []


def test_uploaded_scenario_opens_its_overview_with_counts(
    api: TestClient, coordinator_token: str
) -> None:
    csrf = sign_in(api, coordinator_token)
    sid = scenario_id_of(upload(api, csrf, fixture_path("tiny.json").read_bytes()))
    page = api.get(f"/coordinator/scenarios/{sid}")
    assert page.status_code == 200
    doc = json.loads(fixture_path("tiny.json").read_text("utf-8"))
    facts = page.text.split('<dl class="facts">')[1].split("</dl>")[0]
    for label, key in (("班级需求", "cohorts"), ("场地", "venues"), ("讲师", "trainers")):
        assert f"<dt>{label}</dt><dd>{len(doc[key])}</dd>" in facts
    assert "没有错误" in page.text
    assert doc["name"] in api.get("/coordinator").text


def test_a_broken_scenario_file_lists_each_problem_by_path_and_stores_nothing(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    bad = f.scenario_doc(cohorts=[f.cohort(course="NOPE")])
    page = upload(api, csrf, json.dumps(bad).encode())
    assert page.status_code == 422
    assert "cohorts[0].course" in page.text
    assert api.get("/api/v1/scenarios", headers=auth).json() == []


def test_calendar_warning_shows_on_the_overview(api: TestClient, coordinator_token: str) -> None:
    csrf = sign_in(api, coordinator_token)
    # 2099 is not announced: the page says its dates are provisional.
    doc = f.scenario_doc(
        horizon={"start": "2099-03-02", "end": "2099-04-30"},
        calendar={"official": "CN"},
        cohorts=[f.cohort(earliest="2099-03-02", latest_end="2099-04-30")],
        funds=[f.fund(**{"from": "2099-03-02", "to": "2099-04-30"})],
    )
    sid = scenario_id_of(upload(api, csrf, json.dumps(doc).encode()))
    page = api.get(f"/coordinator/scenarios/{sid}")
    assert "2099年放假安排尚未公布" in page.text
    english = api.get(f"/coordinator/scenarios/{sid}?lang=en")
    assert "the 2099 holiday schedule has not been announced yet" in english.text
    assert "2099年放假安排尚未公布" not in english.text


def _workbook_with_bad_qualification() -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(export_scenario(f.scenario())))
    wb["讲师"]["D3"] = "SYBB"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_excel_import_errors_name_sheet_row_and_column_and_store_nothing(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    page = api.post(
        "/coordinator/import",
        data={"csrf": csrf},
        files={"file": ("lists.xlsx", _workbook_with_bad_qualification(), XLSX_MEDIA_TYPE)},
    )
    assert page.status_code == 422
    table = page.text.split('id="import-errors"')[1].split("</table>")[0]
    row = table.split("<tbody>")[1]
    assert "<td>讲师</td><td>3</td>" in row
    assert "<td>资质</td><td>SYBB</td>" in row
    assert api.get("/api/v1/scenarios", headers=auth).json() == []


def test_excel_import_of_a_good_workbook_stores_the_scenario(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    data = export_scenario(f.scenario())
    answer = api.post(
        "/coordinator/import",
        data={"csrf": csrf},
        files={"file": ("lists.xlsx", data, XLSX_MEDIA_TYPE)},
        follow_redirects=False,
    )
    sid = scenario_id_of(answer)
    stored = api.get(f"/api/v1/scenarios/{sid}/summary", headers=auth).json()
    assert stored["counts"]["cohorts"] == 1


def test_template_and_scenario_export_download_as_workbooks(
    api: TestClient, coordinator_token: str
) -> None:
    csrf = sign_in(api, coordinator_token)
    template = api.get("/coordinator/template.xlsx")
    assert template.headers["content-type"] == XLSX_MEDIA_TYPE
    assert "讲师" in openpyxl.load_workbook(io.BytesIO(template.content)).sheetnames
    sid = scenario_id_of(upload(api, csrf, json.dumps(f.scenario_doc()).encode()))
    exported = api.get(f"/coordinator/scenarios/{sid}/export.xlsx")
    assert exported.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content))["讲师"]
    assert "讲师T01" in [c.value for row in sheet.iter_rows() for c in row]


def test_overview_is_in_english_after_the_switch(api: TestClient, coordinator_token: str) -> None:
    csrf = sign_in(api, coordinator_token)
    sid = scenario_id_of(upload(api, csrf, json.dumps(f.scenario_doc()).encode()))
    page = api.get(f"/coordinator/scenarios/{sid}?lang=en")
    assert "Requested classes" in page.text
    assert "Start solving" in page.text
    assert "开始排班" not in page.text
    assert csrf_of(page.text) == csrf


def test_unknown_scenario_is_a_404_page(api: TestClient, coordinator_token: str) -> None:
    sign_in(api, coordinator_token)
    page = api.get("/coordinator/scenarios/nope")
    assert page.status_code == 404
    assert "text/html" in page.headers["content-type"]


def test_a_bad_time_limit_is_refused_on_a_page_naming_the_field(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    csrf = sign_in(api, coordinator_token)
    sid = scenario_id_of(upload(api, csrf, json.dumps(f.scenario_doc()).encode()))
    for bad in ("abc", "0", "99999"):
        page = api.post(
            f"/coordinator/scenarios/{sid}/solve", data={"csrf": csrf, "time_limit_s": bad}
        )
        assert page.status_code == 422
        assert page.headers["content-type"].startswith("text/html")
        assert "time_limit_s" in page.text
    assert api.get(f"/api/v1/scenarios/{sid}/jobs", headers=auth).json() == []
