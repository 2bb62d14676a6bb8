"""The server above the adapters: the app factory mounting the API and the pages, and its start."""

from trainsched.server.app import create_app

__all__ = ["create_app"]
