"""Entities minted from list records are named as their newest record names them, in any import order.

An import mints an entity for a record it cannot link (`un-kpe-054` for the UN's KPe.054) and
names it as the record does. Lists rename their entries: KPe.054, "MINISTRY OF THE PEOPLE'S ARMED
FORCES (MPAF)" up to 2020, is "MINISTRY OF NATIONAL DEFENCE" in 2025. So an entity minted from a
record is named by the newest held run of a record it was minted for (in any source minting with
the same prefix and key: OFAC's files share entry numbers): the name the list uses now, and the
same whichever snapshot was imported first. Entities of the curated registry, and those linked to
a record without being minted for it, keep their names. The old name stays one of the entity's
names, of the kind the newest record gives it (an alias when it gives none).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from functools import cache
from typing import get_args

from sqlalchemy import Connection

from proscribe.errors import NotFoundError
from proscribe.model import Name
from proscribe.model.entity import NameKind
from proscribe.resolve.identity import entity_id_for
from proscribe.sources.meta import source_meta
from proscribe.sources.variants import with_variants
from proscribe.store import bulk, schema, writer


def settle_names(conn: Connection, entity_ids: Collection[str]) -> set[str]:
    """Name each of `entity_ids` minted from list records as its newest record does; the ids changed.

    The newest record's primary name becomes the entity's name, and each name it states takes the
    kind it gives (a name the list re-classed from alias to former is a former name).
    """
    ids = sorted(set(entity_ids))
    if not ids:
        return set()
    runs = schema.record_spans
    newest: dict[str, tuple[date, date, str, str]] = {}
    columns = [runs.c.entity_id, runs.c.source_name, runs.c.record_key, runs.c.first_date, runs.c.last_date]
    for entity_id, source_name, record_key, first, last, names in bulk.select_in(
        conn, [*columns, runs.c.names], runs.c.entity_id, ids
    ):
        if names is None or not _minted_for(entity_id, source_name, record_key):
            continue
        rank = (_as_date(last), _as_date(first), source_name, names)
        if entity_id not in newest or rank > newest[entity_id]:
            newest[entity_id] = rank
    wanted = sorted(newest)
    entities, n = schema.entities, schema.names
    stored = dict(bulk.select_in(conn, [entities.c.id, entities.c.name], entities.c.id, wanted))
    kinds: dict[str, dict[str, str]] = {}
    for entity_id, value, kind in bulk.select_in(
        conn, [n.c.entity_id, n.c.value, n.c.kind], n.c.entity_id, wanted
    ):
        kinds.setdefault(entity_id, {})[value] = kind
    changes: dict[str, tuple[str, dict[str, str]]] = {}
    for entity_id, (_last, _first, _source, names) in newest.items():
        stated = [Name(str(value), _kind(kind)) for kind, value in json.loads(names)]
        name = next((n.value for n in stated if n.kind == "primary"), None)
        if name is None:
            continue
        given: dict[str, str] = {n.value: n.kind for n in stated if n.kind != "primary" and n.value != name}
        # The forms an import derives from each name (proscribe.sources.variants) follow it.
        for variant in with_variants(stated, acronyms=True):
            if variant.value != name:
                given.setdefault(variant.value, variant.kind)
        held = kinds.get(entity_id, {})
        if stored.get(entity_id) != name or any(held.get(v, k) != k for v, k in given.items()):
            changes[entity_id] = (name, given)
    writer.rename_entities(conn, changes)
    return set(changes)


@cache
def _prefix(source_name: str) -> str | None:
    try:
        return source_meta(source_name).entity_prefix
    except NotFoundError:
        return None  # a source no longer defined: its records name nothing


def _minted_for(entity_id: str, source_name: str, record_key: str) -> bool:
    prefix = _prefix(source_name)
    return prefix is not None and entity_id_for(prefix, record_key) == entity_id


def _kind(text: object) -> NameKind:
    # A kind this version does not know (a run stored by a later one) reads as a plain alias.
    return next((kind for kind in get_args(NameKind) if kind == text), "alias")


def _as_date(value: object) -> date:
    # SQLite hands back ISO text through a plain statement, PostgreSQL a date.
    return value if isinstance(value, date) else date.fromisoformat(str(value))
