"""Cells as people type them: dates, ranges, lists, numbers and yes/no."""

from __future__ import annotations

import datetime as dt

import pytest

from trainsched.sheets.cells import (
    CellValueError,
    to_bool,
    to_date,
    to_holidays,
    to_int,
    to_time,
    to_unavailable,
)


@pytest.mark.parametrize(
    "written",
    [
        "2027-03-01",
        "2027/3/1",
        "2027.03.01",
        "2027年3月1日",
        dt.datetime(2027, 3, 1),
        dt.date(2027, 3, 1),
    ],
)
def test_dates_are_read_as_written(written: object) -> None:
    assert to_date(written) == dt.date(2027, 3, 1)


@pytest.mark.parametrize(
    "written", ["2027-02-30", "3/1/2027", 46447, dt.datetime(2027, 3, 1, 9, 30)]
)
def test_non_dates_are_refused(written: object) -> None:
    with pytest.raises(CellValueError):
        to_date(written)


@pytest.mark.parametrize(
    "written",
    [
        "2027-03-01~2027-03-05; 2027-03-09",
        "2027-03-01～2027-03-05，2027-03-09",
        "2027-03-01 至 2027-03-05、2027/3/9",
        "2027-03-01 - 2027-03-05,2027-03-09",
        "2027年3月1日到2027年3月5日；2027-03-09",
    ],
)
def test_unavailability_is_read_the_way_people_write_it(written: str) -> None:
    assert to_unavailable(written) == [{"from": "2027-03-01", "to": "2027-03-05"}, "2027-03-09"]


def test_unavailability_range_backwards_is_refused() -> None:
    with pytest.raises(CellValueError):
        to_unavailable("2027-03-05~2027-03-01")


def test_holiday_ranges_expand_to_every_date() -> None:
    assert to_holidays("2027-10-01~2027-10-03") == ["2027-10-01", "2027-10-02", "2027-10-03"]


@pytest.mark.parametrize(
    ("written", "value"), [(30, 30), (30.0, 30), ("1,500", 1500), ("30人", 30), ("1500元", 1500)]
)
def test_whole_numbers_are_read_as_written(written: object, value: int) -> None:
    assert to_int(written) == value


@pytest.mark.parametrize("written", [30.5, "三十", True])
def test_non_whole_numbers_are_refused(written: object) -> None:
    with pytest.raises(CellValueError):
        to_int(written)


@pytest.mark.parametrize(
    ("written", "value"), [("是", True), ("否", False), ("Yes", True), (0, False)]
)
def test_yes_and_no_are_read_in_chinese_and_english(written: object, value: bool) -> None:
    assert to_bool(written) is value


@pytest.mark.parametrize(
    ("written", "value"), [("9:00", "09:00"), ("08：30", "08:30"), (dt.time(14, 0), "14:00")]
)
def test_times_are_normalised(written: object, value: str) -> None:
    assert to_time(written) == value
