"""``/docs`` and ``/redoc`` served wholly from the app's own files, never from a CDN.

Offices on a government intranet reach no outside host: the Swagger UI and ReDoc files
come from the ``fastapi-offline`` package and are served under ``/docs-assets``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from trainsched.httpheaders import CONTENT_SECURITY_POLICY

ASSETS = "/docs-assets"
_OWN = Path(__file__).resolve().parent / "docs_static"
# Both viewers insert <style> elements as they draw, and ReDoc searches in a blob worker;
# scripts stay the app's own files.
_DOCS_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
).replace("default-src 'self'", "default-src 'self'; worker-src 'self' blob:")

_SWAGGER = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{title}} – Swagger UI</title>
<link rel="icon" href="{ASSETS}/favicon.png">
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="{ASSETS}/swagger-init.js"></script></body></html>
"""
_REDOC = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{title}} – ReDoc</title>
<link rel="icon" href="{ASSETS}/favicon.png"></head>
<body><redoc spec-url="/openapi.json"></redoc>
<script src="{ASSETS}/redoc.standalone.js"></script></body></html>
"""


def install(app: FastAPI) -> None:
    """Serve the API documentation pages and their assets on ``app``."""
    assets = StaticFiles(directory=_OWN, packages=[("fastapi_offline", "static")])
    app.mount(ASSETS, assets, name="docs-assets")

    def page(template: str) -> HTMLResponse:
        html = template.replace("{title}", app.title)
        return HTMLResponse(html, headers={"Content-Security-Policy": _DOCS_POLICY})

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return page(_SWAGGER)

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return page(_REDOC)
