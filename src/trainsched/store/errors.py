"""Errors the store's service functions raise."""

from __future__ import annotations


class StoreError(Exception):
    """A store operation that cannot be done as asked."""


class NotFoundError(StoreError, LookupError):
    """The row asked for does not exist."""


class ConflictError(StoreError):
    """The row changed or is in a state that forbids the operation."""


__all__ = ["ConflictError", "NotFoundError", "StoreError"]
