"""Helpers for the official-list integration tests: real files from ../shared, fresh SQLite stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from proscribe.ingest.core import init_registry
from proscribe.store import Store, open_store, schema

SHARED_LISTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "lists"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
# Every store `fresh_store` made, so conftest can check, after each test, that what its imports,
# withdrawals and identity changes left derived is what the claims give (proscribe.store.verify).
CREATED: list[Store] = []


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
    CREATED.append(store)
    return store


def entity_of(store: Store, source: str, key: str) -> str:
    """The entity the record `key` of `source` is linked to (as stored, merges not followed)."""
    spans = schema.record_spans
    with store.engine.connect() as conn:
        found = conn.execute(
            select(spans.c.entity_id).where(spans.c.source_name == source, spans.c.record_key == key)
        ).scalars()
        (entity_id,) = set(found)
    return str(entity_id)


def un_excerpt(folder: Path, keep: set[str], day: str) -> Path:
    """The 2020-01-01 UN fixture cut down to the records `keep`, re-dated `day`: an excerpt."""
    root = etree.parse(str(FIXTURES / "un" / "un_2020-01-01.xml")).getroot()
    root.set("dateGenerated", f"{day}T10:00:00Z")
    for section in root:
        for record in list(section):
            if record.findtext("REFERENCE_NUMBER", "").strip() not in keep:
                section.remove(record)
    path = folder / f"un_excerpt_{day}.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path
