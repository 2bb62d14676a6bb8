"""The proven bound, computed part by part in a background thread while the search runs."""

from __future__ import annotations

import threading
import time
from functools import partial

from trainsched.solver.bound import relaxation_bound
from trainsched.solver.options import SolveOptions
from trainsched.solver.problem import Problem

# With one CP-SAT worker beside the search the province bound was still 161k after 200 s
# (8 workers: 153k in 60 s); the bound gets all workers and ends once it stalls, so that
# the search has the cores: a relaxation that ran on for its whole share took 8 threads
# beside the search for all of a province solve (docs/benchmarks.md).
STALL_CPU_SHARE = 0.05  # CPU seconds (per second of time limit) without a 0.1 % better bound
SEQUENTIAL_SHARE = 0.10  # with one worker the bound runs first, for reproducible results


class BoundJob:
    """Per part, the best proven upper bound so far; improves until the search is done."""

    def __init__(
        self,
        problem: Problem,
        parts: list[list[int]],
        options: SolveOptions,
        until: float,
    ) -> None:
        self._problem, self._parts, self._until = problem, parts, until
        self._options = options
        self._stall = options.time_limit_s * STALL_CPU_SHARE
        # Before any relaxation is solved, all the value of a part is a (weak) valid bound.
        self._bounds = [sum(problem.cohorts[c].value for c in part) for part in parts]
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> BoundJob:
        """Start improving the bounds in the background."""
        self._thread.start()
        return self

    def run_now(self, budget: float) -> BoundJob:
        """Solve every part's relaxation now, within ``budget`` seconds in all."""
        self._until = time.monotonic() + budget
        self._run()
        return self

    def _run(self) -> None:
        left_parts = sum(len(p) for p in self._parts)
        for k, part in enumerate(self._parts):
            if self._stop.is_set():
                return
            share = max(self._until - time.monotonic(), 0.0) * len(part) / max(left_parts, 1)
            left_parts -= len(part)
            b = relaxation_bound(
                self._problem, part, self._options, share,
                on_bound=partial(self._lower, k), stop=self._stop, stall_cpu_s=self._stall,
            )  # fmt: skip
            self._lower(k, b)

    def _lower(self, k: int, value: int) -> None:
        with self._lock:
            self._bounds[k] = min(self._bounds[k], value)

    def bounds(self) -> list[int]:
        """The best bound proven so far for each part."""
        with self._lock:
            return list(self._bounds)

    def stop(self) -> None:
        """Ask the relaxation to stop (it winds down while the plan is finished)."""
        self._stop.set()

    def finish(self) -> list[int]:
        """Stop improving and return each part's bound."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        return self.bounds()
