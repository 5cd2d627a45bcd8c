"""Helpers for the official-list integration tests: real files from ../shared, fresh SQLite stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from proscribe.ingest.core import init_registry
from proscribe.store import Store, open_store

SHARED_LISTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "lists"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"


def shared(*parts: str) -> Path:
    """A path under ../shared/data/lists, or skip the test when the shared data is absent."""
    path = SHARED_LISTS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared list data not available at {path}")
    return path


def fresh_store(folder: Path) -> Store:
    """An initialised SQLite store holding the bundled registry."""
    store = open_store(f"sqlite:///{folder / 'proscribe.db'}")
    init_registry(store)
    return store
