"""Raw JSON bodies validated by the spec's own parser, documented by the spec's schema."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from trainsched.services.scenarios import read_json


async def json_body(request: Request) -> Any:
    """The request body decoded as JSON, or the domain's refusal saying why it is not JSON."""
    return read_json(await request.body())


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
