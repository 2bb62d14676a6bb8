"""From the application layer's answers to the API's schemas, in the language asked for."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import Header
from pydantic import BaseModel

from trainsched.formats import Lang

M = TypeVar("M", bound=BaseModel)


def public(model: type[M], found: object, lang: Lang = "zh") -> M:
    """The schema ``model`` filled from an application-layer object with the same fields.

    Texts for people (reasons, warnings) are given in ``lang``.
    """
    return model.model_validate(found, from_attributes=True, context={"lang": lang})


def api_lang(
    accept_language: Annotated[
        str | None, Header(description="`en` for English texts; Chinese otherwise.")
    ] = None,
) -> Lang:
    """The language of texts in an answer: English when the client prefers it, else Chinese."""
    first = (accept_language or "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "zh"
