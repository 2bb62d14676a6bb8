"""How many CPUs this process may use, and how a solve's threads share them.

A container or a systemd unit limits a process by CPU affinity or by a cgroup quota, and
``os.cpu_count()`` sees neither: a solver sized by it on a 2-CPU quota of a 64-core host
would start 64 threads fighting for 2 CPUs. Both limits are read here, once per call.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Final

CGROUP_ROOT: Final = Path("/sys/fs/cgroup")
# CP-SAT's portfolio runs different strategies in its threads: on 2 cores 8 threads found
# better plans than 2 (docs/benchmarks.md), so each core a solve may use gets this many.
THREADS_PER_CPU: Final = 4
# Beyond this CP-SAT gains nothing from more threads and each one costs memory.
MAX_THREADS: Final = 32
# One full-quality solve at a time per this many CPUs, unless configured otherwise.
CPUS_PER_SOLVE: Final = 2


def _affinity() -> int:
    getter: Callable[[int], set[int]] | None = getattr(os, "sched_getaffinity", None)
    if getter is not None:
        return len(getter(0))
    return os.cpu_count() or 1


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def _quota(quota: str | None, period: str | None) -> float | None:
    """CPUs a quota allows (quota / period), or None for none ("max" or -1) or unreadable."""
    if quota is None or period is None or quota in ("max", "-1"):
        return None
    try:
        allowed, every = int(quota), int(period)
    except ValueError:
        return None
    return allowed / every if allowed > 0 and every > 0 else None


def cgroup_cpus(root: Path = CGROUP_ROOT) -> float | None:
    """CPUs the cgroup quota allows (v2 ``cpu.max``, else v1 ``cpu.cfs_quota_us``), if any."""
    v2 = _read(root / "cpu.max")
    if v2 is not None:
        quota, _, period = v2.partition(" ")
        return _quota(quota, period or "100000")
    v1 = root / "cpu"
    if not v1.is_dir():
        v1 = root / "cpu,cpuacct"
    return _quota(_read(v1 / "cpu.cfs_quota_us"), _read(v1 / "cpu.cfs_period_us"))


def usable_cpus(affinity: Callable[[], int] = _affinity, cgroup_root: Path = CGROUP_ROOT) -> int:
    """The CPUs this process may use: its affinity, lowered to its cgroup quota (at least 1)."""
    count = max(1, affinity())
    quota = cgroup_cpus(cgroup_root)
    if quota is not None:
        # A quota of 1.5 CPUs lets two threads run most of the time: round up.
        count = min(count, max(1, math.ceil(quota)))
    return count


def default_solves(cpus: int) -> int:
    """Solves to run at once by default: one per ``CPUS_PER_SOLVE`` CPUs, at least one."""
    return max(1, cpus // CPUS_PER_SOLVE)


def solver_threads(cpus: int, solves: int, asked: int | None = None) -> int:
    """CP-SAT threads for one of ``solves`` solves sharing ``cpus`` CPUs.

    Each solve gets its share of the CPUs, ``THREADS_PER_CPU`` threads per CPU of it; what a
    request or the configuration ``asked`` for is granted up to that share, never beyond,
    so more solves at once split the machine instead of oversubscribing it.
    """
    share = max(1, cpus // max(1, solves))
    most = min(MAX_THREADS, share * THREADS_PER_CPU)
    return most if asked is None else max(1, min(asked, most))
