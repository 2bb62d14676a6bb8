"""Read one list from a CSV file in the encodings Chinese offices produce (UTF-8, GB18030)."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from trainsched.formats import Message
from trainsched.sheets.errors import refusal
from trainsched.sheets.raw import RawSheet, collect

_DELIMITERS = (",", "\t", ";")


def decode(data: bytes) -> str:
    """Text of a CSV: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export.
        return data.decode("utf-16")
    if b"\x00" in data:
        raise refusal(
            Message(
                "这不是文本文件（CSV），也不是 Excel 工作簿",
                "this is neither a text (CSV) file nor an Excel workbook",
            ),
        )
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise refusal(
        Message(
            "无法识别文件编码：请另存为 UTF-8 或 GB18030 编码的 CSV",
            "unknown text encoding: save the CSV as UTF-8 or GB18030",
        ),
    )


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max(_DELIMITERS, key=first.count)


def _records(text: str, title: str) -> Iterator[tuple[int, list[object]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            yield number, list(record)
    except csv.Error as exc:
        message = Message(f"CSV 格式错误：{exc}", f"malformed CSV: {exc}")
        raise refusal(message, title, number + 1) from None


def read_csv(data: bytes, title: str) -> RawSheet:
    """One list from a CSV file; ``title`` names it in error messages."""
    text = decode(data)
    if any(ch in text for ch in "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x7f"):
        raise refusal(
            Message("文件含有二进制内容，不是 CSV", "the file holds binary data, not CSV")
        )
    return collect(title, _records(text, title))
