"""Which bytes are which sheets: file type checks, workbook tabs and CSV lists matched to sheets."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import IO

from trainsched.formats import Message
from trainsched.sheets.cells import clean, shown
from trainsched.sheets.collect import Errors
from trainsched.sheets.columns import SETTINGS, SHEETS, sheet_for
from trainsched.sheets.errors import refusal, too_large
from trainsched.sheets.raw import RawSheet
from trainsched.sheets.read_csv import read_csv
from trainsched.sheets.read_xlsx import read_xlsx
from trainsched.sheets.spec import (
    IGNORED_HEADER_PREFIXES,
    MAX_UPLOAD_BYTES,
    SheetSpec,
    columns_of,
    is_notes_sheet,
    normalize,
)

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv", ""}
_SETTINGS_HEADS = {normalize(h) for h in ("项目", "设置项", "key", "setting")}

Source = tuple[SheetSpec, RawSheet]


def read_capped(stream: IO[bytes]) -> bytes:
    """An upload's bytes, reading at most one byte past the size limit: enough for
    :func:`~trainsched.sheets.import_workbook` to refuse a larger file without holding it all."""
    return stream.read(MAX_UPLOAD_BYTES + 1)


def check_bytes(data: bytes) -> None:
    """Refuse an upload that is too large, empty, encrypted or an old .xls, before parsing."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise too_large()
    if not data.strip():
        raise refusal(Message("文件是空的", "the file is empty"))
    if data.startswith(OLE2_SIGNATURE):
        if _ENCRYPTED in data:
            raise refusal(
                Message(
                    "工作簿设置了打开密码（已加密）：请在 Excel 中取消密码后另存为 .xlsx 再上传",
                    "the workbook is password-protected (encrypted): remove the password in Excel, "
                    "save as .xlsx and upload again",
                ),
            )
        raise refusal(
            Message(
                "这是旧版 .xls（或其他 Office）文件：请在 Excel 中另存为 .xlsx 后上传",
                "this is an old .xls (or other Office) file: "
                "save it as .xlsx in Excel and upload again",
            ),
        )


def _workbook_sources(sheets: list[RawSheet], errors: Errors) -> list[Source]:
    out: list[Source] = []
    taken: dict[str, str] = {}
    for raw in sheets:
        if is_notes_sheet(raw.title) or raw.empty:
            continue
        spec = sheet_for(raw.title)
        if spec is None:
            known = "、".join(s.name for s in SHEETS)
            errors.add(
                raw.title,
                Message(
                    f"未知的工作表（可用：{known}）",
                    f"unknown sheet (known: {', '.join(s.key for s in SHEETS)})",
                ),
                structural=True,
            )
        elif spec.key in taken:
            errors.add(
                raw.title,
                Message(
                    f"与工作表 {taken[spec.key]} 重复", f"same list as sheet {taken[spec.key]}"
                ),
                structural=True,
            )
        else:
            taken[spec.key] = raw.title
            out.append((spec, raw))
    return out


def _fits(raw: RawSheet, spec: SheetSpec, groups: Mapping[str, str]) -> bool:
    heads = [normalize(shown(h)) for h in raw.headers if clean(h) is not None]
    if spec is SETTINGS:
        return bool(heads) and (heads[0] in _SETTINGS_HEADS or sheet_for_setting(heads[0]))
    columns = columns_of(spec, groups)
    names = {normalize(n) for c in columns for n in c.names()}
    known = all(h in names or h.startswith(IGNORED_HEADER_PREFIXES) for h in heads)
    required = all(any(normalize(n) in heads for n in c.names()) for c in columns if c.required)
    return known and required


def sheet_for_setting(head: str) -> bool:
    """True when a header cell is itself a setting's name (a settings file without a header)."""
    return any(head == normalize(n) for c in SETTINGS.columns for n in c.names())


def _csv_source(
    raw: RawSheet, filename: str, kind: str | None, groups: Mapping[str, str]
) -> Source:
    spec = _csv_spec(raw, filename, kind, groups)
    raw.title = spec.name  # errors then name the list, as on a workbook tab
    return spec, raw


def _csv_spec(
    raw: RawSheet, filename: str, kind: str | None, groups: Mapping[str, str]
) -> SheetSpec:
    if kind is not None:
        spec = sheet_for(kind)
        if spec is None:
            raise refusal(Message(f'未知的表类型 "{kind}"', f'unknown list kind "{kind}"'))
        return spec
    spec = sheet_for(PurePath(filename).stem)
    if spec is not None:
        return spec
    fitting = [s for s in SHEETS if _fits(raw, s, groups)]
    if len(fitting) == 1:
        return fitting[0]
    raise refusal(
        Message(
            "无法判断这个 CSV 是哪一张表：请按表名命名文件（如 讲师.csv）或指定表类型",
            "cannot tell which list this CSV holds: name the file after the sheet "
            "(e.g. trainers.csv) or give its kind",
        ),
        sheet=PurePath(filename).name or "CSV",
    )


def read_sources(
    data: bytes, filename: str, kind: str | None, groups: Mapping[str, str], errors: Errors
) -> list[Source]:
    """The sheets of an upload, each matched to the list it fills."""
    check_bytes(data)
    suffix = PurePath(filename).suffix.lower()
    if data.startswith(_ZIP):
        return _workbook_sources(read_xlsx(data), errors)
    if suffix not in _TEXT_SUFFIXES:
        raise refusal(
            Message(
                f"不是电子表格：需要 .xlsx 或 .csv 文件（收到 {suffix}）",
                f"not a spreadsheet: expected an .xlsx or .csv file (got {suffix})",
            ),
        )
    title = PurePath(filename).stem or "CSV"
    raw = read_csv(data, title)
    if raw.empty:
        raise refusal(Message("CSV 文件没有内容", "the CSV file holds no data"))
    return [_csv_source(raw, filename, kind, groups)]
