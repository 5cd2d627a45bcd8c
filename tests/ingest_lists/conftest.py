"""Fixtures for the official-list integration tests; the helper module is importable in any import mode."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from proscribe.ingest.lists import ingest_list
from proscribe.store import Store
from proscribe.store.verify import verify_store

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from ingest_helpers import CREATED, fresh_store, shared  # noqa: E402


@pytest.fixture(autouse=True)
def _derived_rows_match_the_claims() -> Iterator[None]:
    """After each test, every store it made holds exactly the timelines and events its claims give:
    no import, withdrawal or identity change left an entity's derived rows behind. (About a minute
    of the suite: re-deriving the real OFAC and CSL stores is most of it.)"""
    first = len(CREATED)
    yield
    made = CREATED[first:]
    del CREATED[first:]
    for store in made:
        drift = verify_store(store).drift
        store.dispose()
        assert not drift, f"{store.url}: derived rows differ from the claims: {drift[:5]}"


@pytest.fixture(scope="module")
def un_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store with every UN consolidated-list snapshot ingested, in file-name (date) order (the 2016
    excerpt as the part of the list it is)."""
    folder = shared("un-sc-consolidated")
    store = fresh_store(tmp_path_factory.mktemp("un"))
    for path in sorted(folder.glob("*.xml")):
        ingest_list(store, "un-sc-consolidated", [path], partial="excerpt" in path.name)
    return store
