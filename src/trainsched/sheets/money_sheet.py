"""The plan workbook's money-curve sheet: what each fund and the whole budget would buy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font

from trainsched.sheets.style import table_sheet

MONEY_SHEET = "资金曲线"
MONEY_HEADERS = ("资金", "增减", "金额（元）", "服务值", "培训人数", "其中重点群体")


@dataclass(frozen=True)
class MoneyRow:
    """One point of one curve: the fund (or 全部资金), the change and what it buys."""

    fund: str
    step: float
    amount: int
    value: int
    trainees: int
    key_trainees: int
    by_group: tuple[int, ...] = ()  # trainees of each key group, in the sheet's order


@dataclass(frozen=True)
class MoneySheet:
    """The curves' points and the sentence the finance office reads."""

    rows: Sequence[MoneyRow]
    sentence: str  # 每增加1万元可多培训约N人，其中重点群体M人
    groups: Sequence[str] = ()  # the key groups' names, one column each


def money_sheet(wb: Workbook, money: MoneySheet) -> None:
    """Write the sheet: the sentence first (bold), then one row per point of every curve."""
    rows = [
        [r.fund, f"{r.step:+.0%}" if r.step else "现有", r.amount, r.value, r.trainees,
         r.key_trainees, *r.by_group]
        for r in money.rows
    ]  # fmt: skip
    ws = table_sheet(wb, MONEY_SHEET, [*MONEY_HEADERS, *money.groups], rows)
    below = len(rows) + 3
    ws.cell(row=below, column=1, value=money.sentence).font = Font(bold=True)
