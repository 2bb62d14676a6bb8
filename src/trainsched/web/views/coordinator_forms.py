"""Coordinator form fields read by hand, so a bad value gets the page's own message, not JSON."""

from __future__ import annotations

import datetime as dt

from trainsched.formats import Problem
from trainsched.services.errors import Invalid


class FormFields:
    """Reads typed values from form text and gathers a problem per bad field."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def number(self, name: str, raw: str, low: float, high: float) -> float:
        """A number in ``(low, high]``; 0 and a problem when it is not."""
        try:
            value = float(raw)
        except ValueError:
            value = float("nan")
        if not low < value <= high:  # NaN fails this too
            self._bad(name, f"{raw!r} is not a number above {low:g} and at most {high:g}")
            return 0.0
        return value

    def count(self, name: str, raw: str, low: int, high: int) -> int:
        """A whole number in ``[low, high]``; 0 and a problem when it is not."""
        try:
            value = int(raw)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            self._bad(name, f"{raw!r} is not a whole number from {low} to {high}")
            return 0
        return value

    def date(self, name: str, raw: str) -> dt.date | None:
        """A date written YYYY-MM-DD; None and a problem when it is not."""
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            self._bad(name, f"{raw!r} is not a date (YYYY-MM-DD)")
            return None

    def _bad(self, name: str, message: str) -> None:
        self.bad(name, message)

    def bad(self, name: str, message: str) -> None:
        """Note a problem with the field ``name``."""
        self.problems.append(Problem(name, message))

    def refuse_if_bad(self) -> None:
        """Raise a 422 naming every bad field, if there is one."""
        if self.problems:
            detail = "; ".join(f"{p.path}: {p.message}" for p in self.problems)
            raise Invalid(detail, self.problems, kind="invalid-request")
