"""Settings read from the environment, in one place."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB_PATH = Path("proscribe.db")


def db_url() -> str:
    """Return the database URL: PROSCRIBE_DB_URL, else a SQLite file in the working directory."""
    url = os.environ.get("PROSCRIBE_DB_URL")
    if url:
        return url
    return f"sqlite:///{DEFAULT_DB_PATH}"


def data_home() -> Path:
    """Return the folder for downloaded raw files (PROSCRIBE_HOME, else ./.proscribe)."""
    return Path(os.environ.get("PROSCRIBE_HOME", ".proscribe"))
