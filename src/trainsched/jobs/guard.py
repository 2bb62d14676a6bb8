"""Run a solve with a hard deadline: one that ignores its stop flag is abandoned, not awaited."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar, cast

T = TypeVar("T")


class SolveStuckError(RuntimeError):
    """Raised when a solve did not return within its hard deadline, even after being stopped."""


class _Box(Generic[T]):
    def __init__(self) -> None:
        self.value: T | None = None
        self.error: BaseException | None = None
        self.done = False


def run_with_deadline(work: Callable[[], T], deadline_s: float, name: str = "solve") -> T:
    """Return ``work()``, or raise SolveStuckError when it has not returned after ``deadline_s``."""
    box: _Box[T] = _Box()

    def target() -> None:
        try:
            box.value = work()
        except BaseException as exc:  # handed back to the caller's thread, re-raised there
            box.error = exc
        finally:
            box.done = True

    # Daemon: a stuck solve must not keep the process alive once it decides to exit.
    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    thread.join(deadline_s)
    if not box.done:
        raise SolveStuckError(f"the solve did not stop within {deadline_s:.0f} s")
    if box.error is not None:
        raise box.error
    return cast("T", box.value)
