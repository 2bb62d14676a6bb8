"""Documents in and out: raw JSON bodies for the spec's own parser, conditional reads and writes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, Request, Response

from trainsched.httpdeps import CurrentCoordinator
from trainsched.services.common import none_match
from trainsched.services.jsondoc import read_json


async def json_body(request: Request, _: CurrentCoordinator) -> Any:
    """The request body decoded as JSON, or the domain's refusal saying why it is not JSON.

    Whoever sends it is known (or refused) before a byte of it is read.
    """
    return read_json(await request.body())


JsonBody = Annotated[Any, Depends(json_body)]

# The conditional headers: a write names the version it changes (412 when someone else's
# change came first); a read names the version the client holds (304 when it is current).
IfMatch = Annotated[str | None, Header(description="The ETag last read; 412 when stale.")]
PlanIfMatch = Annotated[str | None, Header(description="The plan's ETag; 412 when stale.")]
ScenarioIfMatch = Annotated[str | None, Header(description="The scenario's ETag; 412 when stale.")]
IfNoneMatch = Annotated[str | None, Header()]


def document_response(document: str | bytes, etag: str, if_none_match: str | None) -> Response:
    """A stored JSON document with its ETag, or 304 when the client already holds it."""
    if none_match(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag})
    return Response(document, media_type="application/json", headers={"ETag": etag})


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
