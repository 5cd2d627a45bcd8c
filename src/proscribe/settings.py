"""Settings read from the environment, in one place."""

from __future__ import annotations

import os
from pathlib import Path

from proscribe.errors import InputError

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


def cache_dir() -> Path:
    """Return the folder for caches that only save time (PROSCRIBE_CACHE_DIR, else
    $XDG_CACHE_HOME/proscribe, else ~/.cache/proscribe)."""
    explicit = os.environ.get("PROSCRIBE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    # The XDG spec ignores a relative $XDG_CACHE_HOME.
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "proscribe"


DEFAULT_WRITE_LOCK_TIMEOUT = 600.0


def write_lock_timeout() -> float:
    """Seconds a write waits for another to end (PROSCRIBE_WRITE_LOCK_TIMEOUT, else 600).

    A cron job may prefer to fail fast and try again at its next run.
    """
    raw = os.environ.get("PROSCRIBE_WRITE_LOCK_TIMEOUT")
    if raw is None:
        return DEFAULT_WRITE_LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses NaN
        raise InputError(f"PROSCRIBE_WRITE_LOCK_TIMEOUT={raw!r}: give a number of seconds (0 or more)")
    return value
