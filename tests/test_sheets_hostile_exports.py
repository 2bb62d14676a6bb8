"""Exported workbooks cannot attack their readers: formula-looking names stay plain text."""

from __future__ import annotations

import io
from collections.abc import Iterator

import openpyxl
import pytest
from openpyxl.cell.cell import Cell

from tests import factories as f
from trainsched.formats import Plan, Scenario
from trainsched.sheets import csv_cell, export_plan, export_scenario
from trainsched.sheets.safe_cells import put

HOSTILE = (
    '=HYPERLINK("http://evil.example/x","click")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
)
DAYS = ["2027-03-01", "2027-03-02", "2027-03-03"]


def _hostile(n: int) -> str:
    return HOSTILE[n % len(HOSTILE)]


def _scenario() -> Scenario:
    return f.scenario(
        regions=[f.region(name=_hostile(0))],
        courses=[f.course(name=_hostile(1))],
        trainers=[f.trainer(name=_hostile(2), contact=_hostile(3))],
        venues=[f.venue(name=_hostile(3), address=_hostile(4))],
        cohorts=[f.cohort(x={"institution": _hostile(5)})],
        funds=[f.fund(name=_hostile(4), amount=1_000_000)],
        mentors=[f.mentor(name=_hostile(5))],
        visit_requests=[f.visit_request(entrepreneur=_hostile(0), topic="ecommerce")],
    )


def _plan() -> Plan:
    return f.plan(
        cohorts=[{"id": "C01", "days": DAYS, "venue": "V01", "trainers": ["T01"]}],
        visits=[{"request": "Q01", "date": "2027-03-04", "mentor": "M01", "order": 1}],
        funds=[{"id": "F01", "used": 20_000, "amount": 1_000_000}],
    )


def _cells(data: bytes) -> Iterator[Cell]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from (c for c in row if isinstance(c, Cell) and c.value is not None)


def _read_back(text: str) -> str:
    # XML turns a carriage return into a line feed when read; what matters is the text after it.
    return text.replace("\r", "\n")


@pytest.mark.parametrize(
    "export",
    [
        pytest.param(lambda: export_plan(_scenario(), _plan()), id="plan"),
        pytest.param(lambda: export_scenario(_scenario()), id="scenario"),
        pytest.param(lambda: export_scenario(None), id="template"),
    ],
)
def test_no_exported_cell_is_a_formula(export: object) -> None:
    assert callable(export)
    formulas = [(c.parent.title, c.coordinate) for c in _cells(export()) if c.data_type == "f"]
    assert formulas == []


@pytest.mark.parametrize("which", ["plan", "scenario"])
def test_hostile_names_are_kept_as_text_in_every_export(which: str) -> None:
    s = _scenario()
    data = export_plan(s, _plan()) if which == "plan" else export_scenario(s)
    texts = {c.value for c in _cells(data) if c.data_type == "s"}
    expected = {_read_back(h) for h in HOSTILE}
    found = {t for t in texts if isinstance(t, str) and t in expected}
    assert found == expected
    guarded = [c for c in _cells(data) if isinstance(c.value, str) and c.value in expected]
    assert all(c.quotePrefix for c in guarded if c.value[0] in "=+-@\t")


def test_negative_numbers_written_as_numbers_stay_numbers() -> None:
    wb = openpyxl.Workbook()
    assert put(wb.active, 1, 1, -2).data_type == "n"
    assert put(wb.active, 1, 2, "-2").data_type == "s"


def test_an_overspent_funds_negative_balance_stays_a_number() -> None:
    plan = _plan().model_copy(update={"funds": []})
    overspent = _scenario().model_copy(
        update={"funds": [f.scenario(funds=[f.fund(amount=5_000)]).funds[0]]}
    )
    wb = openpyxl.load_workbook(io.BytesIO(export_plan(overspent, plan)))
    ws = wb["资金使用"]
    heads = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(heads, ws[2], strict=True)}
    assert row["剩余（元）"].value == -15_000 and row["剩余（元）"].data_type == "n"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("张三", "张三"),
        (-2, "-2"),
        (1.5, "1.5"),
        (None, ""),
    ],
)
def test_csv_cells_prefix_formula_looking_text_with_an_apostrophe(
    value: object, written: str
) -> None:
    assert csv_cell(value) == written
