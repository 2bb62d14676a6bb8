"""The ways a use case can refuse, each mapped to one answer by every adapter."""

from __future__ import annotations

from collections.abc import Sequence

from trainsched.formats import FormatError, Problem
from trainsched.formats.message import Message


class DomainError(Exception):
    """A use case refused; ``detail`` says why in words, ``problems`` name the fields."""

    def __init__(self, detail: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(detail)
        self.detail = detail
        self.problems = list(problems)


class NotFound(DomainError):
    """The object does not exist, or not for whoever asked (the two are never told apart)."""

    def __init__(self, what: str, object_id: str, detail: str = "") -> None:
        super().__init__(detail or f"no {what} {object_id!r}")
        self.what = what
        self.object_id = object_id


class Conflict(DomainError):
    """The request is sound but the object's current state does not allow it."""


class Invalid(DomainError):
    """What was sent is wrong; ``problems`` name each wrong value by its path."""

    def __init__(self, detail: str, problems: Sequence[Problem] = (), kind: str = "") -> None:
        super().__init__(detail, problems)
        self.kind = kind or "invalid-document"


class TooLarge(DomainError):
    """What was sent is larger than the server takes."""


class PreconditionFailed(DomainError):
    """The object changed since the caller read it; ``current`` is its version now."""

    def __init__(self, detail: str, current: str) -> None:
        super().__init__(detail)
        self.current = current


class PreconditionRequired(DomainError):
    """A change was sent without the version it was made against (``If-Match``)."""


class Forbidden(DomainError):
    """The caller may see the object but their role does not allow this use case on it."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class Unauthenticated(DomainError):
    """No valid credentials came with the request."""


class TooManyAttempts(DomainError):
    """Too many refused credentials lately; ``retry_after_s`` says when trying again can work."""

    def __init__(self, detail: str, retry_after_s: int) -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s


def invalid_document(exc: FormatError, prefix: str = "") -> Invalid:
    """The refusal of a scenario or plan document, each problem's path under ``prefix``."""
    problems = [Problem(_join(prefix, p.path), p.message) for p in exc.problems]
    return Invalid(f"{exc.what} refused: {len(problems)} problem(s)", problems)


def _join(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if path == "$":
        return prefix
    return prefix + path if path.startswith("[") else f"{prefix}.{path}"
