"""Import errors that name the sheet, row and column of every problem, in Chinese and English."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainsched.formats import Lang, Message
from trainsched.sheets.spec import MAX_UPLOAD_BYTES

FILE = "文件"  # the "sheet" of problems about the whole file


@dataclass(frozen=True)
class SheetError:
    """One problem of an uploaded spreadsheet, located as precisely as it can be."""

    sheet: str
    row: int | None
    column: str | None
    value: str | None
    message: Message

    @property
    def where(self) -> Message:
        """The location, e.g. ``讲师 第14行 资质列`` / ``sheet 讲师 row 14, column 资质``."""
        zh = [self.sheet]
        en = "file" if self.sheet == FILE else f"sheet {self.sheet}"
        if self.row is not None:
            zh.append(f"第{self.row}行")
            en += f" row {self.row}"
        if self.column is not None:
            zh.append(f"{self.column}列")
            en += f", column {self.column}"
        return Message(" ".join(zh), en)

    def text(self, lang: Lang) -> str:
        """Location and problem in one language: ``讲师 第14行 资质列: 必填项为空``."""
        return f"{self.where.text(lang)}: {self.message.text(lang)}"

    def __str__(self) -> str:
        return f"{self.text('zh')} / {self.text('en')}"

    def as_dict(self) -> dict[str, str | int | None]:
        """JSON-ready form: the API's ``path``/``message`` pair plus sheet, row and column."""
        return {
            "path": self.where.en,
            "message": self.message.en,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message_zh": self.message.zh,
            "message_en": self.message.en,
        }


class SheetImportError(Exception):
    """A spreadsheet was refused as a whole; ``errors`` lists every reason."""

    def __init__(self, errors: Sequence[SheetError]) -> None:
        self.errors = list(errors)
        super().__init__(format_errors(self.errors))


class SheetTooLarge(SheetImportError):  # noqa: N818 - a refusal like its parent
    """The file is over the upload limit (HTTP answers 413 to this one)."""


def quote(value: object) -> str:
    """A cell value as it appears in a message: ``"SYBB"``."""
    return f'"{value}"'


def format_errors(errors: Sequence[SheetError]) -> str:
    """One line per error, Chinese then English, headed by the count."""
    head = f"导入失败，共 {len(errors)} 处错误 / import refused, {len(errors)} error(s):"
    return "\n".join([head, *(f"  {e}" for e in errors)])


def refusal(message: Message, sheet: str = FILE, row: int | None = None) -> SheetImportError:
    """The whole upload refused for one reason (not a spreadsheet, encrypted, too many rows...)."""
    return SheetImportError([SheetError(sheet, row, None, None, message)])


def too_large() -> SheetTooLarge:
    """The refusal of a file over the upload limit."""
    mb = MAX_UPLOAD_BYTES // (1024 * 1024)
    message = Message(f"文件超过 {mb} MB 的上限", f"the file is larger than the {mb} MB limit")
    return SheetTooLarge([SheetError(FILE, None, None, None, message)])
