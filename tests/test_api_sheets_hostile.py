"""A hostile workbook over HTTP: a 422 naming the file or sheet, nothing stored, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.hostile_workbooks import SHEET, parts, sheet_xml, zipped
from trainsched.sheets import XLSX_MEDIA_TYPE

B = "/api/v1"


def _bomb() -> bytes:
    blanks = sheet_xml("").replace(b"<sheetData>", b"<sheetData>" + b" " * (20 * 1024 * 1024))
    return zipped({**parts(), SHEET: blanks}, level=9)


def _blank_rows() -> bytes:
    rows = "".join(f'<row r="{r}"><c r="A{r}" s="0"/></row>' for r in range(1, 200_002))
    return zipped({**parts(), SHEET: sheet_xml(rows)})


@pytest.mark.parametrize(("build", "sheet"), [(_bomb, "文件"), (_blank_rows, "区县")])
def test_hostile_workbook_is_refused_with_its_place_and_nothing_is_stored(
    api: TestClient, auth: dict[str, str], build: object, sheet: str
) -> None:
    assert callable(build)
    before = len(api.get(f"{B}/scenarios", headers=auth).json())
    files = {"file": ("lists.xlsx", build(), XLSX_MEDIA_TYPE)}
    answer = api.post(f"{B}/scenarios/import", files=files, headers=auth)
    assert answer.status_code == 422, answer.text
    assert [e["sheet"] for e in answer.json()["errors"]] == [sheet]
    assert len(api.get(f"{B}/scenarios", headers=auth).json()) == before
