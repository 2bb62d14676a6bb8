"""A terminal progress bar for long solves that stays quiet in a pipe."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from trainsched.solver import Progress as SolveProgress
from trainsched.solver import ProgressSink


def _ignore(_: SolveProgress) -> None:
    return None


@contextmanager
def progress_reporter(time_limit_s: float, *, enabled: bool) -> Iterator[ProgressSink]:
    """Yield a progress sink drawing elapsed time, served value and bound on stderr."""
    if not enabled:
        yield _ignore
        return
    bar = Progress(
        TextColumn("[bold]求解中 solving"),
        BarColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[status]}"),
        transient=True,
    )
    with bar:
        task = bar.add_task("solve", total=time_limit_s, status="")

        def report(p: SolveProgress) -> None:
            bound = "" if p.bound is None else f" / bound {p.bound}"
            bar.update(
                task, completed=min(p.elapsed_s, time_limit_s), status=f"value {p.value}{bound}"
            )

        yield report
