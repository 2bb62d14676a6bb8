"""File entry points for the CLI: import a spreadsheet; export a scenario, plan or template."""

from __future__ import annotations

from pathlib import Path

from trainsched.formats import Scenario, load_plan, load_scenario
from trainsched.sheets.errors import file_error
from trainsched.sheets.export_plan import export_plan
from trainsched.sheets.parse import import_workbook
from trainsched.sheets.spec import MAX_UPLOAD_BYTES
from trainsched.sheets.template import template_workbook


def read_upload(path: Path) -> bytes:
    """A spreadsheet file's bytes, refusing a too-large file before reading it."""
    try:
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            limit = MAX_UPLOAD_BYTES // (1024 * 1024)
            raise file_error(
                f"文件超过 {limit} MB 的上限", f"the file is larger than the {limit} MB limit"
            )
        return path.read_bytes()
    except OSError as exc:
        raise file_error(
            f"无法读取文件：{exc.strerror}", f"cannot read {path}: {exc.strerror}"
        ) from None


def write_atomic(data: bytes, output: Path) -> None:
    """Write a file whole or not at all."""
    tmp = output.with_name(output.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(output)


def cli_import(path: Path, *, base: Path | None = None, kind: str | None = None) -> Scenario:
    """``trainsched import FILE``: the scenario a file holds (SheetImportError lists problems)."""
    data = read_upload(path)
    base_scenario = load_scenario(base) if base is not None else None
    return import_workbook(data, path.name, base=base_scenario, kind=kind)


def cli_export_scenario(scenario: Path, output: Path) -> None:
    """``trainsched export scenario SCENARIO.json -o FILE.xlsx``."""
    write_atomic(template_workbook(load_scenario(scenario)), output)


def cli_export_plan(scenario: Path, plan: Path, output: Path) -> None:
    """``trainsched export plan SCENARIO.json PLAN.json -o FILE.xlsx``."""
    s = load_scenario(scenario)
    write_atomic(export_plan(s, load_plan(plan, s)), output)


def cli_template(output: Path) -> None:
    """``trainsched export template -o FILE.xlsx``: the empty template with example rows."""
    write_atomic(template_workbook(None), output)
