"""Validation problems that name the JSON path of the offending value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Loc = tuple[str | int, ...]


def format_path(loc: Loc) -> str:
    """Render a location tuple as a JSON path such as ``cohorts[12].course``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "$"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document, at one JSON path."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class FormatError(Exception):
    """A document was refused as a whole; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem], what: str = "document") -> None:
        self.problems = list(problems)
        self.what = what
        super().__init__(f"{what} refused: " + "; ".join(str(p) for p in self.problems))
