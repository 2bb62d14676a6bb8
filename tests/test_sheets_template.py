"""The template carries headers, example rows, drop-downs and notes; the CLI writes the files."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from tests import factories as f
from trainsched.cli import app
from trainsched.formats import load_scenario
from trainsched.sheets import MAX_UPLOAD_BYTES, export_scenario
from trainsched.sheets.columns import LIST_SHEETS, SETTINGS
from trainsched.sheets.spec import NOTES_SHEET


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_template_has_a_sheet_per_list_with_headers_and_an_example_row() -> None:
    wb = _book(export_scenario(None))
    assert wb.sheetnames == [NOTES_SHEET, SETTINGS.name, *(s.name for s in LIST_SHEETS)]
    for spec in LIST_SHEETS:
        ws = wb[spec.name]
        assert ws["A1"].value == "编号" and ws["A2"].value, spec.name


def test_template_offers_drop_downs_for_courses_districts_and_groups() -> None:
    wb = _book(export_scenario(None))
    cohorts = [dv.formula1 for dv in wb["开班需求"].data_validations.dataValidation]
    requests = [dv.formula1 for dv in wb["走访需求"].data_validations.dataValidation]
    assert any("课程" in str(x) for x in cohorts) and any("区县" in str(x) for x in cohorts)
    assert any("重点群体" in str(x) for x in requests)


def test_notes_sheet_explains_every_column() -> None:
    wb = _book(export_scenario(None))
    explained = {
        (r[0], r[1]) for r in wb[NOTES_SHEET].iter_rows(min_row=2, values_only=True) if r[1]
    }
    for spec in LIST_SHEETS:
        for header in (c.value for c in wb[spec.name][1]):
            assert (spec.name, header) in explained


def test_scenario_export_lists_its_entries_instead_of_examples() -> None:
    s = f.scenario(trainers=[f.trainer(), f.trainer("T02")])
    wb = _book(export_scenario(s))
    assert [r[0] for r in wb["讲师"].iter_rows(min_row=2, values_only=True)] == ["T01", "T02"]


runner = CliRunner()


def test_cli_round_trips_a_scenario_file(tmp_path: Path) -> None:
    s = f.scenario()
    (tmp_path / "s.json").write_text(s.to_json(), encoding="utf-8")
    book, back = tmp_path / "s.xlsx", tmp_path / "back.json"
    exported = runner.invoke(app, ["export", "scenario", str(tmp_path / "s.json"), "-o", str(book)])
    assert exported.exit_code == 0, exported.output
    assert runner.invoke(app, ["import", str(book), "-o", str(back)]).exit_code == 0
    assert load_scenario(back) == s
    assert not list(tmp_path.glob("*.part"))


def test_cli_plan_export_writes_a_workbook(tmp_path: Path) -> None:
    s = f.scenario()
    plan = f.plan(
        cohorts=[
            {
                "id": "C01",
                "days": ["2027-03-01", "2027-03-02", "2027-03-03"],
                "venue": "V01",
                "trainers": ["T01"],
            }
        ]
    )
    (tmp_path / "s.json").write_text(s.to_json(), encoding="utf-8")
    (tmp_path / "p.json").write_text(plan.to_json(), encoding="utf-8")
    args = ["export", "plan", str(tmp_path / "s.json"), str(tmp_path / "p.json")]
    assert runner.invoke(app, [*args, "-o", str(tmp_path / "p.xlsx")]).exit_code == 0
    assert "开班计划" in _book((tmp_path / "p.xlsx").read_bytes()).sheetnames


def test_cli_import_refuses_a_too_large_file(tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    with big.open("wb") as out:
        out.truncate(MAX_UPLOAD_BYTES + 1)
    result = runner.invoke(app, ["import", str(big), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2
    assert "limit" in result.output and "上限" in result.output
    assert not (tmp_path / "out.json").exists()
