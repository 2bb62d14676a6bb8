"""Raw JSON bodies validated by the spec's own parser, documented by the spec's schema."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, Request

from trainsched.api.problems import FieldProblem, ProblemError

MAX_BODY_BYTES = 50 * 1024 * 1024


async def json_body(request: Request) -> Any:
    """The request body decoded as JSON, or a 422 problem saying why it is not JSON."""
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise ProblemError(413, "the document is larger than 50 MB", kind="too-large")
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProblemError(
            422,
            "the body is not valid JSON",
            kind="invalid-document",
            errors=[FieldProblem(path="$", message=str(exc))],
        ) from None


JsonBody = Annotated[Any, Depends(json_body)]


def body_schema(ref: str, description: str) -> dict[str, Any]:
    """``openapi_extra`` declaring a required JSON body with the schema ``ref``."""
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
        }
    }


def object_body(description: str) -> dict[str, Any]:
    """``openapi_extra`` declaring a required JSON object body."""
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    }
