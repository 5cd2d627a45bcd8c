"""Fixtures for the official-list integration tests."""

from __future__ import annotations

import pytest
from ingest_helpers import fresh_store, shared

from proscribe.ingest.lists import ingest_list
from proscribe.store import Store


@pytest.fixture(scope="module")
def un_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store with every UN consolidated-list snapshot ingested, in file-name (date) order."""
    folder = shared("un-sc-consolidated")
    store = fresh_store(tmp_path_factory.mktemp("un"))
    for path in sorted(folder.glob("*.xml")):
        ingest_list(store, "un-sc-consolidated", [path])
    return store
