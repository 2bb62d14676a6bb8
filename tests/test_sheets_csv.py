"""CSV lists in the encodings Chinese offices produce, each matched to the list it holds."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from tests import factories as f
from trainsched.formats.common import DateRange
from trainsched.sheets import SheetImportError, import_workbook

TRAINERS = (
    "编号,姓名,所在区县,资质,不可用日期\n"
    'T01,王芳,R01,SYB,"2027-03-01~2027-03-05；2027-03-09"\n'
    "T02,李强,区R01,SYB,\n"
)


@pytest.mark.parametrize(
    "data",
    [
        TRAINERS.encode("gb18030"),
        TRAINERS.encode("utf-8"),
        codecs.BOM_UTF8 + TRAINERS.encode("utf-8"),
        TRAINERS.replace(",", "\t").encode("utf-16"),
    ],
    ids=["gb18030", "utf-8", "utf-8-bom", "utf-16-tab"],
)
def test_trainer_csv_is_read_in_every_office_encoding(data: bytes) -> None:
    s = import_workbook(data, "trainers.csv", base=f.scenario(trainers=[]))
    assert [(t.id, t.name, t.region) for t in s.trainers] == [
        ("T01", "王芳", "R01"),
        ("T02", "李强", "R01"),
    ]
    assert s.trainers[0].unavailable == [
        DateRange(start=dt.date(2027, 3, 1), end=dt.date(2027, 3, 5)),
        dt.date(2027, 3, 9),
    ]


def test_csv_list_is_chosen_by_its_headers_when_the_name_says_nothing() -> None:
    s = import_workbook(TRAINERS.encode("gb18030"), "导出数据(1).csv", base=f.scenario(trainers=[]))
    assert len(s.trainers) == 2


def test_csv_list_is_chosen_by_the_kind_argument() -> None:
    data = "编号,名称,纬度,经度\nR02,新区,30.5,120.5\n".encode()
    s = import_workbook(data, "upload.csv", base=f.scenario(), kind="区县")
    assert [r.id for r in s.regions] == ["R01", "R02"]


def test_csv_whose_list_cannot_be_told_is_refused() -> None:
    with pytest.raises(SheetImportError) as info:
        import_workbook("编号,名称\nX,Y\n".encode(), "upload.csv", base=f.scenario())
    assert "kind" in info.value.errors[0].message.en


def test_csv_errors_name_the_list_row_and_column() -> None:
    data = "编号,姓名,所在区县,资质\nT01,王芳,R01,SYB\nT02,李强,R01,SYBB\n".encode("gb18030")
    with pytest.raises(SheetImportError) as info:
        import_workbook(data, "trainers.csv", base=f.scenario(trainers=[]))
    assert [(e.sheet, e.row, e.column, e.value) for e in info.value.errors] == [
        ("讲师", 3, "资质", "SYBB")
    ]


def test_csv_without_a_base_is_refused_for_missing_settings() -> None:
    with pytest.raises(SheetImportError) as info:
        import_workbook(TRAINERS.encode(), "trainers.csv")
    assert {e.sheet for e in info.value.errors} == {"基本信息", "区县", "课程"}
