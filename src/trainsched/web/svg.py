"""Geometry of the server-drawn SVG charts: bars and timelines (templates draw, this measures)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel

# Sizes in SVG user units; the template scales the drawing to the page width.
ROW_H = 22
BAR_H = 16
LABEL_W = 150
TOP = 22


class Bar(BaseModel):
    """One row of a bar chart: a filled part of a whole."""

    label: str
    y: int
    part: int
    whole: int
    part_w: float
    whole_w: float


class BarChart(BaseModel):
    """Horizontal bars, each showing how much of its whole is used."""

    width: int
    height: int
    label_w: int
    bar_h: int
    bars: list[Bar]


def bar_chart(
    items: Sequence[tuple[str, int, int]], width: int = 440, label_w: int = 110
) -> BarChart:
    """Bars for ``(label, part, whole)`` items, all on one scale (the largest whole)."""
    scale_max = max([max(whole, part) for _, part, whole in items] + [1])
    # Narrow enough to stay legible on a phone; room for the percentage after each bar.
    span = width - label_w - 44
    bars = [
        Bar(
            label=label,
            y=4 + i * (ROW_H + 4),
            part=part,
            whole=whole,
            part_w=round(span * part / scale_max, 1),
            whole_w=round(span * whole / scale_max, 1),
        )
        for i, (label, part, whole) in enumerate(items)
    ]
    return BarChart(
        width=width,
        height=8 + len(bars) * (ROW_H + 4),
        label_w=label_w,
        bar_h=BAR_H,
        bars=bars,
    )


class GanttBar(BaseModel):
    """One class on a timeline row."""

    label: str
    first: dt.date
    last: dt.date
    dates: str
    x: float
    width: float
    show_label: bool


class GanttRow(BaseModel):
    """One venue or trainer and its classes."""

    id: str
    label: str
    y: int
    bars: list[GanttBar]


class GanttTick(BaseModel):
    """The first day of a month, marked on the time axis."""

    day: dt.date
    x: float


class Gantt(BaseModel):
    """Days across, one row per venue or trainer, a bar per class."""

    width: int
    height: int
    label_w: int
    row_h: int
    bar_h: int
    start: dt.date
    end: dt.date
    rows: list[GanttRow]
    ticks: list[GanttTick]


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    out = [start]
    day = (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    while day <= end:
        out.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return out


def gantt(
    start: dt.date,
    end: dt.date,
    rows: Sequence[tuple[str, str, Sequence[tuple[str, dt.date, dt.date]]]],
    day_w: float = 5.0,
) -> Gantt:
    """A timeline of ``(id, label, [(class label, first day, last day)])`` rows."""
    days = (end - start).days + 1

    def x_of(day: dt.date) -> float:
        return round(LABEL_W + (day - start).days * day_w, 1)

    out_rows = []
    for i, (row_id, label, bars) in enumerate(rows):
        out_bars = []
        for text, first, last in sorted(bars, key=lambda b: b[1]):
            width = round(((last - first).days + 1) * day_w, 1)
            # A label is drawn only where it fits; the title and the table always carry it.
            out_bars.append(
                GanttBar(
                    label=text,
                    first=first,
                    last=last,
                    dates=f"{first.month}/{first.day}–{last.month}/{last.day}",
                    x=x_of(first),
                    width=width,
                    show_label=width >= 7 * len(text),
                )
            )
        out_rows.append(GanttRow(id=row_id, label=label, y=TOP + i * ROW_H, bars=out_bars))
    return Gantt(
        width=int(LABEL_W + days * day_w + 10),
        height=TOP + len(out_rows) * ROW_H + 4,
        label_w=LABEL_W,
        row_h=ROW_H,
        bar_h=BAR_H,
        start=start,
        end=end,
        rows=out_rows,
        ticks=[GanttTick(day=d, x=x_of(d)) for d in _month_starts(start, end)],
    )


class LinePoint(BaseModel):
    """One point of a line: its place and what it says."""

    x: float
    y: float
    label: str  # the x value as people read it (e.g. +10%)
    value: int


class LineChart(BaseModel):
    """Lines over a shared x axis (e.g. trainees at each amount of money)."""

    width: int
    height: int
    left: int
    bottom: int
    y_min: int
    y_max: int
    lines: list[list[LinePoint]]


def line_chart(
    xs: Sequence[tuple[float, str]], series: Sequence[Sequence[int]], width: int = 440
) -> LineChart:
    """Lines for ``series`` (one value per x) over ``xs`` (value, label), on one scale.

    The y axis spans the values shown, not 0 to the largest: a curve of 1,788 to 1,804
    trainees would otherwise be a flat line.
    """
    height, left, bottom, top = 200, 52, 24, 12
    x_lo, x_hi = min(x for x, _ in xs), max(x for x, _ in xs)
    values = [v for s in series for v in s] or [0]
    y_lo, y_hi = min(values), max(values)
    if y_hi == y_lo:
        y_lo, y_hi = max(0, y_lo - 1), y_hi + 1
    # Room on the right for the last label (+50%) centred on its point.
    span_x, span_y = width - left - 28, height - bottom - top

    def point(i: int, v: int) -> LinePoint:
        x, label = xs[i]
        return LinePoint(
            x=round(left + span_x * (x - x_lo) / ((x_hi - x_lo) or 1), 1),
            y=round(top + span_y * (y_hi - v) / (y_hi - y_lo), 1),
            label=label,
            value=v,
        )

    lines = [[point(i, v) for i, v in enumerate(s)] for s in series]
    return LineChart(
        width=width, height=height, left=left, bottom=bottom, y_min=y_lo, y_max=y_hi, lines=lines
    )
