"""The ASGI entry point `proscribe serve` hands to uvicorn (an import string, so workers can re-import it).

The database URL comes from PROSCRIBE_DB_URL (set by `proscribe serve --db`), else ./proscribe.db.
"""

from __future__ import annotations

from fastapi import FastAPI

from proscribe.api.app import create_app
from proscribe.store import open_store


def app_from_env() -> FastAPI:
    """Open the configured store and build the app (uvicorn calls this in each worker)."""
    return create_app(open_store())
