"""The OpenAPI document, corrected so every error is documented as problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from trainsched.api.problems import PROBLEM_MEDIA_TYPE, ProblemDetails
from trainsched.services.jsondoc import NUMBER_LIMIT

_PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetails"}
_METHODS = {"get", "put", "post", "delete", "patch"}
_JSON_VALUE = "#/components/schemas/JsonValue"


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_MEDIA_TYPE: {"schema": _PROBLEM_REF}}}


def _require_if_match(operation: dict[str, Any]) -> None:
    # Optional in the signature so that its absence is the domain's 428, not a generic 422;
    # required in the document, because every change needs it.
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "header" and parameter.get("name", "").lower() == "if-match":
            parameter["required"] = True
            parameter["schema"] = {"type": "string", "minLength": 1, "title": "If-Match"}
            operation["responses"].setdefault(
                "428", _problem("If-Match is missing: read the resource and send its ETag")
            )
            operation["responses"].setdefault("412", _problem("The ETag sent is stale"))


def _limit_time(components: dict[str, Any], max_time_limit_s: float) -> None:
    # The bound is the server's setting, so the document states it rather than the model.
    for name in ("SolveCreate", "ReplanCreate"):
        prop = components.get(name, {}).get("properties", {}).get("time_limit_s", {})
        for variant in prop.get("anyOf", [prop]):
            if variant.get("type") == "number":
                variant["maximum"] = max_time_limit_s


def _bound_numbers(node: Any) -> None:
    # The JSON reader refuses numbers of 10^30 or more in size; the document states it, and
    # free-form objects (``x``, a part) hold any JSON value within that bound.
    if isinstance(node, dict):
        if node.get("type") in ("integer", "number"):
            if "maximum" not in node:
                node.setdefault("exclusiveMaximum", NUMBER_LIMIT)
            if "minimum" not in node:
                node.setdefault("exclusiveMinimum", -NUMBER_LIMIT)
        free = node.get("additionalProperties", True) is True and "properties" not in node
        if node.get("type") == "object" and free:
            node["additionalProperties"] = {"$ref": _JSON_VALUE}
        for child in node.values():
            _bound_numbers(child)
    elif isinstance(node, list):
        for child in node:
            _bound_numbers(child)


def _json_value() -> dict[str, Any]:
    ref = {"$ref": _JSON_VALUE}
    number = {"exclusiveMaximum": NUMBER_LIMIT, "exclusiveMinimum": -NUMBER_LIMIT}
    return {
        "description": "Any JSON value, numbers below 10^30 in size.",
        "anyOf": [
            {"type": "string"},
            {"type": "number", **number},
            {"type": "boolean"},
            {"type": "null"},
            {"type": "array", "items": ref},
            {"type": "object", "additionalProperties": ref},
        ],
    }


def _non_empty_lists(components: dict[str, Any]) -> None:
    # A scenario without courses or districts plans nothing; the server refuses it.
    properties = components.get("Scenario", {}).get("properties", {})
    for name in ("courses", "regions"):
        if properties.get(name, {}).get("type") == "array":
            properties[name]["minItems"] = 1


def _fix_operation(operation: dict[str, Any]) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    _require_if_match(operation)
    for code, response in responses.items():
        if code[0] in "45":
            response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": _PROBLEM_REF}}
    if operation.get("parameters") or operation.get("requestBody"):
        responses.setdefault("422", _problem("The request names a wrong value at some path"))
    responses.setdefault("503", _problem("The store is busy; retry after the Retry-After delay"))
    if operation.get("requestBody"):
        responses.setdefault("400", _problem("The body could not be read"))
        responses.setdefault("413", _problem("The body is too large"))


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document, with problem details for every error response."""
    if app.openapi_schema is not None:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        separate_input_output_schemas=app.separate_input_output_schemas,
    )
    for path in schema.get("paths", {}).values():
        for method, operation in path.items():
            if method in _METHODS:
                _fix_operation(operation)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    if "ProblemDetails" not in components:
        own = ProblemDetails.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(own.pop("$defs", {}))
        components["ProblemDetails"] = own
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    _limit_time(components, app.state.settings.max_time_limit_s)
    _non_empty_lists(components)
    _bound_numbers(schema)
    components["JsonValue"] = _json_value()
    app.openapi_schema = schema
    return schema


def install(app: FastAPI) -> None:
    """Serve the corrected document at ``/openapi.json``."""

    def openapi() -> dict[str, Any]:
        return build_openapi(app)

    app.openapi = openapi  # type: ignore[method-assign]
