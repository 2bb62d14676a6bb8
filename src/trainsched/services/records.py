"""The base of the application layer's answers."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """An answer of a use case: immutable, built with named fields.

    The API's schema of the same answer extends its record (``api/schemas.py``), so the
    fields are written once and an answer cannot drift from its schema.
    """

    model_config = ConfigDict(frozen=True)
