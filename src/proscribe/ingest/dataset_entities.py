"""Bring a store's bundled entities to the current dataset at `init`: their names and numbers.

`init` adds what the dataset gives that the store lacks, and sets aside the claims it no longer
makes. Names and identifiers cite no source, so without this a store initialised with an older
dataset would keep an alias the dataset has since dropped as wrong (and screening and news linking
would go on matching it), a list number corrected in `list_numbers.yaml` would go on linking that
list's record to the wrong entity, and a renamed entity would keep its old canonical name.

So each bundled entity takes the dataset's canonical name (the old one stays an alias, as when a
list renames its entry) and its row's kind, country, description and note; and it loses the names
and identifiers that neither the dataset nor a held list record linked to it gives (runs keep the
names each record states, `record_details` its numbers: the rule of proscribe.ingest.lent). When a
record on the entity was read before runs kept names, or before details were kept, nothing of that
kind is taken from the entity: nothing is removed on a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, and_, delete, select, update

from proscribe import clock
from proscribe.ingest.lent import names_of, scheme_of
from proscribe.model import Entity, Identifier, Name
from proscribe.sources.variants import with_variants
from proscribe.store import bulk, schema, writer

_CHUNK = 500  # record keys per IN (...) list, well under every backend's bound-parameter limit


@dataclass(frozen=True)
class Refreshed:
    """What `refresh` changed: entity rows brought to the dataset, names and identifiers retracted."""

    entities: int = 0
    names: int = 0
    identifiers: int = 0


def refresh(conn: Connection, bundled: Sequence[Entity]) -> Refreshed:
    """Bring the stored rows, names and identifiers of the `bundled` entities to the dataset's."""
    by_id = {entity.id: entity for entity in bundled}
    ids = sorted(by_id)
    e = schema.entities
    columns = [e.c.id, e.c.name, e.c.kind, e.c.country, e.c.description, e.c.note]
    renamed: dict[str, tuple[str, dict[str, str]]] = {}
    updated: set[str] = set()
    for entity_id, name, kind, country, description, note in bulk.select_in(conn, columns, e.c.id, ids):
        entity = by_id[entity_id]
        wanted = (entity.kind, entity.country, entity.description, entity.note)
        if (kind, country, description, note) != wanted:
            values = dict(zip(("kind", "country", "description", "note"), wanted, strict=True))
            conn.execute(update(e).where(e.c.id == entity_id).values(**values))
            updated.add(entity_id)
        if name != entity.name:
            renamed[entity_id] = (entity.name, {})
    writer.rename_entities(conn, renamed)
    runs = schema.record_spans
    run_rows = bulk.select_in(
        conn, [runs.c.entity_id, runs.c.source_name, runs.c.record_key, runs.c.names], runs.c.entity_id, ids
    )
    names = _retract_names(conn, by_id, run_rows)
    identifiers = _retract_identifiers(conn, by_id, run_rows)
    changed = Refreshed(len(updated | set(renamed)), names, identifiers)
    if changed != Refreshed():
        writer.note_change(conn, f"dataset-entities\x1f{changed}\x1f{clock.now().isoformat()}")
    return changed


def _retract_names(conn: Connection, by_id: dict[str, Entity], run_rows: Sequence[tuple[object, ...]]) -> int:
    """Delete the names no held record on the entity and not the dataset gives; how many went."""
    stated: dict[str, list[str | None]] = {}
    for entity_id, _source, _key, text in run_rows:
        stated.setdefault(str(entity_id), []).append(None if text is None else str(text))
    given: dict[str, set[str]] = {}
    for entity_id, entity in by_id.items():
        texts = stated.get(entity_id, [])
        if not any(text is None for text in texts):
            names = [Name(entity.name, "primary"), *entity.names, *names_of(texts)]
            given[entity_id] = {name.value for name in with_variants(names, acronyms=True)}
    n = schema.names
    stale: list[tuple[str, str]] = []
    for entity_id, value in bulk.select_in(conn, [n.c.entity_id, n.c.value], n.c.entity_id, sorted(given)):
        if str(value) not in given[str(entity_id)]:
            stale.append((str(entity_id), str(value)))
    for entity_id, value in stale:
        conn.execute(delete(n).where(n.c.entity_id == entity_id, n.c.value == value))
    return len(stale)


def _retract_identifiers(
    conn: Connection, by_id: dict[str, Entity], run_rows: Sequence[tuple[object, ...]]
) -> int:
    """Delete the identifiers no held record on the entity and not the dataset gives; how many went."""
    records: dict[str, set[tuple[str, str]]] = {}
    for entity_id, source_name, key, _text in run_rows:
        records.setdefault(str(entity_id), set()).add((str(source_name), str(key)))
    d = schema.record_details
    wanted = {pair for pairs in records.values() for pair in pairs}
    told: dict[tuple[str, str], set[str]] = {}
    for source_name in sorted({source for source, _ in wanted}):
        keys = sorted(key for source, key in wanted if source == source_name)
        for start in range(0, len(keys), _CHUNK):
            query = select(d.c.record_key, d.c.kind, d.c.value).where(
                d.c.source_name == source_name, d.c.record_key.in_(keys[start : start + _CHUNK])
            )
            for key, kind, value in conn.execute(query):
                facts = told.setdefault((source_name, str(key)), set())
                if kind == "identifier":
                    facts.add(str(value))
    i = schema.identifiers
    given: dict[str, set[str]] = {}
    for entity_id, entity in by_id.items():
        pairs = records.get(entity_id, set())
        if all(pair in told for pair in pairs):
            known = {ident.key() for ident in entity.identifiers}
            known |= {value for pair in pairs for value in told[pair]}
            known |= {f"{scheme}:{key}" for source, key in pairs if (scheme := scheme_of(source)) is not None}
            given[entity_id] = known
    stale: list[tuple[str, str, str]] = []
    for entity_id, scheme, value in bulk.select_in(
        conn, [i.c.entity_id, i.c.scheme, i.c.value], i.c.entity_id, sorted(given)
    ):
        if Identifier(str(scheme), str(value)).key() not in given[str(entity_id)]:
            stale.append((str(entity_id), str(scheme), str(value)))
    i = schema.identifiers
    for entity_id, scheme, value in stale:
        where = and_(i.c.entity_id == entity_id, i.c.scheme == scheme, i.c.value == value)
        conn.execute(delete(i).where(where))
    return len(stale)
