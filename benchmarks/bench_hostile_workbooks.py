"""Benchmark importing hostile workbooks: time and peak memory of ``import_workbook`` per file.

Builds small uploads that expand into a lot of work (a huge shared-text table, a million
formatted empty rows, a zip bomb, very long texts, hundreds of sheets) plus one ordinary
workbook (the demo city's lists), then imports each in a fresh subprocess, three times, and
prints the median wall time, the child's peak resident memory and how much of it the import
added. With ``--base SRC`` (the ``src`` folder of another checkout) the same files are imported
with that code too, side by side:

    git worktree add /tmp/sheets-base <commit>
    python benchmarks/bench_hostile_workbooks.py --base /tmp/sheets-base/src

A child that runs past ``--timeout`` seconds is stopped and shown as such.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET_PART = "xl/worksheets/sheet1.xml"


def _skeleton() -> dict[str, bytes]:
    """The parts of a valid one-sheet workbook (sheet 区县) as openpyxl writes it."""
    wb = Workbook()
    wb.active.title = "区县"  # type: ignore[union-attr]
    out = io.BytesIO()
    wb.save(out)
    with zipfile.ZipFile(out) as z:
        return {name: z.read(name) for name in z.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _sheet(rows: str) -> bytes:
    return f'<worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>'.encode()


def _with_shared(texts: list[str], cells: str) -> bytes:
    parts = _skeleton()
    body = "".join(f"<si><t>{t}</t></si>" for t in texts)
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{NS}" count="{len(texts)}" uniqueCount="{len(texts)}">{body}</sst>'
    ).encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    parts[SHEET_PART] = _sheet(cells)
    return _zip(parts)


def shared_strings() -> bytes:
    """Two million short shared texts: about 50 MB of XML."""
    return _with_shared([f"区{i % 1000}" for i in range(2_000_000)], '<row r="1"/>')


def styled_rows() -> bytes:
    """Half a million formatted empty rows of two cells."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" s="0"/><c r="B{r}" s="0"/></row>' for r in range(1, 500_001)
    )
    return _zip({**_skeleton(), SHEET_PART: _sheet(rows)})


def zip_bomb() -> bytes:
    """A sheet that unzips to 150 MB of blanks (under the old 200 MB cap)."""
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c></row>'
    data = _sheet(rows).replace(b"<sheetData>", b"<sheetData>" + b" " * 150_000_000)
    return _zip({**_skeleton(), SHEET_PART: data})


def long_texts() -> bytes:
    """Thirty cells of 200,000 characters each."""
    texts = ["编号", *("长" * 200_000 for _ in range(30))]
    cells = "".join(
        f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{i}</v></c></row>' for i in range(len(texts))
    )
    return _with_shared(texts, cells)


def many_sheets() -> bytes:
    """Two thousand sheets (each an unknown list with a header row)."""
    wb = Workbook()
    for n in range(2000):
        wb.create_sheet(f"表{n}").append(["编号", "名称"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ordinary() -> bytes:
    """The demo city's lists as the template workbook (a real file, for comparison)."""
    from trainsched.formats import load_scenario
    from trainsched.sheets import export_scenario

    return export_scenario(load_scenario(ROOT / "fixtures" / "demo-city.json"))


FILES: dict[str, Callable[[], bytes]] = {
    "ordinary (demo city)": ordinary,
    "shared strings 2M": shared_strings,
    "styled empty rows 500k": styled_rows,
    "zip bomb 150 MB": zip_bomb,
    "long texts 30x200k": long_texts,
    "many sheets 2000": many_sheets,
}


def _peak_mb() -> float:
    # VmHWM starts afresh with the new program (ru_maxrss would carry the parent's peak over).
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(path: str) -> None:
    """Import one file in this process; print seconds, peak RSS growth and the outcome."""
    import trainsched.sheets as sheets

    data = Path(path).read_bytes()
    before = _peak_mb()
    start = time.perf_counter()
    try:
        sheets.import_workbook(data, "upload.xlsx")
        outcome = "imported"
    except sheets.SheetImportError as exc:
        outcome = "refused: " + exc.errors[0].message.en[:60]
    seconds = time.perf_counter() - start
    peak = _peak_mb()
    sys.stdout.write(
        json.dumps({"s": seconds, "mb": peak, "grown": peak - before, "outcome": outcome})
    )


def run(src: Path, path: Path, timeout: float) -> dict[str, object]:
    """One import of ``path`` with the code under ``src``, in a fresh interpreter."""
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return {
            "s": timeout,
            "mb": float("nan"),
            "grown": float("nan"),
            "outcome": f"stopped after {timeout:.0f} s",
        }
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _median(results: list[dict[str, object]], key: str) -> float:
    return statistics.median(float(str(r[key])) for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="src folder of the code to compare with")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    codes = {"this branch": ROOT / "src", **({"base": args.base} if args.base else {})}
    print("| file | size | code | median s | peak RSS MB | added MB | outcome |")
    print("| --- | ---: | --- | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name, build in FILES.items():
            path = Path(tmp) / "upload.xlsx"
            path.write_bytes(build())
            size = f"{path.stat().st_size / 1024:,.0f} KB"
            for label, src in codes.items():
                results = [run(src, path, args.timeout) for _ in range(args.runs)]
                seconds, peak = _median(results, "s"), _median(results, "mb")
                grown = _median(results, "grown")
                print(f"| {name} | {size} | {label} | {seconds:.2f} | {peak:.0f} | {grown:.0f} | "
                      f"{results[0]['outcome']} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
