"""The list pipeline on both backends (SQLite, and PostgreSQL when PROSCRIBE_TEST_PG_URL is set)."""

from __future__ import annotations

import pytest
from ingest_helpers import FIXTURES

from proscribe.errors import HostileInputError
from proscribe.ingest.lists import ingest_list
from proscribe.store import Store


def test_snapshots_in_any_order_reingest_and_hostile_input(registry: Store) -> None:
    later = ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-02-01.xml"])
    earlier = ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    assert (later.new_claims, earlier.new_claims, earlier.changes) == (7, 9, {"amend": 1, "delist": 1})
    before = registry.reader().content_hash()
    again = ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    assert (again.new_claims, again.already_held) == (0, True)
    with pytest.raises(HostileInputError):
        ingest_list(registry, "un-sc-consolidated", [FIXTURES / "hostile" / "xxe.xml"])
    assert registry.reader().content_hash() == before
    [delist] = [c for c in registry.reader().claims(entity_id="un-qdi-901") if c.action == "delist"]
    assert delist.date.iso() == "2020-01-02/2020-02-01"
