"""Fixtures for the official-list integration tests; the helper module is importable in any import mode."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from proscribe.ingest.lists import ingest_list
from proscribe.store import Store

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from ingest_helpers import fresh_store, shared  # noqa: E402


@pytest.fixture(scope="module")
def un_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store with every UN consolidated-list snapshot ingested, in file-name (date) order (the 2016
    excerpt as the part of the list it is)."""
    folder = shared("un-sc-consolidated")
    store = fresh_store(tmp_path_factory.mktemp("un"))
    for path in sorted(folder.glob("*.xml")):
        ingest_list(store, "un-sc-consolidated", [path], partial="excerpt" in path.name)
    return store
