"""Solves are sized to the CPUs the process may use, and solves side by side split them."""

from __future__ import annotations

from pathlib import Path

from trainsched.cpus import MAX_THREADS, THREADS_PER_CPU, solver_threads, usable_cpus
from trainsched.settings import Settings


def cgroup_v2(root: Path, cpu_max: str) -> Path:
    (root / "cpu.max").write_text(cpu_max + "\n", encoding="ascii")
    return root


def cgroup_v1(root: Path, quota: str, period: str = "100000") -> Path:
    (root / "cpu,cpuacct").mkdir()
    (root / "cpu,cpuacct" / "cpu.cfs_quota_us").write_text(quota, encoding="ascii")
    (root / "cpu,cpuacct" / "cpu.cfs_period_us").write_text(period, encoding="ascii")
    return root


def test_the_affinity_counts_when_no_quota_limits_it(tmp_path: Path) -> None:
    assert usable_cpus(lambda: 6, cgroup_v2(tmp_path, "max 100000")) == 6
    assert usable_cpus(lambda: 6, tmp_path / "no-cgroup-here") == 6


def test_a_cgroup_v2_quota_lowers_the_count_rounding_up(tmp_path: Path) -> None:
    assert usable_cpus(lambda: 64, cgroup_v2(tmp_path, "150000 100000")) == 2


def test_a_cgroup_v1_quota_lowers_the_count(tmp_path: Path) -> None:
    assert usable_cpus(lambda: 64, cgroup_v1(tmp_path, "400000")) == 4
    unlimited = tmp_path / "unlimited"
    unlimited.mkdir()
    assert usable_cpus(lambda: 8, cgroup_v1(unlimited, "-1")) == 8


def test_an_unreadable_quota_is_no_limit_and_the_count_is_at_least_one(tmp_path: Path) -> None:
    assert usable_cpus(lambda: 3, cgroup_v2(tmp_path, "lots 100000")) == 3
    assert usable_cpus(lambda: 0, tmp_path) == 1


def test_solves_side_by_side_split_the_cpus_instead_of_oversubscribing_them() -> None:
    alone = solver_threads(2, 1)
    assert alone == 2 * THREADS_PER_CPU
    assert solver_threads(2, 2) == alone // 2
    # Asked for more than its share, a solve gets its share; asked for less, what it asked.
    assert solver_threads(2, 2, asked=8) == THREADS_PER_CPU
    assert solver_threads(2, 1, asked=1) == 1
    assert solver_threads(128, 1) == MAX_THREADS


def test_by_default_one_solve_runs_per_two_cpus_in_both_modes() -> None:
    embedded = Settings()
    distributed = Settings(mode="distributed", database_url="postgresql://x/y")
    assert [embedded.concurrent_solves(n) for n in (1, 2, 3, 8)] == [1, 1, 1, 4]
    assert distributed.concurrent_solves(8) == 4
    assert Settings(solve_workers=3).concurrent_solves(2) == 3
    # Three solves at once on 2 CPUs: each gets one CPU's threads, never 8.
    assert Settings(solve_workers=3).solve_threads(2) == THREADS_PER_CPU
    assert Settings(cpsat_workers=2).solve_threads(16) == 2
