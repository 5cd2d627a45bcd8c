"""The HTTP JSON API (FastAPI) and the application factory that also serves the web pages."""

from proscribe.api.app import create_app

__all__ = ["create_app"]
