"""Import errors that name the sheet, row and column of every problem, in Chinese and English."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

FILE = "文件"  # the "sheet" of problems about the whole file


@dataclass(frozen=True)
class SheetError:
    """One problem of an uploaded spreadsheet, located as precisely as it can be."""

    sheet: str
    row: int | None
    column: str | None
    value: str | None
    message_zh: str
    message_en: str

    def where_zh(self) -> str:
        """Location in Chinese, e.g. ``讲师 第14行 资质列``."""
        parts = [self.sheet]
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column is not None:
            parts.append(f"{self.column}列")
        return " ".join(parts)

    def where_en(self) -> str:
        """Location in English, e.g. ``sheet 讲师 row 14, column 资质``."""
        out = "file" if self.sheet == FILE else f"sheet {self.sheet}"
        if self.row is not None:
            out += f" row {self.row}"
        if self.column is not None:
            out += f", column {self.column}"
        return out

    def __str__(self) -> str:
        return f"{self.where_zh()}: {self.message_zh} / {self.where_en()}: {self.message_en}"

    def as_dict(self) -> dict[str, str | int | None]:
        """JSON-ready form: the API's ``path``/``message`` pair plus sheet, row and column."""
        return {
            "path": self.where_en(),
            "message": self.message_en,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


class SheetImportError(Exception):
    """A spreadsheet was refused as a whole; ``errors`` lists every reason."""

    def __init__(self, errors: Sequence[SheetError]) -> None:
        self.errors = list(errors)
        super().__init__(format_errors(self.errors))


def quote(value: object) -> str:
    """A cell value as it appears in a message: ``"SYBB"``."""
    return f'"{value}"'


def format_errors(errors: Sequence[SheetError]) -> str:
    """One line per error, Chinese then English, headed by the count."""
    head = f"导入失败，共 {len(errors)} 处错误 / import refused, {len(errors)} error(s):"
    return "\n".join([head, *(f"  {e}" for e in errors)])


def file_error(message_zh: str, message_en: str, sheet: str = FILE) -> SheetImportError:
    """A refusal about the whole file (not a spreadsheet, too large, encrypted...)."""
    return SheetImportError([SheetError(sheet, None, None, None, message_zh, message_en)])
