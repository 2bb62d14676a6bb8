"""What the checker reports: violations of named rules, and the checks that find them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from trainsched.checker.context import PlanContext


@dataclass(frozen=True)
class Violation:
    """One broken rule: its name, what is wrong in plain words, and the ids involved."""

    rule: str
    message: str
    objects: tuple[str, ...] = ()
    # The spec's hard rule number ("1".."7"); empty for plan-consistency checks.
    spec: str = ""

    def __str__(self) -> str:
        label = f"rule {self.spec} {self.rule}" if self.spec else f"rule {self.rule}"
        return f"{label}: {self.message}"


class Finding(NamedTuple):
    """What a check function yields; the runner turns it into a Violation of that check."""

    message: str
    objects: tuple[str, ...]


CheckFunc = Callable[["PlanContext"], Iterator[Finding]]


@dataclass(frozen=True)
class Check:
    """A named rule of the spec and the function that looks for breaches of it."""

    name: str
    spec: str
    func: CheckFunc

    @property
    def description(self) -> str:
        """The rule in business words (the check function's docstring)."""
        return (self.func.__doc__ or "").strip()

    def run(self, ctx: PlanContext) -> list[Violation]:
        """Every breach of this rule in the plan."""
        return [Violation(self.name, f.message, f.objects, self.spec) for f in self.func(ctx)]
