"""Write side: append sources, entities, names and claims; rebuild derived timelines. All on one Connection.

Nothing here commits: the caller's transaction (Store.begin) makes a whole input atomic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, not_, or_, select, update

from proscribe import clock, vocab
from proscribe.model import (
    Claim,
    DesignationList,
    Entity,
    Event,
    Identifier,
    Name,
    Source,
    Timeline,
    filing_key,
    name_key,
)
from proscribe.resolve.timeline import resolve_timeline
from proscribe.sources.variants import rules as variant_rules
from proscribe.sources.variants import with_variants
from proscribe.store import bulk, judgements, schema, withdrawals
from proscribe.store.codec import claim_from_row, claim_to_row, entity_to_row, source_to_row, timeline_to_json
from proscribe.store.spans import seen_by_claim

_CHUNK = 500
_HASH_KEY = "content_hash"
_RULES_KEY = "resolver_rules"
_VOCABULARY_KEY = "authority_vocabulary"
_VARIANTS_KEY = "name_variants"


def _existing(conn: Connection, column: Any, values: Sequence[str]) -> set[str]:
    return bulk.existing(conn, column, values)


def sync_lists(conn: Connection, lists: Iterable[DesignationList] | None = None) -> int:
    """Make the lists table match the vocabulary (insert new, update changed). Returns rows touched."""
    wanted = {item.id: item for item in (lists if lists is not None else vocab.lists().values())}
    current = {row.id: row for row in conn.execute(select(schema.lists))}
    touched = 0
    for list_id, item in wanted.items():
        values = {
            "jurisdiction": item.jurisdiction,
            "name": item.name,
            "kind": item.kind,
            "publisher": item.publisher,
            "url": item.url,
        }
        row = current.get(list_id)
        if row is None:
            conn.execute(insert(schema.lists).values(id=list_id, **values))
            touched += 1
        elif any(getattr(row, key) != value for key, value in values.items()):
            conn.execute(update(schema.lists).where(schema.lists.c.id == list_id).values(**values))
            touched += 1
    return touched


def add_sources(conn: Connection, sources: Iterable[Source]) -> int:
    """Insert sources not yet stored; returns how many were new."""
    unique = {source.id: source for source in sources}
    new_ids = sorted(set(unique) - _existing(conn, schema.sources.c.id, sorted(unique)))
    if new_ids:
        conn.execute(insert(schema.sources), [source_to_row(unique[i]) for i in new_ids])
    return len(new_ids)


def redate_source(conn: Connection, source_id: str, published_on: date) -> list[tuple[str, str]]:
    """Give a held source a corrected publication date, and its claims the day they are known from.

    For an article read again with the date it was published, where it was stored without one
    or with another (a mistyped `--published`): "what did we know on K" counts its claims from
    this day. Folded into the content hash. Returns the (entity, list) of its claims, whose
    events' first-reported days follow the date.
    """
    conn.execute(
        update(schema.sources).where(schema.sources.c.id == source_id).values(published_on=published_on)
    )
    claims = schema.claims
    conn.execute(update(claims).where(claims.c.source_id == source_id).values(known_from=published_on))
    # The time makes the marker unique: a date put back must move the hash again, not cancel out.
    marker = f"source-date\x1f{source_id}\x1f{published_on.isoformat()}\x1f{clock.now().isoformat()}"
    _fold_into_content_hash(conn, [marker])
    query = select(claims.c.entity_id, claims.c.list_id).where(claims.c.source_id == source_id).distinct()
    return [(row.entity_id, row.list_id or "") for row in conn.execute(query)]


def add_entities(conn: Connection, entities: Iterable[Entity]) -> set[str]:
    """Insert new entities and any names/identifiers not yet known; returns the ids of the new ones.

    An entity whose row is stored without names was set aside (its only snapshot withdrawn, see
    proscribe.ingest.lent): minted again, it takes the fields of the record minting it now, not
    those the withdrawn file gave it.
    """
    unique = {entity.id: entity for entity in entities}
    ids = sorted(unique)
    new_ids = set(ids) - _existing(conn, schema.entities.c.id, ids)
    if new_ids:
        bulk.insert_rows(conn, schema.entities, [entity_to_row(unique[i]) for i in sorted(new_ids)])
    held = sorted(set(ids) - new_ids)
    taken_up = set(held) - _existing(conn, schema.names.c.entity_id, held)
    e = schema.entities
    for entity_id in sorted(taken_up):
        fields = {k: v for k, v in entity_to_row(unique[entity_id]).items() if k != "id"}
        conn.execute(update(e).where(e.c.id == entity_id).values(**fields))
    add_names(
        conn,
        {entity.id: entity.all_names() for entity in unique.values()},
        {entity.id: entity.identifiers for entity in unique.values()},
        fresh=new_ids,
    )
    return new_ids


def rename_entities(conn: Connection, renames: Mapping[str, tuple[str, Mapping[str, str]]]) -> None:
    """Name entities anew: {entity id: (canonical name, kind of each other name, by value)}.

    The canonical name becomes the entity's primary name; each name in `kinds` takes its kind,
    and a former primary name not in it becomes an alias. Folded into the content hash, as names
    are part of every answer about the entity.
    """
    if not renames:
        return
    add_names(conn, {entity_id: [Name(name, "primary")] for entity_id, (name, _) in renames.items()})
    n = schema.names
    folded: list[str] = []
    for entity_id, (name, kinds) in sorted(renames.items()):
        conn.execute(update(schema.entities).where(schema.entities.c.id == entity_id).values(name=name))
        held = {
            row.value: row.kind
            for row in conn.execute(select(n.c.value, n.c.kind).where(n.c.entity_id == entity_id))
        }
        wanted = {value: kinds.get(value, "alias") for value, kind in held.items() if kind == "primary"}
        wanted |= {value: kind for value, kind in kinds.items() if value in held}
        wanted[name] = "primary"
        for value, kind in sorted(wanted.items()):
            if held.get(value) != kind:
                where = and_(n.c.entity_id == entity_id, n.c.value == value)
                conn.execute(update(n).where(where).values(kind=kind))
                folded.append(f"name kind\x1f{entity_id}\x1f{value}\x1f{kind}")
        folded.append(f"renamed\x1f{entity_id}\x1f{name}")
    _fold_into_content_hash(conn, folded)


def identifiers_held_elsewhere(
    conn: Connection, identifiers: Mapping[str, Iterable[Identifier]]
) -> list[tuple[str, Identifier, str]]:
    """(entity, identifier, the other entity holding it) for each identifier another entity holds.

    An identifier names one organisation or person: lent to a second entity, every later record
    carrying it would match both, and be left unlinked as ambiguous.
    """
    wanted = {(entity_id, ident) for entity_id, idents in identifiers.items() for ident in idents}
    holders = holders_of(conn, [ident for _, ident in wanted])
    clashes = [
        (entity_id, ident, other)
        for entity_id, ident in wanted
        for other in holders.get(ident, set())
        if other != entity_id and entity_id not in holders[ident]
    ]
    return sorted(clashes, key=lambda clash: (clash[0], clash[1].key(), clash[2]))


def holders_of(conn: Connection, identifiers: Iterable[Identifier]) -> dict[Identifier, set[str]]:
    """The entities holding each of `identifiers` (those no entity holds are left out)."""
    wanted = set(identifiers)
    values = sorted({ident.value for ident in wanted})
    holders: dict[Identifier, set[str]] = {}
    i = schema.identifiers
    for entity_id, scheme, value in bulk.select_in(
        conn, [i.c.entity_id, i.c.scheme, i.c.value], i.c.value, values, _CHUNK
    ):
        ident = Identifier(scheme, value)
        if ident in wanted:
            holders.setdefault(ident, set()).add(entity_id)
    return holders


def add_names(
    conn: Connection,
    names: Mapping[str, Iterable[Name]],
    identifiers: Mapping[str, Iterable[Identifier]] | None = None,
    fresh: Collection[str] = frozenset(),
) -> int:
    """Give stored entities the names and identifiers they do not have yet; returns how many were added.

    Each name comes with the variants its brackets hold (proscribe.sources.variants: the
    original-script form, the name without a remark or an acronym), so every stored name can be
    searched and screened by them. Entities in `fresh` were created in this transaction (nothing
    of theirs to look up). What is added to the others changes the data, so it is folded into the
    content hash like a new claim.
    """
    identifiers = identifiers or {}
    known_names: set[tuple[str, str]] = set()
    known_idents: set[tuple[str, str, str]] = set()
    held = sorted((set(names) | set(identifiers)) - set(fresh))
    n, i = schema.names, schema.identifiers
    known_names.update(
        (entity_id, value)
        for entity_id, value in bulk.select_in(conn, [n.c.entity_id, n.c.value], n.c.entity_id, held, _CHUNK)
    )
    known_idents.update(
        (entity_id, scheme, value)
        for entity_id, scheme, value in bulk.select_in(
            conn, [i.c.entity_id, i.c.scheme, i.c.value], i.c.entity_id, held, _CHUNK
        )
    )
    name_rows: list[dict[str, Any]] = []
    ident_rows: list[dict[str, Any]] = []
    changes: list[str] = []
    for entity_id, entity_names in names.items():
        for name in with_variants(entity_names, acronyms=True):
            if (entity_id, name.value) in known_names:
                continue
            known_names.add((entity_id, name.value))
            name_rows.append(
                {
                    "entity_id": entity_id,
                    "value": name.value,
                    "kind": name.kind,
                    "script": name.script,
                    "lang": name.lang,
                    "key": name_key(name.value),
                }
            )
            if entity_id not in fresh:
                changes.append(f"name\x1f{entity_id}\x1f{name.value}")
    for entity_id, entity_identifiers in identifiers.items():
        for ident in entity_identifiers:
            if (entity_id, ident.scheme, ident.value) in known_idents:
                continue
            known_idents.add((entity_id, ident.scheme, ident.value))
            ident_rows.append({"entity_id": entity_id, "scheme": ident.scheme, "value": ident.value})
            if entity_id not in fresh:
                changes.append(f"identifier\x1f{entity_id}\x1f{ident.key()}")
    bulk.insert_rows(conn, schema.names, name_rows)
    bulk.insert_rows(conn, schema.identifiers, ident_rows)
    if changes:
        _fold_into_content_hash(conn, changes)
    return len(changes)


def add_claims(
    conn: Connection,
    claims: Iterable[Claim],
    now: datetime | None = None,
    new_entities: Collection[str] = frozenset(),
) -> list[Claim]:
    """Append claims not yet stored (deterministic ids: a re-import adds nothing); return the new ones.

    Claims about `new_entities` (created in this transaction) cannot be stored yet, so only the
    others are looked up.
    """
    unique = {claim.id: claim for claim in claims}
    maybe_held = sorted(cid for cid, claim in unique.items() if claim.entity_id not in new_entities)
    new_ids = sorted(set(unique) - _existing(conn, schema.claims.c.id, maybe_held))
    stamp = now or clock.now()
    if new_ids:
        bulk.insert_rows(
            conn, schema.claims, [{**claim_to_row(unique[i]), "ingested_at": stamp} for i in new_ids]
        )
        _fold_into_content_hash(conn, new_ids)
    return [unique[i] for i in new_ids]


def add_grounds(conn: Connection, grounds: Iterable[tuple[str, str]]) -> set[str]:
    """Record the snapshots a claim was made on the word of (claim id, source id), once each;
    return the claims that gained a ground (a ground a withdrawn snapshot left may count them again)."""
    wanted = sorted(set(grounds))
    if not wanted:
        return set()
    g = schema.claim_grounds
    claim_ids = sorted({claim_id for claim_id, _ in wanted})
    held: set[tuple[str, str]] = set()
    for start in range(0, len(claim_ids), 500):
        rows = conn.execute(
            select(g.c.claim_id, g.c.source_id).where(g.c.claim_id.in_(claim_ids[start : start + 500]))
        )
        held.update((row.claim_id, row.source_id) for row in rows)
    new = [pair for pair in wanted if pair not in held]
    if new:
        conn.execute(
            insert(g), [{"claim_id": claim_id, "source_id": source_id} for claim_id, source_id in new]
        )
        _fold_into_content_hash(conn, [f"ground\x1f{claim_id}\x1f{source_id}" for claim_id, source_id in new])
    return {claim_id for claim_id, _ in new}


# The record detail kinds a read answer shows, by the word their rows fold into the content hash.
_FOLDED = {"birth_date": "birth", "nationality": "nationality"}


def add_record_details(conn: Connection, source_name: str, details: Iterable[tuple[str, str, str]]) -> int:
    """Record what list records state beyond their names ((record key, kind, value): `identifier`
    as `scheme:value`, `country` as the file writes it, `birth_date` as proscribe.model.birth stores
    it, `nationality` as the file writes it), once each; return how many were new."""
    wanted = set(details)
    if not wanted:
        return 0
    d = schema.record_details
    held: set[tuple[str, str, str]] = set()
    if conn.execute(select(d.c.record_key).where(d.c.source_name == source_name).limit(1)).first():
        keys = sorted({key for key, _, _ in wanted})
        for start in range(0, len(keys), 500):
            rows = conn.execute(
                select(d.c.record_key, d.c.kind, d.c.value).where(
                    d.c.source_name == source_name, d.c.record_key.in_(keys[start : start + 500])
                )
            )
            held.update((row.record_key, row.kind, row.value) for row in rows)
    new = sorted(wanted - held)
    # Dates of birth and nationalities are read from these rows (Reader.birth_dates, .nationalities)
    # and change what screening and the identity suggestions return, so a new one moves the content
    # hash that cached answers key on; the other kinds only record where an entity's identifiers and
    # countries came from.
    shown = [
        f"{_FOLDED[kind]}\x1f{source_name}\x1f{key}\x1f{value}" for key, kind, value in new if kind in _FOLDED
    ]
    if shown:
        _fold_into_content_hash(conn, shown)
    bulk.insert_rows(
        conn,
        d,
        [
            {"source_name": source_name, "record_key": key, "kind": kind, "value": value}
            for key, kind, value in new
        ],
    )
    return len(new)


def _fold_into_content_hash(conn: Connection, items: Sequence[str]) -> None:
    """Keep an order-independent digest of the data and a count of what it folds.

    It folds (XOR of their hashes) every claim id and every name or identifier added to an
    entity stored earlier: each is added once, so the digest changes whenever the data does.
    """
    row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == _HASH_KEY)).first()
    count, acc = (0, 0) if row is None else (int(row[0].split("-")[0]), int(row[0].split("-")[1], 16))
    for item in items:
        acc ^= int.from_bytes(hashlib.sha256(item.encode()).digest()[:16], "big")
    value = f"{count + len(items)}-{acc:032x}"
    if row is None:
        conn.execute(insert(schema.meta).values(key=_HASH_KEY, value=value))
    else:
        conn.execute(update(schema.meta).where(schema.meta.c.key == _HASH_KEY).values(value=value))


def note_change(conn: Connection, marker: str) -> None:
    """Fold a change that adds no claim (an identity judgement, say) into the content hash.

    Every cached answer (API ETags, screening indexes) keys on the hash, so it must move whenever
    what the reads return does. `marker` must be unique to the change.
    """
    _fold_into_content_hash(conn, [marker])


def rebuild_timelines(
    conn: Connection, keys: Iterable[tuple[str, str]], fresh: Mapping[str, Sequence[Claim]] | None = None
) -> int:
    """Re-derive the stored timelines and events of every list of the affected entities.

    Works in chunks of entities: one query loads all their claims, one deletes their derived rows,
    two bulk inserts write the new ones, so a snapshot touching a thousand entities costs a handful
    of statements rather than several per (entity, list). Entities in `fresh` were created in
    this transaction: all their claims are given, none are stored elsewhere, nothing is derived
    yet, and a run of theirs has one sighting, its first (the resolver's default). Returns the
    number of timelines written.

    Timelines belong to canonical entities (proscribe.store.judgements): an entity merged into
    another has none; its claims go into the other's.
    """
    fresh = fresh or {}
    merged = judgements.canonical_map(conn)
    entity_ids = sorted({merged.get(entity_id, entity_id) for entity_id, _list_id in keys})
    count = 0
    for start in range(0, len(entity_ids), _CHUNK):
        derived = derive_timelines(conn, entity_ids[start : start + _CHUNK], merged, fresh)
        if derived.held:
            conn.execute(delete(schema.timelines).where(schema.timelines.c.entity_id.in_(derived.held)))
            conn.execute(delete(schema.events).where(schema.events.c.entity_id.in_(derived.held)))
        bulk.insert_rows(conn, schema.timelines, derived.timelines)
        bulk.insert_rows(conn, schema.events, derived.events)
        count += len(derived.timelines)
    return count


@dataclass(frozen=True)
class DerivedRows:
    """What the resolver derives for some canonical entities, as the rows the store keeps."""

    held: list[str]  # the stored entities whose derived rows these replace (members of merges too)
    timelines: list[dict[str, Any]]
    events: list[dict[str, Any]]


def derive_timelines(
    conn: Connection,
    chunk: Sequence[str],
    merged: Mapping[str, str],
    fresh: Mapping[str, Sequence[Claim]] | None = None,
) -> DerivedRows:
    """The timeline and event rows the resolver derives from the counted claims of the canonical
    entities `chunk` (and of the entities merged into them), without writing anything."""
    fresh = fresh or {}
    held = judgements.with_members(merged, [entity_id for entity_id in chunk if entity_id not in fresh])
    grouped: dict[tuple[str, str], list[Claim]] = {}
    loaded: list[Claim] = []
    if held:
        query = select(schema.claims).where(schema.claims.c.entity_id.in_(held), withdrawals.counted())
        loaded = [claim_from_row(row) for row in conn.execute(query).all()]
    seen = seen_by_claim(conn, loaded)
    for entity_id in chunk:
        loaded.extend(fresh.get(entity_id, ()))
    for claim in loaded:
        if claim.list_id:
            owner = merged.get(claim.entity_id, claim.entity_id)
            grouped.setdefault((owner, claim.list_id), []).append(claim)
    resolved = [
        (claims, resolve_timeline(entity_id, claims[0].jurisdiction, list_id, claims, seen=seen))
        for (entity_id, list_id), claims in sorted(grouped.items())
    ]
    # Names file the events; most timelines of a first import have none, so only those are read.
    filed = sorted({timeline.entity_id for _, timeline in resolved if timeline.events} & set(chunk))
    e = schema.entities
    names = {row[0]: row[1] for row in bulk.select_in(conn, [e.c.id, e.c.name], e.c.id, filed)}
    timeline_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    for claims, timeline in resolved:
        entity_id, list_id = timeline.entity_id, timeline.list_id
        last = timeline.intervals[-1] if timeline.intervals else None
        is_open = last is not None and last.until_day is None
        timeline_rows.append(
            {
                "entity_id": entity_id,
                "list_id": list_id,
                "jurisdiction": timeline.jurisdiction,
                "data": timeline_to_json(timeline),
                "conflicts": len(timeline.conflicts),
                "open_state": last.state if last is not None and is_open else None,
                "open_from": last.from_day if last is not None and is_open else None,
            }
        )
        if not timeline.events:
            continue  # a list snapshot's state alone (most first imports): no event rows
        sort_name = filing_key(names.get(entity_id, ""))[:200]
        by_id = {claim.id: claim for claim in claims}
        event_rows.extend(
            _event_row(timeline, event, sort_name, _first_reported(by_id, event.claim_ids))
            for event in timeline.events
        )
    return DerivedRows(held, timeline_rows, event_rows)


def stored_rules_version(conn: Connection) -> int | None:
    """The resolver rules version the stored timelines were derived with (None: not recorded)."""
    row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == _RULES_KEY)).first()
    return int(row[0]) if row else None


def rederive_on_new_rules(conn: Connection, version: int, vocabulary: str = "") -> int:
    """Re-derive every stored timeline when the resolver's rules or vocabulary changed since they were stored.

    The store records the rules version its timelines were derived with, and a digest of the
    vocabulary they name bodies by (`vocabulary`: a timeline says "Public Safety Canada" for
    "Public Safety Minister Bill Blair" only while the vocabulary knows that wording). A store
    without a version that holds timelines predates the record (version 1); one without a digest
    is re-derived once. Re-deriving folds the new version and digest into the content hash: the
    answers change, so every cached answer must go. Returns the number of timelines re-derived
    (0 when nothing changed, or the store holds none yet).
    """
    stored = stored_rules_version(conn)
    stored_vocabulary = _meta_value(conn, _VOCABULARY_KEY)
    if stored == version and stored_vocabulary == vocabulary:
        return 0
    entity_ids = [r[0] for r in conn.execute(select(schema.timelines.c.entity_id).distinct())]
    count = 0
    if entity_ids:
        count = rebuild_timelines(conn, [(entity_id, "") for entity_id in entity_ids])
        _fold_into_content_hash(conn, [f"resolver-rules\x1f{version}\x1f{vocabulary}"])
    _set_meta_value(conn, _RULES_KEY, str(version))
    _set_meta_value(conn, _VOCABULARY_KEY, vocabulary)
    return count


def _meta_value(conn: Connection, key: str) -> str | None:
    row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).first()
    return str(row[0]) if row else None


def _set_meta_value(conn: Connection, key: str, value: str) -> None:
    if _meta_value(conn, key) is None:
        conn.execute(insert(schema.meta).values(key=key, value=value))
    else:
        conn.execute(update(schema.meta).where(schema.meta.c.key == key).values(value=value))


def add_variants_on_new_rules(conn: Connection, version: int) -> int:
    """Give stored names the variants the current rules find (proscribe.sources.variants), once per version.

    The store records the variant rules version its names were written with; names stored under
    another (or before variants existed) may lack variants the rules now find. Only names with
    brackets, a trailing comma or a separator can have any, so only those are read. Returns the
    number of names added (folded into the content hash by `add_names`).
    """
    row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == _VARIANTS_KEY)).first()
    if row is not None and int(row[0]) == version:
        return 0
    n = schema.names
    bracketed = or_(
        n.c.value.contains("(", autoescape=True),
        n.c.value.contains(")", autoescape=True),
        n.c.value.endswith(",", autoescape=True),
        n.c.value.endswith(";", autoescape=True),
        *(n.c.value.contains(separator.strip(), autoescape=True) for separator in variant_rules().separators),
    )
    stated: dict[str, list[Name]] = {}
    for r in conn.execute(select(n.c.entity_id, n.c.value, n.c.kind, n.c.script, n.c.lang).where(bracketed)):
        stated.setdefault(r.entity_id, []).append(Name(r.value, r.kind, r.script, r.lang))
    added = add_names(conn, stated) if stated else 0
    if row is None:
        conn.execute(insert(schema.meta).values(key=_VARIANTS_KEY, value=str(version)))
    else:
        conn.execute(update(schema.meta).where(schema.meta.c.key == _VARIANTS_KEY).values(value=str(version)))
    return added


def unsettled_by_sighting(
    conn: Connection, keys: Iterable[tuple[str, str]], day: date
) -> set[tuple[str, str]]:
    """The (entity, list) timelines that one more `listed` sighting on `day` could change.

    By the resolver's rules a sighting only matters through conflicts (rules 5 and 8): a timeline
    with no conflict whose open-ended last interval is `listed` on `day` stays the same, so only
    the others (and any not stored yet) need re-deriving. On a list whose listings lapse after a
    term, a sighting also shows the listing in force (rule 15): those always are.
    """
    merged = judgements.canonical_map(conn)
    wanted = {(merged.get(entity_id, entity_id), list_id) for entity_id, list_id in keys}
    entity_ids = sorted({entity_id for entity_id, _ in wanted})
    stored: set[tuple[str, str]] = set()
    unsettled: set[tuple[str, str]] = set()
    t = schema.timelines
    termed = sorted(item.id for item in vocab.lists().values() if item.term_years)
    settled = and_(
        t.c.conflicts == 0,
        t.c.open_state == "listed",
        or_(t.c.open_from.is_(None), t.c.open_from <= day),
        t.c.list_id.not_in(termed),
    )
    for start in range(0, len(entity_ids), _CHUNK):
        chunk = entity_ids[start : start + _CHUNK]
        # Two narrow reads: which timelines exist, and the few that are not settled.
        query = select(t.c.entity_id, t.c.list_id).where(t.c.entity_id.in_(chunk))
        stored.update((row[0], row[1]) for row in conn.execute(query).all())
        unsettled.update((row[0], row[1]) for row in conn.execute(query.where(not_(settled))).all())
    return (wanted - stored) | (wanted & unsettled)


def _first_reported(claims: Mapping[str, Claim], claim_ids: Sequence[str]) -> date | None:
    """The first day a held source reported an event: its claims' earliest publication (else
    retrieval) day, or, for a claim with neither, the earliest day of the event it reports, as
    `as_of` counts claims (Claim.known_by)."""
    days = [
        day
        for day in (claims[cid].known_from or claims[cid].date.earliest for cid in claim_ids if cid in claims)
        if day is not None
    ]
    return min(days, default=None)


def _event_row(
    timeline: Timeline, event: Event, sort_name: str, first_reported: date | None
) -> dict[str, Any]:
    return {
        "id": "evt-" + hashlib.sha256("|".join(event.claim_ids).encode()).hexdigest()[:20],
        "entity_id": timeline.entity_id,
        "list_id": timeline.list_id,
        "jurisdiction": timeline.jurisdiction,
        "action": event.action,
        "date_earliest": event.date.earliest,
        "date_latest": event.date.latest,
        "date_text": event.date.iso(),
        "authority": "; ".join(event.authorities) or None,
        "claim_ids": "|".join(event.claim_ids),
        "refuted": event.refuted,
        "sort_name": sort_name,
        "first_reported": first_reported,
    }
